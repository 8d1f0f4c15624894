/**
 * The web app speaks through the server's own catalogue (src/i18n), so statuses, event labels and
 * errors read the same in the browser, in messages and in API errors.
 */
import { createContext, useContext } from 'react';
// Every room's messages join the catalogue (the server does the same in src/modules.ts).
import '../../src/catalogue.ts';
import { t as translate, isLocale, latToCyr, negotiateLocale, LOCALES, type Locale, type MessageKey, type MessageParams } from '../../src/i18n/index.ts';
import { INTL_LOCALE } from '../../src/i18n/locales.ts';
import { actorLabel } from '../../src/i18n/names.ts';
import { addMessageFile, hasMessageFile } from '../../src/i18n/catalog.ts';
import type { HandwrittenLocale } from '../../src/i18n/locales.ts';
import { DEFAULT_TIME_ZONE } from './tz.ts';

export { LOCALES, type Locale, type MessageKey };

/** Each language named in itself, as a language switcher should. */
export const LOCALE_NAMES: Record<Locale, string> = {
  'sr-Latn': 'Srpski (latinica)',
  'sr-Cyrl': 'Српски (ћирилица)',
  bs: 'Bosanski',
  hr: 'Hrvatski',
  cnr: 'Crnogorski',
  sl: 'Slovenščina',
  en: 'English',
};

// `cnr` is not in the language lists of screen readers and checkers yet; Montenegrin in Latin script
// as sr-Latn-ME is pronounced correctly by them.
export const HTML_LANG: Record<Locale, string> = { 'sr-Latn': 'sr-Latn', 'sr-Cyrl': 'sr-Cyrl', bs: 'bs', hr: 'hr', cnr: 'sr-Latn-ME', sl: 'sl', en: 'en' };

// The locale given to Intl for each language (src/i18n/locales.ts; bs and cnr go by Serbian Latin data).
export { INTL_LOCALE };

/** The languages the bundle does not carry, each its own chunk (web/src/locale-files.web.ts). */
const LOCALE_FILE_CHUNKS: Record<Exclude<HandwrittenLocale, 'sr-Latn'>, () => Promise<{ default: Record<string, string> }>> = {
  bs: () => import('../../locales/bs.json'),
  hr: () => import('../../locales/hr.json'),
  cnr: () => import('../../locales/cnr.json'),
  sl: () => import('../../locales/sl.json'),
  en: () => import('../../locales/en.json'),
};

/** Whether a language's messages are here already (sr-Latn and sr-Cyrl always are). */
export const localeFileReady = (locale: Locale): boolean => locale === 'sr-Latn' || locale === 'sr-Cyrl' || hasMessageFile(locale);

/** Loads a language's messages once, before a screen is shown in it (sr-Latn and sr-Cyrl need nothing). */
export async function loadLocaleFile(locale: Locale): Promise<void> {
  if (locale === 'sr-Latn' || locale === 'sr-Cyrl' || hasMessageFile(locale)) return;
  addMessageFile(locale, (await LOCALE_FILE_CHUNKS[locale]()).default);
}

const STORAGE_KEY = 'glas.locale';
const LOCALE_COOKIE = 'glas_lang';

export function initialLocale(): Locale {
  // A link from a server page (the weekly overview) names the reader's language.
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (isLocale(asked)) return asked;
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    /* storage blocked: use the browser's languages */
  }
  if (isLocale(saved)) return saved;
  return negotiateLocale(null, (navigator.languages ?? [navigator.language]).join(','));
}

/**
 * The pages Glas renders on the server (weekly overview, unit report, PDF, XLSX) and its API read this
 * cookie, so they speak the language chosen here rather than the browser's (src/http/locale.ts). Set
 * while rendering, before any child's effect asks the server for something in the new language.
 */
export function rememberLocaleCookie(locale: Locale) {
  if (typeof document === 'undefined' || document.cookie.includes(`${LOCALE_COOKIE}=${locale}`)) return;
  // biome-ignore lint/suspicious/noDocumentCookie: one plain preference cookie; the Cookie Store API is not in every browser.
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; SameSite=Lax`;
}

export function saveLocale(locale: Locale) {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* not fatal */
  }
}

export interface I18n {
  locale: Locale;
  /** The locale given to Intl formatters for this language. */
  intlLocale: string;
  t(key: MessageKey, params?: MessageParams): string;
  dateTime(iso: string | null | undefined): string;
  date(iso: string | null | undefined): string;
  /** Fetches this installation's wording again (after an administrator changed it) and shows it everywhere. */
  reloadWording(): void;
  /** Who acted: a name Glas itself acts under ("Web form") in this language, a person's name as it is. */
  actor(name: string): string;
  /** A name kept per language (case types): this language, else Serbian (transliterated for Cyrillic), else any. */
  localName(names: Partial<Record<string, string>> | null | undefined): string;
}

/** Dates and times read on the municipality's clock (`timeZone`, from the server), not the browser's. */
export function makeI18n(locale: Locale, timeZone: string = DEFAULT_TIME_ZONE, reloadWording: () => void = () => {}): I18n {
  const dt = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const d = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'medium', timeZone });
  return {
    locale,
    intlLocale: INTL_LOCALE[locale],
    t: (key, params) => translate(locale, key, params),
    dateTime: (iso) => (iso ? dt.format(new Date(iso)) : '—'),
    date: (iso) => (iso ? d.format(new Date(iso)) : '—'),
    actor: (name) => actorLabel(locale, name),
    reloadWording,
    localName(names) {
      if (!names) return '—';
      const own = names[locale];
      if (own) return own;
      const sr = names['sr-Latn'];
      if (locale === 'sr-Cyrl' && sr) return latToCyr(sr);
      return sr ?? names.en ?? Object.values(names).find(Boolean) ?? '—';
    },
  };
}

export const I18nContext = createContext<I18n>(makeI18n('sr-Latn'));
export const useI18n = () => useContext(I18nContext);
