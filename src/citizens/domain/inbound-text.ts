/**
 * What a citizen's SMS or Viber message asks for, read from its text in any of our languages and
 * either script: stop, help, the list of own cases, the status of a case by its number, a phone
 * number or a one-time code (linking Viber), a link token, or, for SMS, a problem to report.
 */
import { cyrToLat } from '../../i18n/transliterate.ts';
import { looksLikeLinkToken, normaliseCode } from './one-time-code.ts';

const fold = (s: string) => cyrToLat(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'dj').trim();

const STOP = new Set(['stop', 'stopp', 'odjava', 'odjavi', 'odjavi me', 'unsubscribe', 'prekid', 'prekini', 'ne zelim', 'konec', 'odjava sms']);
const HELP = new Set([
  'help',
  'pomoc',
  'pomozi',
  '?',
  'info',
  'start',
  'pocetak',
  'zdravo',
  'dobar dan',
  'hi',
  'hello',
  'pozdrav',
  'meni',
  'menu',
  'navodila',
  'zivjo',
]);
const CASES = new Set([
  'moji predmeti',
  'predmeti',
  'moji zahtjevi',
  'moji zahtevi',
  'my cases',
  'cases',
  'status',
  'moje zadeve',
  'zadeve',
  'moje vloge',
  'vloge',
]);
const STATUS_PREFIX = /^(?:status|stanje|predmet|zadeva|case)\s*[:#]?\s*/i;

/** A case number as printed on the receipt: letters and digits with dashes, slashes or dots, at least one digit and one separator. */
export function looksLikeCaseNumber(s: string): boolean {
  const x = s.trim();
  if (x.length < 4 || x.length > 80) return false;
  // All digits: only the "…/year" form (01-352-17/2026), which a phone number never has.
  if (/^[\d\-/.]+$/.test(x)) return /^\d[\d\-.]{0,20}\/(\d{2}|\d{4})$/.test(x);
  return /^[\p{L}\p{N}][\p{L}\p{N}\-/.]*[\p{L}\p{N}]$/u.test(x) && /\d/.test(x) && /[-/.]/.test(x);
}

/** Digits and the usual separators only, at least 8 digits: a phone number as typed. */
export function looksLikePhone(s: string): boolean {
  const x = s.trim();
  return /^\+?[\d\s\-/.()]+$/.test(x) && (x.match(/\d/g)?.length ?? 0) >= 8;
}

export type SmsIntent =
  | { kind: 'empty' }
  | { kind: 'stop' }
  | { kind: 'status'; number: string }
  | { kind: 'track'; code: string }
  | { kind: 'status_help' }
  | { kind: 'report'; text: string };

export function classifySms(text: string): SmsIntent {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (!trimmed) return { kind: 'empty' };
  const folded = fold(trimmed).replace(/[.!]+$/, '');
  if (STOP.has(folded)) return { kind: 'stop' };
  // Cyrillic is read as Latin: numbers are printed in Latin, and a citizen may type them either way.
  const rest = cyrToLat(trimmed).replace(STATUS_PREFIX, '');
  const code = trackingCodeOf(rest);
  if (code) return { kind: 'track', code };
  if (looksLikeCaseNumber(rest) && !rest.includes(' ')) return { kind: 'status', number: rest.toUpperCase() };
  // "Koji je status predmeta IN-8/2026?", a tracking code, "stanje predmeta": asked, not reported.
  const q = statusQuery(trimmed);
  if (q?.number) return { kind: 'status', number: q.number };
  if (q?.code) return { kind: 'track', code: q.code };
  if (q) return { kind: 'status_help' };
  return { kind: 'report', text: text.trim() };
}

export type BotIntent =
  | { kind: 'help' }
  | { kind: 'stop' }
  | { kind: 'cases' }
  | { kind: 'status'; number: string }
  | { kind: 'track'; code: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'code'; code: string }
  | { kind: 'link'; token: string }
  | { kind: 'report_yes' }
  | { kind: 'report_no' }
  | { kind: 'other' };

/** What the chatbot's "File the report" and "Cancel" buttons send back (their ActionBody). */
export const REPORT_BUTTON = { yes: 'report:yes', no: 'report:no' } as const;

/**
 * Whether a message to the chatbot reads like a report worth offering to file: a few words with some letters,
 * not a greeting or a thank-you ("hvala", "ok", "dobar dan" ask nothing and are not offered).
 */
export function reportableText(text: string): boolean {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w));
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  return words.length >= 3 && letters >= 12;
}

export function classifyBotText(text: string): BotIntent {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (!trimmed) return { kind: 'help' };
  if (trimmed === REPORT_BUTTON.yes) return { kind: 'report_yes' };
  if (trimmed === REPORT_BUTTON.no) return { kind: 'report_no' };
  const folded = fold(trimmed).replace(/[.!]+$/, '');
  if (STOP.has(folded)) return { kind: 'stop' };
  if (HELP.has(folded)) return { kind: 'help' };
  if (CASES.has(folded)) return { kind: 'cases' };
  const code = normaliseCode(trimmed);
  if (code) return { kind: 'code', code };
  if (looksLikeLinkToken(trimmed)) return { kind: 'link', token: trimmed };
  const rest = cyrToLat(trimmed).replace(STATUS_PREFIX, '');
  const tracking = trackingCodeOf(rest);
  if (tracking) return { kind: 'track', code: tracking };
  if (looksLikeCaseNumber(rest) && !rest.includes(' ')) return { kind: 'status', number: rest.toUpperCase() };
  if (looksLikePhone(trimmed)) return { kind: 'phone', phone: trimmed };
  const q = statusQuery(trimmed);
  if (q?.number) return { kind: 'status', number: q.number };
  if (q?.code) return { kind: 'track', code: q.code };
  if (q) return { kind: 'cases' };
  return { kind: 'other' };
}

