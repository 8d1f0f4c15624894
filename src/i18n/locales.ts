export const LOCALES = ['sr-Latn', 'sr-Cyrl', 'bs', 'hr', 'cnr', 'sl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sr-Latn';
/** Every locale except sr-Cyrl, which the catalogue derives from sr-Latn. */
export type HandwrittenLocale = Exclude<Locale, 'sr-Cyrl'>;

/**
 * The locale given to Intl (plural rules, numbers, dates, lists) for each language. Chromium ships no
 * Bosnian date data ("bs-BA" came out as "2026 M11 24 05:29"); Serbian Latin for Bosnia has the same
 * numeric dates, month names, number format (1.200,50) and plural rules. Montenegrin (`cnr`) is not
 * in every Intl implementation; Serbian Latin for Montenegro is.
 */
export const INTL_LOCALE: Readonly<Record<Locale, string>> = {
  'sr-Latn': 'sr-Latn-RS',
  'sr-Cyrl': 'sr-Cyrl-RS',
  bs: 'sr-Latn-BA',
  hr: 'hr-HR',
  cnr: 'sr-Latn-ME',
  sl: 'sl-SI',
  en: 'en-GB',
};

const LOCALE_SET: ReadonlySet<string> = new Set(LOCALES);

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && LOCALE_SET.has(x);
}

/** Maps one BCP 47 language tag (any case, `-` or `_`) to the locale we serve for it, or null. */
export function localeForTag(tag: string): Locale | null {
  const [lang = '', ...rest] = tag.trim().replace(/_/g, '-').toLowerCase().split('-');
  const script = rest.find((p) => /^[a-z]{4}$/.test(p));
  const region = rest.find((p) => /^(?:[a-z]{2}|\d{3})$/.test(p));
  switch (lang) {
    case 'sr':
      if (script === 'latn') return 'sr-Latn';
      if (script === 'cyrl') return 'sr-Cyrl';
      // Browsers in Montenegro often send sr-ME; the Montenegrin catalogue fits them better.
      if (region === 'me') return 'cnr';
      // Cyrillic is the official script of Serbian (Constitution of Serbia, art. 10).
      return 'sr-Cyrl';
    case 'cnr':
    case 'me': // not an ISO 639 code, but some clients send it for Montenegrin
      return 'cnr';
    case 'bs':
    case 'hr':
    case 'sl':
    case 'en':
      return lang;
    default:
      return null;
  }
}

interface Weighted {
  tag: string;
  q: number;
  order: number;
}

function parseAcceptLanguage(header: string): string[] {
  const entries: Weighted[] = [];
  header.split(',').forEach((raw, order) => {
    const [tag = '', ...params] = raw.split(';').map((p) => p.trim());
    if (tag === '') return;
    let q = 1;
    for (const param of params) {
      const m = /^q\s*=\s*(\S+)$/i.exec(param);
      if (!m) continue;
      // A malformed weight is treated as "not acceptable" rather than guessed at.
      q = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(m[1] ?? '') ? Number(m[1]) : 0;
    }
    if (q > 0) entries.push({ tag, q, order });
  });
  entries.sort((a, b) => b.q - a.q || a.order - b.order);
  return entries.map((e) => e.tag);
}

/**
 * Picks the locale for a request: a valid saved user setting wins, then the best
 * Accept-Language entry we can serve, then DEFAULT_LOCALE.
 */
export function negotiateLocale(userSetting: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(userSetting)) return userSetting;
  if (acceptLanguage) {
    for (const tag of parseAcceptLanguage(acceptLanguage)) {
      const locale = localeForTag(tag);
      if (locale) return locale;
    }
  }
  return DEFAULT_LOCALE;
}
