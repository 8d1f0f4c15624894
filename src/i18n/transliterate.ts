// Serbian Cyrillic has one letter for each of the Latin digraphs lj, nj and dž, so Latin→Cyrillic
// has to decide whether two Latin letters are one sound or two; the rest is a one-to-one table.

const PAIRS: ReadonlyArray<readonly [cyr: string, lat: string]> = [
  ['а', 'a'],
  ['б', 'b'],
  ['в', 'v'],
  ['г', 'g'],
  ['д', 'd'],
  ['ђ', 'đ'],
  ['е', 'e'],
  ['ж', 'ž'],
  ['з', 'z'],
  ['и', 'i'],
  ['ј', 'j'],
  ['к', 'k'],
  ['л', 'l'],
  ['љ', 'lj'],
  ['м', 'm'],
  ['н', 'n'],
  ['њ', 'nj'],
  ['о', 'o'],
  ['п', 'p'],
  ['р', 'r'],
  ['с', 's'],
  ['т', 't'],
  ['ћ', 'ć'],
  ['у', 'u'],
  ['ф', 'f'],
  ['х', 'h'],
  ['ц', 'c'],
  ['ч', 'č'],
  ['џ', 'dž'],
  ['ш', 'š'],
];

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const CYR_TO_LAT = new Map<string, string>();
const CYR_TO_LAT_ALLCAPS = new Map<string, string>();
const LAT_TO_CYR = new Map<string, string>();
for (const [cyr, lat] of PAIRS) {
  const CYR = cyr.toUpperCase();
  CYR_TO_LAT.set(cyr, lat);
  CYR_TO_LAT.set(CYR, capitalize(lat));
  CYR_TO_LAT_ALLCAPS.set(CYR, lat.toUpperCase());
  // Digraphs are matched pairwise in latWordToCyr, so only the lowercase pair is looked up.
  LAT_TO_CYR.set(lat, cyr);
  if (lat.length === 1) LAT_TO_CYR.set(lat.toUpperCase(), CYR);
}
// Single-code-point digraphs (Unicode compatibility letters) and Montenegrin ś/ź, which
// Cyrillic writes as с/з with a combining acute accent.
for (const [lat, cyr] of [
  ['ǆ', 'џ'],
  ['ǅ', 'Џ'],
  ['Ǆ', 'Џ'],
  ['ǉ', 'љ'],
  ['ǈ', 'Љ'],
  ['Ǉ', 'Љ'],
  ['ǌ', 'њ'],
  ['ǋ', 'Њ'],
  ['Ǌ', 'Њ'],
  ['ś', 'с\u0301'],
  ['Ś', 'С\u0301'],
  ['ź', 'з\u0301'],
  ['Ź', 'З\u0301'],
] as const) {
  LAT_TO_CYR.set(lat, cyr);
}

/**
 * Word beginnings where n+j, l+j or d+ž are two sounds, usually a prefix ending in n/d before
 * a stem beginning with j/ž. `|` marks the boundary that must not be merged into one letter.
 * Kept short on purpose: each entry is a known word family, tested in transliterate.test.ts.
 * Not here: "odž-" (odžak → оџак is a real џ) and "nadž-" alone (nadžak → наџак).
 */
const DIGRAPH_EXCEPTIONS: readonly string[] = [
  'in|jek', // injekcija, injektor
  'kon|junk', // konjunkcija, konjunktiv, konjunktura
  'tan|jug', // Tanjug
  'van|jezič', // vanjezički
  'izvan|jezič', // izvanjezički
  'pan|jevrop', // panjevropski
  'nad|živ', // nadživeti, nadživjeti
  'pod|žup', // podžupan
  'pod|žanr', // podžanr
  'pod|želud', // podželudačni
];

const EXCEPTIONS = DIGRAPH_EXCEPTIONS.map((e) => ({
  prefix: e.replace('|', ''),
  split: e.indexOf('|'),
}));

// Text that must keep its exact spelling: template placeholders, URLs, e-mail addresses and
// bare domain names. Punctuation is the same in both scripts, so over-matching a trailing
// "." or ")" into a URL is harmless.
// Each alternative starts only where its kind of text can start (a lookbehind or \b) and its parts
// are bounded (a domain label has at most 63 characters, a name at most 10 labels): otherwise a long
// run of letters, or of "a.a.a…", was tried from every position, which is quadratic (a 100,000-letter
// field took 18 s of CPU).
const PROTECTED =
  /\{[^{}]{0,200}\}|\b(?:https?|ftp):\/\/[^\s<>"]+|\bwww\.[^\s<>"]+|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,9}\.[A-Za-z]{2,24}|(?<![a-z0-9.-])[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,9}\.(?:rs|ba|me|hr|si|mk|eu|com|org|net|gov|edu|info|io|example)\b(?:\/[^\s<>"]*)?/g;

const WORD = /[\p{L}\p{M}]+/gu;
// Hyphenated compounds are judged whole, so the "Fi" of "Wi-Fi" stays Latin with its "Wi".
const COMPOUND = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;

function mapUnprotected(s: string, fn: (chunk: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(PROTECTED)) {
    out += fn(s.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + fn(s.slice(last));
}

function isAllCaps(word: string): boolean {
  let letters = 0;
  for (const ch of word) {
    if (!/\p{L}/u.test(ch)) continue;
    if (ch !== ch.toUpperCase() || ch === ch.toLowerCase()) return false;
    letters++;
  }
  // A lone capital (Љубиша's Љ) is title case, not all caps.
  return letters > 1;
}

function cyrWordToLat(word: string): string {
  const table = isAllCaps(word) ? CYR_TO_LAT_ALLCAPS : undefined;
  let out = '';
  for (const ch of word) out += table?.get(ch) ?? CYR_TO_LAT.get(ch) ?? ch;
  return out.normalize('NFC');
}

function latWordToCyr(word: string): string {
  // q, w, x and y are not Serbian letters: such a word is a foreign name (WhatsApp, Wi-Fi).
  if (/[qwxy]/i.test(word)) return word;
  const chars = [...word.normalize('NFC')];
  const lower = chars.join('').toLowerCase();
  const noMerge = EXCEPTIONS.find((e) => lower.startsWith(e.prefix))?.split ?? -1;
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const next = chars[i + 1];
    if (next !== undefined && i + 1 !== noMerge) {
      const pair = (ch + next).toLowerCase();
      if (pair === 'lj' || pair === 'nj' || pair === 'dž') {
        const cyr = LAT_TO_CYR.get(pair) ?? '';
        out += ch === ch.toUpperCase() ? cyr.toUpperCase() : cyr;
        i++;
        continue;
      }
    }
    out += LAT_TO_CYR.get(ch) ?? ch;
  }
  return out;
}

/** Serbian Cyrillic → Latin; Љ/Њ/Џ become LJ/NJ/DŽ inside all-caps words, Lj/Nj/Dž otherwise. */
export function cyrToLat(s: string): string {
  return mapUnprotected(s, (chunk) => chunk.replace(WORD, cyrWordToLat));
}

/**
 * Serbian Latin → Cyrillic. Leaves `{placeholders}`, URLs, e-mail addresses and words with
 * q/w/x/y as they are; "dj" stays д+ј because it cannot be told apart from đ written without
 * diacritics.
 */
export function latToCyr(s: string): string {
  return mapUnprotected(s, (chunk) => chunk.replace(COMPOUND, latWordToCyr));
}
