/**
 * The message catalogue: one ICU MessageFormat file per handwritten language (locales/<locale>.json,
 * flat key → message, the form Weblate, Crowdin and Pontoon import and export as it is), formatted by
 * FormatJS intl-messageformat with the CLDR plural rules of each language (sr, bs, hr, cnr: one, few,
 * other; sl: one, two, few, other). sr-Cyrl is derived from sr-Latn by transliterating the message's
 * text (never its syntax), unless locales/sr-Cyrl.overrides.json gives a key its own Cyrillic text.
 * An installation's own wording (administration, kept in the database) is laid over the files with
 * `setMessageOverrides`; a Latin override is transliterated for Cyrillic like the file's text.
 * The same module serves the server and the web app (web/src/i18n.ts).
 */
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import SR_LATN from '../../locales/sr-Latn.json' with { type: 'json' };
import { STARTING_FILES } from './locale-files.ts';
import SR_CYRL_OVERRIDES from '../../locales/sr-Cyrl.overrides.json' with { type: 'json' };
import { DEFAULT_LOCALE, INTL_LOCALE, LOCALES, isLocale } from './locales.ts';
import type { HandwrittenLocale, Locale } from './locales.ts';
import { latToCyr } from './transliterate.ts';

/**
 * Every key of the catalogue, for the compiler: the keys of the sr-Latn file (the source language;
 * test/catalogue.test.ts holds every other file to the same keys), so `t` checks keys at compile time.
 */
export interface MessageCatalogue extends Record<keyof typeof SR_LATN, true> {}
export type MessageKey = keyof MessageCatalogue & string;
export type MessageParams = Readonly<Record<string, string | number>>;

export const HANDWRITTEN_LOCALES: readonly HandwrittenLocale[] = LOCALES.filter((l): l is HandwrittenLocale => l !== 'sr-Cyrl');

/**
 * The files as shipped, per handwritten language: on the server all of them from the start; in the
 * web app the source language, and the others as addMessageFile brings them (src/i18n/locale-files.ts).
 */
export const MESSAGE_FILES: Partial<Record<HandwrittenLocale, Readonly<Record<string, string>>>> = { ...STARTING_FILES };

/** Adds a language's file that was loaded later (the web app loads the reader's language on first use). */
export function addMessageFile(locale: HandwrittenLocale, file: Readonly<Record<string, string>>): void {
  MESSAGE_FILES[locale] = file;
  compiled.clear();
}

/** Whether a language's file is here (always on the server). */
export const hasMessageFile = (locale: HandwrittenLocale): boolean => MESSAGE_FILES[locale] !== undefined;
/** Keys whose Cyrillic the transliteration gets wrong, with their own text. */
export const SR_CYRL_FILE: Readonly<Record<string, string>> = SR_CYRL_OVERRIDES;

/** Every key, in the sr-Latn file's order. */
export const MESSAGE_KEYS: readonly MessageKey[] = Object.keys(SR_LATN) as MessageKey[];

/** An installation's wording, laid over the files: locale → key → ICU message. */
export type MessageOverrides = Readonly<Partial<Record<Locale, Readonly<Record<string, string>>>>>;
let overrides: MessageOverrides = {};

interface Compiled {
  source: string;
  format: IntlMessageFormat | null;
  /** The simple arguments (`{name}`): a missing value shows as `{name}` rather than failing. */
  simple: readonly string[];
}
const compiled = new Map<string, Compiled>();

/** Replaces the installation's overrides (all of them); the next message formatted uses them. */
export function setMessageOverrides(next: MessageOverrides): void {
  overrides = next;
  compiled.clear();
}

/** The ICU source of `key` in `locale`, overrides included; undefined for an unknown key. */
export function messageSource(locale: Locale, key: string): string | undefined {
  if (!Object.hasOwn(SR_LATN, key)) return undefined;
  const own = overrides[locale]?.[key];
  if (own !== undefined) return own;
  if (locale === 'sr-Cyrl') {
    // A Latin override is newer than the file's Cyrillic exception, so it wins over it.
    const latin = overrides['sr-Latn']?.[key];
    if (latin === undefined && Object.hasOwn(SR_CYRL_FILE, key)) return SR_CYRL_FILE[key];
    return icuLatToCyr(latin ?? (SR_LATN as Record<string, string>)[key] ?? '');
  }
  // A language whose file is not loaded yet reads the source language rather than bare keys.
  return (MESSAGE_FILES[locale] ?? SR_LATN)[key as keyof typeof SR_LATN];
}

/** The names of the simple arguments (`{name}`) anywhere in a message. */
function simpleArguments(ast: readonly MessageFormatElement[], into: Set<string>): Set<string> {
  for (const el of ast) {
    if (el.type === TYPE.argument) into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) simpleArguments(option.value, into);
  }
  return into;
}

