/**
 * How a citizen answers "Is it fixed?" in a text (an SMS, a Viber message or button): yes or no in
 * any of our languages and either script (DA/NE, ДА/НЕ, JA/NE, yes/no, and whole words such as
 * "riješeno", "nije", "ni odpravljeno"), optionally followed by a rating 1–5 and a comment
 * ("NE 2 rupa je još tu"). A rating alone ("4", nothing after it) rates an answer already given. Anything else is not
 * an answer (it is a report, a reply to the case, or a status question), so this reads strictly.
 */
import { cyrToLat } from '../../i18n/transliterate.ts';

export type FixAnswer = 'fixed' | 'not_fixed';
export interface FixReply {
  answer: FixAnswer | null;
  rating: number | null;
  comment: string | null;
}

const fold = (s: string) => cyrToLat(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'dj');

// Longest phrases first: "nije otklonjeno" must not be read as "nije" + a comment "otklonjeno".
const PHRASES: [string, FixAnswer][] = (
  [
    ['nije otklonjen', 'not_fixed'],
    ['nije otklonjeno', 'not_fixed'],
    ['nije popravljeno', 'not_fixed'],
    ['nije reseno', 'not_fixed'],
    ['nije rijeseno', 'not_fixed'],
    ['ni odpravljeno', 'not_fixed'],
    ['ni popravljeno', 'not_fixed'],
    ['ni reseno', 'not_fixed'],
    ['not fixed', 'not_fixed'],
    ['ne', 'not_fixed'],
    ['no', 'not_fixed'],
    ['n', 'not_fixed'],
    ['nije', 'not_fixed'],
    ['ni', 'not_fixed'],
    ['nope', 'not_fixed'],
    ['da', 'fixed'],
    ['ja', 'fixed'],
    ['yes', 'fixed'],
    ['y', 'fixed'],
    ['jeste', 'fixed'],
    ['je', 'fixed'],
    ['fixed', 'fixed'],
    ['otklonjeno', 'fixed'],
    ['popravljeno', 'fixed'],
    ['reseno', 'fixed'],
    ['rijeseno', 'fixed'],
    ['odpravljeno', 'fixed'],
  ] as [string, FixAnswer][]
).sort((a, b) => b[0].length - a[0].length);

/** Viber buttons send these: `fix:yes`, `fix:no`, `fix:rate:4`. */
export const fixButton = {
  yes: 'fix:yes',
  no: 'fix:no',
  rate: (n: number) => `fix:rate:${n}`,
};

export function readFixReply(text: string): FixReply | null {
  const raw = text.replace(/\s+/g, ' ').trim();
  if (!raw || raw.length > 1000) return null;
  const button = /^fix:(yes|no|rate:([1-5]))$/.exec(raw);
  if (button) {
    if (button[2]) return { answer: null, rating: Number(button[2]), comment: null };
    return { answer: button[1] === 'yes' ? 'fixed' : 'not_fixed', rating: null, comment: null };
  }
  const folded = fold(raw);
  let answer: FixAnswer | null = null;
  let rest = raw;
  for (const [phrase, a] of PHRASES) {
    const m = new RegExp(`^${phrase.replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])[\\s.,!:;-]*`, 'u').exec(folded);
    if (m) {
      answer = a;
      // Folding keeps lengths for Latin, and Cyrillic letters map one to one except đ and the digraphs,
      // which no answer word holds, so the offset is the same in the original text.
      rest = raw.slice(m[0].length);
      break;
    }
  }
  const rating = /^([1-5])(?![\d.,])(?:\s*\/\s*5)?[\s.,!:;-]*/.exec(rest);
  if (rating) rest = rest.slice(rating[0].length);
  if (!answer && !rating) return null;
  const comment = rest.trim().slice(0, 2000);
  // A number alone rates; a number followed by words ("5 rupa na putu") is more likely a new report.
  if (!answer && comment) return null;
  return { answer, rating: rating ? Number(rating[1]) : null, comment: comment || null };
}
