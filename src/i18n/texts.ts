/** One message in every handwritten language, in the catalogue's fixed order; sr-Cyrl is derived from sr-Latn. */
import type { HandwrittenLocale } from './messages.ts';

export const m = (srLatn: string, bs: string, hr: string, cnr: string, sl: string, en: string): Record<HandwrittenLocale, string> => ({
  'sr-Latn': srLatn,
  bs,
  hr,
  cnr,
  sl,
  en,
});
