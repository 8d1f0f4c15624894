/**
 * The answer time the public form and report page state (added to the catalogue by src/catalogue.ts).
 * Hours are written "48 h" in the South Slavic languages so the number reads right with any value.
 * Order of each entry: sr-Latn, bs, hr, cnr, sl, en. sr-Cyrl is derived from sr-Latn.
 */
import { m } from '../i18n/texts.ts';

export const S48_ANSWER_TIME_MESSAGES = {
  's48a.new_intro': m(
    'Nalog nije potreban. Kada izaberete kategoriju, videćete do kada nadležna služba odgovara.',
    'Račun nije potreban. Kada izaberete kategoriju, vidjet ćete do kada nadležna služba odgovara.',
    'Korisnički račun nije potreban. Kada odaberete kategoriju, vidjet ćete do kada nadležna služba odgovara.',
    'Nalog nije potreban. Kada izaberete kategoriju, vidjećete do kada nadležna služba odgovara.',
    'Račun ni potreben. Ko izberete kategorijo, boste videli, do kdaj pristojna služba odgovori.',
    'No account needed. Once you choose a category, you will see by when the responsible service answers.',
  ),
  's48a.answer_by_calendar': m(
    'Odgovor najkasnije do {date} (rok: {hours} h).',
    'Odgovor najkasnije do {date} (rok: {hours} h).',
    'Odgovor najkasnije do {date} (rok: {hours} h).',
    'Odgovor najkasnije do {date} (rok: {hours} h).',
    'Odgovor najpozneje do {date} (rok: {hours} h).',
    'An answer by {date} at the latest (within {hours} hours).',
  ),
  's48a.answer_by_working': m(
    'Odgovor najkasnije do {date} (rok: {hours} h radnog vremena).',
    'Odgovor najkasnije do {date} (rok: {hours} h radnog vremena).',
    'Odgovor najkasnije do {date} (rok: {hours} h radnog vremena).',
    'Odgovor najkasnije do {date} (rok: {hours} h radnog vremena).',
    'Odgovor najpozneje do {date} (rok: {hours} h delovnega časa).',
    'An answer by {date} at the latest (within {hours} working hours).',
  ),
  's48a.promise': m('Obećani rok', 'Obećani rok', 'Obećani rok', 'Obećani rok', 'Obljubljeni rok', 'Promised answer time'),
  's48a.promise_calendar': m('{hours} h', '{hours} h', '{hours} h', '{hours} h', '{hours} h', '{hours} hours'),
  's48a.promise_working': m(
    '{hours} h radnog vremena',
    '{hours} h radnog vremena',
    '{hours} h radnog vremena',
    '{hours} h radnog vremena',
    '{hours} h delovnega časa',
    '{hours} working hours',
  ),
} as const;

// Its keys become message keys for the compiler (the table itself is added by src/catalogue.ts).
declare module '../i18n/catalog.ts' {
  interface MessageCatalogue extends Record<keyof typeof S48_ANSWER_TIME_MESSAGES, true> {}
}
