import { DEFAULT_LOCALE, LOCALES, isLocale } from './locales.ts';
import type { Locale } from './locales.ts';
import { MESSAGES } from './messages.ts';
import type { HandwrittenLocale } from './messages.ts';
import { latToCyr } from './transliterate.ts';

export type MessageKey = keyof typeof MESSAGES;
export type MessageParams = Readonly<Record<string, string | number>>;

export const HANDWRITTEN_LOCALES: readonly HandwrittenLocale[] = LOCALES.filter(
  (l): l is HandwrittenLocale => l !== 'sr-Cyrl',
);

export const MESSAGE_KEYS = Object.keys(MESSAGES) as readonly MessageKey[];

// Derived once at load: a hand-kept Cyrillic copy would drift from the Latin one.
const SR_CYRL = new Map<string, string>(
  MESSAGE_KEYS.map((key) => [key, latToCyr(MESSAGES[key]['sr-Latn'])]),
);

function template(locale: Locale, key: MessageKey): string | undefined {
  const entry: Partial<Record<HandwrittenLocale, string>> | undefined = Object.hasOwn(MESSAGES, key)
    ? MESSAGES[key]
    : undefined;
  if (!entry) return undefined;
  if (locale === 'sr-Cyrl') return SR_CYRL.get(key);
  return entry[locale];
}

/** Replaces `{name}` placeholders; one without a value stays visible rather than vanishing. */
export function format(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{([^{}]+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) && params[name] !== undefined ? String(params[name]) : whole,
  );
}

/**
 * The message for `key` in `locale` with params filled in. Never throws: an unknown locale
 * falls back to DEFAULT_LOCALE and an unknown key (possible from untyped callers) is returned
 * as is, so a gap in the catalogue shows up on screen instead of breaking a request.
 */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = template(isLocale(locale) ? locale : DEFAULT_LOCALE, key);
  return text === undefined ? String(key) : format(text, params);
}

/** The unfilled text of `key` in every locale, sr-Cyrl included. */
export function labels(key: MessageKey): Record<Locale, string> {
  const out = {} as Record<Locale, string>;
  for (const locale of LOCALES) out[locale] = t(locale, key);
  return out;
}