function compileSource(locale: Locale, source: string): Compiled {
  try {
    const ast = parse(source, { ignoreTag: true });
    return { source, format: new IntlMessageFormat(ast, INTL_LOCALE[locale]), simple: [...simpleArguments(ast, new Set())] };
  } catch {
    // Only an override can be malformed (the files are checked by test/catalogue.test.ts, and the
    // administration checks an override before saving it); its text is better than nothing.
    return { source, format: null, simple: [] };
  }
}

function compile(locale: Locale, key: string): Compiled | undefined {
  const id = `${locale}\u0000${key}`;
  const had = compiled.get(id);
  if (had) return had;
  const source = messageSource(locale, key);
  if (source === undefined) return undefined;
  const entry = compileSource(locale, source);
  compiled.set(id, entry);
  return entry;
}

function formatCompiled(entry: Compiled, params?: MessageParams): string {
  if (!entry.format) return entry.source;
  const values: Record<string, string | number> = {};
  for (const name of entry.simple) values[name] = `{${name}}`;
  if (params) for (const [name, value] of Object.entries(params)) if (value !== undefined) values[name] = value;
  try {
    return String(entry.format.format(values));
  } catch {
    return entry.source;
  }
}

/** Formats a message's ICU source that is not (yet) in the catalogue: the administration's preview of a draft. */
export function formatSource(locale: Locale, source: string, params?: MessageParams): string {
  return formatCompiled(compileSource(locale, source), params);
}

/**
 * The message for `key` in `locale` with params filled in. Never throws: an unknown locale
 * falls back to DEFAULT_LOCALE, an unknown key (possible from untyped callers) is returned
 * as is, and a missing param stays visible as `{name}`, so a gap shows up on screen instead of
 * breaking a request.
 */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const entry = compile(isLocale(locale) ? locale : DEFAULT_LOCALE, key);
  return entry ? formatCompiled(entry, params) : String(key);
}

/** The text of `key` in every locale, sr-Cyrl included, with its arguments left as `{name}`. */
export function labels(key: MessageKey): Record<Locale, string> {
  const out = {} as Record<Locale, string>;
  for (const locale of LOCALES) out[locale] = t(locale, key);
  return out;
}

/**
 * An sr-Latn ICU message in Cyrillic: what a reader sees (the message's text, plural and select
 * bodies included) is transliterated; its syntax (argument names, plural and select keywords,
 * number and date styles) is not. Text and simple arguments are transliterated together, so
 * latToCyr keeps a URL or e-mail address with an argument in it whole, as it did before ICU.
 */
export function icuLatToCyr(src: string): string {
  let i = 0;
  const message = (): string => {
    let done = '';
    let run = '';
    while (i < src.length && src[i] !== '}') {
      const ch = src[i] as string;
      if (ch === "'" && src[i + 1] === "'") {
        run += "''";
        i += 2;
      } else if (ch === "'" && /[{}#|<>]/.test(src[i + 1] ?? '')) {
        // A quoted literal runs to the next lone apostrophe.
        const end = src.indexOf("'", i + 1);
        const stop = end < 0 ? src.length : end + 1;
        run += src.slice(i, stop);
        i = stop;
      } else if (ch === '{') {
        const arg = argument();
        if (arg.simple) run += arg.text;
        else {
          done += latToCyr(run) + arg.text;
          run = '';
        }
      } else {
        run += ch;
        i++;
      }
    }
    return done + latToCyr(run);
  };
  const argument = (): { text: string; simple: boolean } => {
    const start = i;
    i++;
    while (i < src.length && src[i] !== ',' && src[i] !== '}') i++;
    if (src[i] !== ',') {
      i++;
      return { text: src.slice(start, i), simple: true };
    }
    i++;
    const typeStart = i;
    while (i < src.length && src[i] !== ',' && src[i] !== '}') i++;
    const type = src.slice(typeStart, i).trim();
    if (type !== 'plural' && type !== 'select' && type !== 'selectordinal') {
      // number, date, time with a style: no braces inside, kept as it is.
      while (i < src.length && src[i] !== '}') i++;
      i++;
      return { text: src.slice(start, i), simple: true };
    }
    let text = src.slice(start, i);
    // Options: `selector {message}` pairs (and an `offset:n`), up to the argument's closing brace.
    while (i < src.length && src[i] !== '}') {
      const head = i;
      while (i < src.length && src[i] !== '{' && src[i] !== '}') i++;
      text += src.slice(head, i);
      if (src[i] !== '{') break;
      i++;
      text += `{${message()}}`;
      i++;
    }
    i++;
    return { text: `${text}}`, simple: false };
  };
  return message();
}
