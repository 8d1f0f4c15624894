export { LOCALES, DEFAULT_LOCALE, isLocale, localeForTag, negotiateLocale } from './locales.ts';
export type { Locale } from './locales.ts';
export { latToCyr } from './transliterate.ts';
export { t } from './catalog.ts';
export type { MessageKey, MessageParams } from './catalog.ts';
export type { HandwrittenLocale } from './locales.ts';
export { municipalityIn } from './names.ts';
export { INTL_LOCALE } from './locales.ts';
export { MESSAGE_KEYS, messageSource, setMessageOverrides } from './catalog.ts';
