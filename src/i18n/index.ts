export { LOCALES, DEFAULT_LOCALE, isLocale, localeForTag, negotiateLocale } from './locales.ts';
export type { Locale } from './locales.ts';
export { cyrToLat, latToCyr } from './transliterate.ts';
export { searchKey } from './search-key.ts';
export { t, labels, format, HANDWRITTEN_LOCALES, MESSAGE_KEYS } from './catalog.ts';
export type { MessageKey, MessageParams } from './catalog.ts';
export type { HandwrittenLocale } from './messages.ts';