export type StatusQuery = { kind: 'status'; number: string | null; code: string | null };

// Words that ask for a case's status by themselves (status, statusa, статус, …).
const STATUS_WORD = /(?<![\p{L}])(?:status\p{L}{0,2}|statu)(?![\p{L}])/u;
// Words that ask for it only about a case: "stanje predmeta", "dokle je stigla moja prijava", "faza zahtjeva".
const STATUS_PHRASE =
  /(?<![\p{L}])(?:stanj\p{L}{0,3}|faz[aeiu]|dokle je (?:stigao|stigla|stiglo|dosla|dosao)|sta je (?:sa|s)|sto je (?:sa|s)|kako napreduje|kako stoji|progress)\s+(?:\p{L}+\s+){0,2}(?:predmet|zahtjev|zahtev|prijav|zadev|vlog|slucaj|case|request|report|application)/u;
// Politeness, greetings and filler that a short mail carrying only a number may hold.
const FILLER = new Set([
  'postovani',
  'postovana',
  'postovanje',
  'pozdrav',
  'pozdravi',
  'lijep',
  'lep',
  'srdacan',
  'srdacno',
  'hvala',
  'unaprijed',
  'unapred',
  'lp',
  'zdravo',
  'dobar',
  'dan',
  'molim',
  'vas',
  'predmet',
  'prijava',
  'zahtjev',
  'zahtev',
  'broj',
  'br',
  'hello',
  'hi',
  'dear',
  'sir',
  'madam',
  'thanks',
  'thank',
  'you',
  're',
  'fw',
  'fwd',
  'spostovani',
  'lepa',
  'hvala!',
  'regards',
  'best',
  'kind',
  'zadeva',
  'stevilka',
  'kod',
  'koda',
  'kodo',
  'code',
  'tracking',
  'pracenje',
  'za',
]);
// A tracking code as printed (XXXX-XXXX-XXXX from the code's alphabet, O typed for 0 allowed).
const TRACKING_CODE = /(?<![\p{L}\p{N}])[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}(?![\p{L}\p{N}])/giu;

/** The text is one tracking code as printed on a receipt (letters and digits, XXXX-XXXX-XXXX). */
function trackingCodeOf(s: string): string | null {
  const x = s.trim().toUpperCase();
  // A letter is required (twelve digits in threes of four read as a number), a digit is not: about one
  // code in 36 is drawn from letters alone and must still be recognised.
  return /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/.test(x) && /[A-Z]/.test(x) ? x : null;
}

const stripPunctuation = (w: string) => w.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');

/**
 * Whether a message (an e-mail's subject and own words, a Viber or SMS text) asks for the status of
 * a case rather than reporting a problem: a case number or tracking code with "status" or "stanje
 * predmeta" (any language or script), a message that is nothing but a number or code and some
 * politeness, or — without a number — a short question about "the status of my request". Names a
 * number or code when it has one. A report that merely mentions a pole number ("stub JR-77") or the
 * state of a street ("stanje kolovoza") is not a status query.
 */
export function statusQuery(text: string): StatusQuery | null {
  const latin = cyrToLat(text.replace(/\s+/g, ' ').trim());
  if (!latin) return null;
  const folded = fold(latin);
  const words = latin.split(' ').map(stripPunctuation).filter(Boolean);
  const codes = [...latin.toUpperCase().matchAll(TRACKING_CODE)].map((m) => m[0]).filter((c) => /[A-Z]/.test(c));
  const numbers = words.filter((w) => looksLikeCaseNumber(w) && !codes.includes(w.toUpperCase())).map((w) => w.toUpperCase());
  const asks = STATUS_WORD.test(folded) || STATUS_PHRASE.test(folded);
  const number = numbers[0] ?? null;
  const code = codes[0] ?? null;
  if ((number || code) && asks) return { kind: 'status', number, code };
  // Only a number or a code, with greetings or a signed name around it (at most three capitalised words).
  if (number || code) {
    const rest = words.filter((w) => !numbers.includes(w.toUpperCase()) && !codes.includes(w.toUpperCase()) && !FILLER.has(fold(w)));
    if (rest.length <= 3 && rest.every((w) => /^\p{Lu}/u.test(w))) return { kind: 'status', number, code };
    return null;
  }
  if (!asks || words.length > 30) return null;
  // Without a number: "status", "stanje predmeta", "koji je status moje prijave?".
  return STATUS_PHRASE.test(folded) ||
    /(?<![\p{L}])status\p{L}{0,2}\s+(?:\p{L}+\s+){0,2}(?:predmet|zahtjev|zahtev|prijav|zadev|vlog|slucaj|case|request|report|application)/u.test(folded) ||
    words.filter((w) => !FILLER.has(fold(w))).length <= 2
    ? { kind: 'status', number: null, code: null }
    : null;
}
