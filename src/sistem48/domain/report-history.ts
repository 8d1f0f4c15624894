/**
 * A realistic history of a municipality's problem reports, for the demo (imported as history) and
 * for measuring the report router: two years of reports in every language (Serbian in both
 * scripts, Bosnian, Croatian, Montenegrin, Slovenian, some English), each combined from many
 * phrasings of its problem (report-history-texts.ts) with an opening, a place, a time, a complaint
 * and a greeting in varying order, then typed as people type: without diacritics, in Cyrillic,
 * in capitals or all lower case, with typos and without punctuation. The same seed and clock give
 * the same rows. Rows carry the import's columns, as a spreadsheet would (every cell a string).
 */
import { latToCyr } from '../../i18n/transliterate.ts';
import { seededRandom } from './text-classifier.ts';
import { CATEGORY_WEIGHT, FRAMES, HISTORY_CATEGORIES, NEIGHBOURHOODS, PHRASES, SL_STREETS, STREETS, type HistoryCategory } from './report-history-texts.ts';

export type HistoryLanguage = 'sr' | 'bs' | 'hr' | 'cnr' | 'sl' | 'en';

export interface ReportHistoryRow {
  received_at: string;
  category: string;
  text: string;
  address: string;
  lat: string;
  lon: string;
  channel: string;
  status: string;
  answered_at: string;
  closed_at: string;
  external_id: string;
}

export interface HistoryOptions {
  seed: number;
  count: number;
  /** The clock: reports are received in the two years before it. */
  now: Date;
  /** Centre of the municipality (reports scatter about 2 km around it). */
  centre?: { lat: number; lon: number };
  /** Only these categories (the demo's or a test's); all fourteen when absent. */
  categories?: readonly string[];
}

const LANGUAGE_WEIGHT: [HistoryLanguage, number][] = [
  ['sr', 34],
  ['bs', 18],
  ['hr', 14],
  ['cnr', 14],
  ['sl', 12],
  ['en', 8],
];
/** Share of each language's reports written in Cyrillic. */
const CYRILLIC: Record<HistoryLanguage, number> = { sr: 0.35, cnr: 0.15, bs: 0.04, hr: 0, sl: 0, en: 0 };
const CHANNEL_WEIGHT: [string, number][] = [
  ['web', 34],
  ['sms', 20],
  ['phone', 15],
  ['email', 12],
  ['viber', 9],
  ['counter', 10],
];

type Rand = () => number;

