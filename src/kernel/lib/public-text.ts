import { latToCyr } from '../../i18n/transliterate.ts';

/**
 * Report descriptions are plain text, stored exactly as given and always shown escaped. One that
 * is nothing but markup (no words once tags are set aside) says nothing about the problem and is refused.
 */
export function descriptionProblem(text: string): string | null {
  // [^<>]: a tag holds no "<", so a long run of "<a<a…" is scanned once, not from every "<".
  if (!/<[^<>]*>/.test(text)) return null;
  // Script and style bodies are code, not words about a problem.
  const words = text
    .replace(/<(script|style)\b[^<>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&[#\w]{1,32};/g, ' ');
  return /[\p{L}\p{N}]/u.test(words) ? null : 'the description contains only markup; describe the problem in words';
}

// What the public never sees of a text a person typed: contacts and personal ID numbers, in the ways
// people here write them. Every pattern starts only where a match can start and is bounded, so a
// long run of letters or digits costs linear time.
// An e-mail address, also written to dodge robots: "pera (at) primer.rs", "pera[at]primer[dot]rs", "pera @ primer.rs".
const AT = String.raw`(?:@|\s?[(\[{]\s?(?:at|et|majmun|мајмун)\s?[)\]}]\s?|\s@\s)`;
const DOT = String.raw`(?:\.|\s?[(\[{]\s?(?:dot|tačka|tacka|тачка)\s?[)\]}]\s?)`;
const EMAIL = new RegExp(String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}${AT}[\p{L}\p{N}-]{1,63}(?:${DOT}[\p{L}\p{N}-]{1,63}){1,10}`, 'giu');
// A run of at least 8 digits with spaces, dashes, slashes or parentheses between them (a mobile or
// landline number with its area code, +381 / 00381 forms, a JMBG or EMŠO of 13 digits). Dots are
// not separators here, so dates such as 21.11.2026 stay.
const DIGIT_RUN = /(?<!\d)\+?\d(?:[\s\-/()]{0,3}\d){7,}/g;
// Dotted phone numbers ("064.333.4444", "011.234.56.78"): a first group of three or more digits, or
// a leading zero, is never a day of a date.
const DOTTED_PHONE = /(?<![\d.])(?:\+?\d{3,4}|0\d{1,3})(?:\.\d{2,4}){2,3}(?![\d])/g;
// A short local number (6 or 7 digits, "233-444", "22 33 444") only after a word that says it is one,
// since house numbers, amounts and pole numbers look the same.
const LOCAL_PHONE =
  /(?<=(?:\b|^)(?:tel|telefon|telefona|telefonu|mob|mobilni|mobitel|mobitela|fiksni|broj|br|kontakt|zovite|pozovite|nazovite|pokličite|call|phone|тел|телефон|телефона|моб|мобилни|број|зовите|позовите)\.?:?\s{0,3}(?:na\s|на\s)?)\d{2,3}(?:[\s\-/]?\d{2,3}){1,2}(?!\d)/giu;

/**
 * A text as the public sees it: a phone number, ID number or e-mail address a person typed into
 * it is masked. Staff see the text as written.
 */
export function maskContacts(text: string): string {
  return text.replace(EMAIL, '***@***').replace(DIGIT_RUN, '***').replace(DOTTED_PHONE, '***').replace(LOCAL_PHONE, '***');
}

/** Values of a report's extra fields as the public sees them: every text masked, numbers and list keys as they are. */
export function maskFieldValues<T extends Record<string, unknown>>(values: T | null | undefined): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values ?? {})) {
    out[k] = typeof v === 'string' ? maskContacts(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? maskContacts(x) : x)) : v;
  }
  return out as T;
}

// Placeholder names the system gives a party without one are not anyone's name.
const NOT_NAMES = new Set(['anonymous reporter', 'anonimni prijavilac', 'anonymous']);

/**
 * A text with the names of the case's own people (its parties who are persons) masked: a citizen often
 * signs a mail or an SMS ("Dragana Kovač"), and the public must not read who reported. The whole name
 * and each of its words of three letters or more are masked as whole words, in Latin and Cyrillic.
 */
export function maskNames(text: string, names: readonly string[]): string {
  return nameMasker(names)(text);
}

/** maskNames for one case's names, built once and applied to each of its texts (a page holds thousands). */
export function nameMasker(names: readonly string[]): (text: string) => string {
  const words = new Set<string>();
  for (const name of names) {
    const n = name.replace(/\s+/g, ' ').trim();
    if (!n || NOT_NAMES.has(n.toLowerCase())) continue;
    for (const w of [n, ...n.split(' ')]) {
      if ([...w].length < 3 || !/\p{L}/u.test(w)) continue;
      words.add(w);
      words.add(latToCyr(w));
    }
  }
  if (!words.size) return (text) => text;
  const escaped = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (text) => text.replace(re, '***');
}
