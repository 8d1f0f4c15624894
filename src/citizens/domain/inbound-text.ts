/**
 * What a citizen's SMS or Viber message asks for, read from its text in any of our languages and
 * either script: stop, help, the list of own cases, the status of a case by its number, a phone
 * number or a one-time code (linking Viber), a link token, or, for SMS, a problem to report.
 */
import { cyrToLat } from '../../i18n/transliterate.ts';
import { looksLikeLinkToken, normaliseCode } from './one-time-code.ts';

const fold = (s: string) => cyrToLat(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'dj').trim();

const STOP = new Set(['stop', 'stopp', 'odjava', 'odjavi', 'odjavi me', 'unsubscribe', 'prekid', 'prekini', 'ne zelim', 'konec', 'odjava sms']);
const HELP = new Set(['help', 'pomoc', 'pomozi', '?', 'info', 'start', 'pocetak', 'zdravo', 'dobar dan', 'hi', 'hello', 'pozdrav', 'meni', 'menu', 'navodila', 'zivjo']);
const CASES = new Set(['moji predmeti', 'predmeti', 'moji zahtjevi', 'moji zahtevi', 'my cases', 'cases', 'status', 'moje zadeve', 'zadeve', 'moje vloge', 'vloge']);
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

export type SmsIntent = { kind: 'empty' } | { kind: 'stop' } | { kind: 'status'; number: string } | { kind: 'report'; text: string };

export function classifySms(text: string): SmsIntent {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (!trimmed) return { kind: 'empty' };
  const folded = fold(trimmed).replace(/[.!]+$/, '');
  if (STOP.has(folded)) return { kind: 'stop' };
  // Cyrillic is read as Latin: numbers are printed in Latin, and a citizen may type them either way.
  const rest = cyrToLat(trimmed).replace(STATUS_PREFIX, '');
  if (looksLikeCaseNumber(rest) && !rest.includes(' ')) return { kind: 'status', number: rest.toUpperCase() };
  return { kind: 'report', text: text.trim() };
}

export type BotIntent =
  | { kind: 'help' } | { kind: 'stop' } | { kind: 'cases' } | { kind: 'status'; number: string }
  | { kind: 'phone'; phone: string } | { kind: 'code'; code: string } | { kind: 'link'; token: string } | { kind: 'other' };

export function classifyBotText(text: string): BotIntent {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (!trimmed) return { kind: 'help' };
  const folded = fold(trimmed).replace(/[.!]+$/, '');
  if (STOP.has(folded)) return { kind: 'stop' };
  if (HELP.has(folded)) return { kind: 'help' };
  if (CASES.has(folded)) return { kind: 'cases' };
  const code = normaliseCode(trimmed);
  if (code) return { kind: 'code', code };
  if (looksLikeLinkToken(trimmed)) return { kind: 'link', token: trimmed };
  const rest = cyrToLat(trimmed).replace(STATUS_PREFIX, '');
  if (looksLikeCaseNumber(rest) && !rest.includes(' ')) return { kind: 'status', number: rest.toUpperCase() };
  if (looksLikePhone(trimmed)) return { kind: 'phone', phone: trimmed };
  return { kind: 'other' };
}
