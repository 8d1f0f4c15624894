/**
 * The organisation room's part of the message catalogue (added by src/catalogue.ts): user and unit editing,
 * the second factor, the audit-log viewer and canned responses.
 * Order of each entry: sr-Latn, bs, hr, cnr, sl, en. sr-Cyrl is derived from sr-Latn.
 */
import { m } from '../i18n/texts.ts';

export const ORGANISATION_MESSAGES = {
  // Errors
  'error.own_role': m(
    'Ne možete promeniti sopstvenu ulogu; to može uraditi drugi administrator.',
    'Ne možete promijeniti vlastitu ulogu; to može uraditi drugi administrator.',
    'Ne možete promijeniti vlastitu ulogu; to može učiniti drugi administrator.',
    'Ne možete promijeniti sopstvenu ulogu; to može uraditi drugi administrator.',
    'Lastne vloge ne morete spremeniti; to lahko stori drug skrbnik.',
    'You cannot change your own role; another administrator can.',
  ),
  'error.second_factor_code': m(
    'Kod nije ispravan. Upišite šest cifara koje aplikacija sada prikazuje ili jedan rezervni kod.',
    'Kod nije ispravan. Upišite šest cifara koje aplikacija sada prikazuje ili jedan rezervni kod.',
    'Kôd nije ispravan. Upišite šest znamenki koje aplikacija sada prikazuje ili jedan pričuvni kôd.',
    'Kod nije ispravan. Upišite šest cifara koje aplikacija sada prikazuje ili jedan rezervni kod.',
    'Koda ni pravilna. Vpišite šest števk, ki jih aplikacija prikazuje zdaj, ali eno rezervno kodo.',
    'The code is not right. Type the six digits the app shows now, or one recovery code.',
  ),
  'error.sign_in_step_expired': m(
    'Ova prijava je istekla ili je imala previše pokušaja. Prijavite se ponovo.',
    'Ova prijava je istekla ili je imala previše pokušaja. Prijavite se ponovo.',
    'Ova je prijava istekla ili je imala previše pokušaja. Prijavite se ponovno.',
    'Ova prijava je istekla ili je imala previše pokušaja. Prijavite se ponovo.',
    'Ta prijava je potekla ali je imela preveč poskusov. Prijavite se znova.',
    'This sign-in has expired or had too many tries. Sign in again.',
  ),
  'error.second_factor_required': m(
    'Opština zahteva drugi faktor za administratore; ne može se isključiti.',
    'Općina zahtijeva drugi faktor za administratore; ne može se isključiti.',
    'Općina zahtijeva drugi faktor za administratore; ne može se isključiti.',
    'Opština zahtijeva drugi faktor za administratore; ne može se isključiti.',
    'Občina za skrbnike zahteva drugi faktor; ni ga mogoče izklopiti.',
    'The municipality requires a second factor for administrators; it cannot be turned off.',
  ),
} as const;

// Its keys become message keys for the compiler (the table itself is added by src/catalogue.ts).
declare module '../i18n/catalog.ts' {
  interface MessageCatalogue extends Record<keyof typeof ORGANISATION_MESSAGES, true> {}
}
