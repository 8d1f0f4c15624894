/**
 * The e-mail that tells the unit head (and, at a breach, leadership) that a problem report is still
 * unanswered. Spread into src/i18n/messages.ts. Order of each entry: sr-Latn, bs, hr, cnr, sl, en.
 */
import type { HandwrittenLocale } from '../i18n/messages.ts';

const m = (srLatn: string, bs: string, hr: string, cnr: string, sl: string, en: string): Record<HandwrittenLocale, string> =>
  ({ 'sr-Latn': srLatn, bs, hr, cnr, sl, en });

export const S48_ESCALATION_MESSAGES = {
  'sistem48.escalation_subject_warning': m(
    'Prijava {number}: isteklo je 75 % roka za prvi odgovor',
    'Prijava {number}: isteklo je 75 % roka za prvi odgovor',
    'Prijava {number}: isteklo je 75 % roka za prvi odgovor',
    'Prijava {number}: isteklo je 75 % roka za prvi odgovor',
    'Prijava {number}: preteklo je 75 % roka za prvi odgovor',
    'Report {number}: 75 % of the time for the first response has passed'),
  'sistem48.escalation_subject_breach': m(
    'Prijava {number}: rok za prvi odgovor je prekoračen',
    'Prijava {number}: rok za prvi odgovor je prekoračen',
    'Prijava {number}: rok za prvi odgovor je prekoračen',
    'Prijava {number}: rok za prvi odgovor je prekoračen',
    'Prijava {number}: rok za prvi odgovor je prekoračen',
    'Report {number}: the first response is overdue'),
  'sistem48.escalation_body': m(
    'Prijava {number} ({category}) u jedinici {unit} još nema odgovor sa statusom i planiranim datumom rešavanja. Rok za prvi odgovor: {due}. Otvorite je: {link}',
    'Prijava {number} ({category}) u jedinici {unit} još nema odgovor sa statusom i planiranim datumom rješavanja. Rok za prvi odgovor: {due}. Otvorite je: {link}',
    'Prijava {number} ({category}) u ustrojstvenoj jedinici {unit} još nema odgovor sa statusom i planiranim datumom rješavanja. Rok za prvi odgovor: {due}. Otvorite je: {link}',
    'Prijava {number} ({category}) u jedinici {unit} još nema odgovor sa statusom i planiranim datumom rješavanja. Rok za prvi odgovor: {due}. Otvorite je: {link}',
    'Prijava {number} ({category}) v enoti {unit} še nima odgovora s stanjem in načrtovanim datumom rešitve. Rok za prvi odgovor: {due}. Odprite jo: {link}',
    'Report {number} ({category}) in {unit} has no response with a status and a planned resolution date yet. First response due: {due}. Open it: {link}'),
};