function pick<T>(rand: Rand, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

function pickWeighted<T>(rand: Rand, xs: readonly (readonly [T, number])[]): T {
  const total = xs.reduce((s, x) => s + x[1], 0);
  let r = rand() * total;
  for (const [x, w] of xs) {
    r -= w;
    if (r < 0) return x;
  }
  return xs[xs.length - 1]![0];
}

/** Expands the phrase notation (see report-history-texts.ts) for one language. */
export function expand(template: string, lang: HistoryLanguage, rand: Rand): string {
  const ijekavian = lang === 'bs' || lang === 'hr' || lang === 'cnr';
  let s = template;
  // Innermost choices first, so choices may hold yat forms and hr-variants.
  for (let guard = 0; guard < 10 && /[{(]/.test(s); guard++) {
    s = s.replace(/\{([^{}/]*)\/([^{}]*)\}/g, (_, e: string, je: string) => (ijekavian ? je : e));
    s = s.replace(/\(hr:([^()|]*)\|([^()]*)\)/g, (_, hr: string, other: string) => (lang === 'hr' ? hr : other));
  }
  for (let guard = 0; guard < 10 && s.includes('['); guard++) {
    s = s.replace(/\[([^[\]]*)\]/g, (_, body: string) => {
      if (body === 'S') return pick(rand, STREETS);
      if (body === 'SL') return pick(rand, SL_STREETS);
      if (body === 'N') return pick(rand, NEIGHBOURHOODS);
      return pick(rand, body.split('|'));
    });
  }
  return s.replace(/#/g, () => String(1 + Math.floor(rand() * (rand() < 0.7 ? 40 : 200))));
}

function family(lang: HistoryLanguage): 'bcms' | 'sl' | 'en' {
  return lang === 'sl' || lang === 'en' ? lang : 'bcms';
}

/** The citizen's words for one report of a category, before the noise of typing. */
function composeText(category: HistoryCategory, lang: HistoryLanguage, rand: Rand): { text: string; place: string } {
  const fam = family(lang);
  const f = FRAMES[fam];
  const phrases = PHRASES[category][fam];
  const x = (t: string) => expand(t, lang, rand);
  const problem = x(pick(rand, phrases));
  const second = rand() < 0.2 ? x(pick(rand, phrases)) : '';
  const place = rand() < 0.8 ? x(pick(rand, f.places)) : '';
  const time = rand() < 0.5 ? x(pick(rand, f.times)) : '';
  const opener = rand() < 0.45 ? x(pick(rand, f.openers)) : '';
  const extra = rand() < 0.45 ? x(pick(rand, f.extras)) : '';
  const closer = rand() < 0.3 ? x(pick(rand, f.closers)) : '';
  const head = rand() < 0.35 && place ? `${capital(place)} ${problem}` : `${capital(problem)}${place ? ` ${place}` : ''}`;
  const body = [head + (time ? ` ${time}` : ''), second ? capital(second) : ''].filter(Boolean).join(rand() < 0.5 ? '. ' : ', ');
  const text = [opener, `${body}.`, extra, closer].filter(Boolean).join(' ');
  return { text, place };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const NO_DIACRITICS: Record<string, string> = { č: 'c', ć: 'c', š: 's', ž: 'z', đ: 'dj', Č: 'C', Ć: 'C', Š: 'S', Ž: 'Z', Đ: 'Dj' };
const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 'sq',
  e: 'wr',
  i: 'uo',
  o: 'ip',
  u: 'yi',
  r: 'et',
  t: 'rz',
  n: 'bm',
  s: 'ad',
  l: 'k',
  k: 'jl',
  d: 'sf',
  v: 'cb',
  p: 'o',
  m: 'n',
  j: 'hk',
};

/** One typo: a letter dropped, doubled, swapped with the next, or hit beside. */
function typo(s: string, rand: Rand): string {
  const letters = [...s.matchAll(/\p{L}/gu)].map((m) => m.index!);
  if (letters.length < 4) return s;
  const at = pick(rand, letters);
  const ch = s[at]!;
  const kind = Math.floor(rand() * 4);
  if (kind === 0) return s.slice(0, at) + s.slice(at + 1);
  if (kind === 1) return s.slice(0, at) + ch + s.slice(at);
  if (kind === 2 && at + 1 < s.length) return s.slice(0, at) + s[at + 1] + ch + s.slice(at + 2);
  const near = KEYBOARD_NEIGHBOURS[ch.toLowerCase()];
  return near ? s.slice(0, at) + pick(rand, [...near]) + s.slice(at + 1) : s;
}

/** How the text is typed: diacritics, script, capitals, typos, punctuation. */
function typeAsPeopleDo(text: string, lang: HistoryLanguage, channel: string, rand: Rand): string {
  let s = text;
  const phoneLike = channel === 'sms' || channel === 'viber';
  if (lang !== 'en' && rand() < (phoneLike ? 0.7 : 0.35)) s = s.replace(/[čćšžđČĆŠŽĐ]/g, (c) => NO_DIACRITICS[c] ?? c);
  const typos = rand() < 0.4 ? 1 + Math.floor(rand() * 3) : 0;
  for (let i = 0; i < typos; i++) s = typo(s, rand);
  if (rand() < CYRILLIC[lang]) s = latToCyr(s);
  const shape = rand();
  if (shape < (phoneLike ? 0.3 : 0.1)) s = s.toLowerCase();
  else if (shape > 0.97) s = s.toUpperCase();
  if (phoneLike && rand() < 0.4) s = s.replace(/[.,!:;]/g, '');
  return s.replace(/\s+/g, ' ').trim();
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function iso(d: Date): string {
  return d.toISOString();
}

export function generateReportHistory(opts: HistoryOptions): ReportHistoryRow[] {
  const rand = seededRandom(opts.seed);
  const centre = opts.centre ?? { lat: 45.4083, lon: 19.8878 };
  const allowed = opts.categories ? HISTORY_CATEGORIES.filter((c) => opts.categories!.includes(c)) : [...HISTORY_CATEGORIES];
  if (!allowed.length) throw new Error('none of the given categories has phrasings in the history generator');
  const cats = allowed.map((c) => [c, CATEGORY_WEIGHT[c]] as const);
  const rows: ReportHistoryRow[] = [];
  for (let i = 0; i < opts.count; i++) {
    const category = pickWeighted(rand, cats);
    const lang = pickWeighted(rand, LANGUAGE_WEIGHT);
    const channel = pickWeighted(rand, CHANNEL_WEIGHT);
    const { text, place } = composeText(category, lang, rand);
    // Reports come in the day more than at night: a day within two years, an hour weighted to 7–22.
    const dayStart = opts.now.getTime() - Math.floor(rand() * 730 + 1) * DAY;
    const received = new Date(dayStart - (dayStart % DAY) + (rand() < 0.85 ? 6 + rand() * 16 : rand() * 24) * HOUR);
    const located = rand() < 0.7;
    const lat = located ? (centre.lat + (rand() - 0.5) * 0.04).toFixed(6) : '';
    const lon = located ? (centre.lon + (rand() - 0.5) * 0.06).toFixed(6) : '';
    const answered = new Date(received.getTime() + (rand() < 0.9 ? 1 + rand() * 46 : 48 + rand() * 72) * HOUR);
    const closed = new Date(answered.getTime() + rand() * 14 * DAY);
    const age = opts.now.getTime() - received.getTime();
    const isClosed = closed.getTime() < opts.now.getTime() && (age > 30 * DAY || rand() < 0.6);
    const isAnswered = answered.getTime() < opts.now.getTime();
    rows.push({
      received_at: iso(received),
      category,
      text: typeAsPeopleDo(text, lang, channel, rand),
      address: place && family(lang) === 'bcms' ? address(place) : '',
      lat,
      lon,
      channel,
      status: isClosed ? 'resolved' : isAnswered ? 'in_progress' : 'delivered',
      answered_at: isAnswered ? iso(answered) : '',
      closed_at: isClosed ? iso(closed) : '',
      external_id: `history-${opts.seed}-${i + 1}`,
    });
  }
  return rows;
}

/** The street and number a place phrase names, as an address column holds it. */
function address(place: string): string {
  const street = STREETS.find((s) => place.includes(s));
  if (!street) return '';
  const n = /\b(\d+)\b/.exec(place.slice(place.indexOf(street)));
  return n ? `${street} ${n[1]}` : street;
}
