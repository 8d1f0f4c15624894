import { DEFAULT_LOCALE, LOCALES, isLocale } from './locales.ts';
import type { Locale } from './locales.ts';
import { MESSAGES } from './messages.ts';
import type { HandwrittenLocale } from './messages.ts';
import { latToCyr } from './transliterate.ts';

/** One message in every handwritten language. */
export type MessageEntry = Readonly<Record<HandwrittenLocale, string>>;
/** A room's part of the catalogue. */
export type MessageTable = Readonly<Record<string, MessageEntry>>;

/**
 * Every key of the catalogue, for the compiler: the ground floor's keys here, and each room adds its
 * table's keys to this interface (`declare module` in its messages file), so `t` checks every key at
 * compile time although the tables are assembled at run time (src/catalogue.ts).
 */
export interface MessageCatalogue extends Record<keyof typeof MESSAGES, true> {}
export type MessageKey = keyof MessageCatalogue & string;
export type MessageParams = Readonly<Record<string, string | number>>;

export const HANDWRITTEN_LOCALES: readonly HandwrittenLocale[] = LOCALES.filter((l): l is HandwrittenLocale => l !== 'sr-Cyrl');

const ENTRIES = new Map<string, MessageEntry>();
// Derived once, as a table is added: a hand-kept Cyrillic copy would drift from the Latin one.
const SR_CYRL = new Map<string, string>();

/** The keys added so far (the ground floor's, then each room's table as src/catalogue.ts adds it). */
export const MESSAGE_KEYS: MessageKey[] = [];

/**
 * Adds a room's table. Adding the same table twice is harmless; a key that two tables define is a
 * mistake found at start, not a message that silently changes with the order of the tables.
 */
export function addMessages(table: MessageTable): void {
  for (const [key, entry] of Object.entries(table)) {
    const had = ENTRIES.get(key);
    if (had === entry) continue;
    if (had) throw new Error(`the message ${key} is defined twice`);
    ENTRIES.set(key, entry);
    SR_CYRL.set(key, latToCyr(entry['sr-Latn']));
    MESSAGE_KEYS.push(key as MessageKey);
  }
}

/** The handwritten texts of `key`, if the catalogue has it. */
export function messageEntry(key: string): MessageEntry | undefined {
  return ENTRIES.get(key);
}

addMessages(MESSAGES);

function template(locale: Locale, key: MessageKey): string | undefined {
  const entry = ENTRIES.get(key);
  if (!entry) return undefined;
  if (locale === 'sr-Cyrl') return SR_CYRL.get(key);
  return entry[locale];
}

/** Replaces `{name}` placeholders; one without a value stays visible rather than vanishing. */
export function format(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{([^{}]+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) && params[name] !== undefined ? String(params[name]) : whole));
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
