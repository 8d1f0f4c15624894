/**
 * Built-in templates (version 0), used until the administrator saves a version of their own. Each
 * kind has one short sentence per language; the SMS is that sentence, Viber adds the tracking link,
 * e-mail wraps it in a greeting and a signature. Serbian Cyrillic is transliterated from Serbian
 * Latin (placeholders untouched), so the two can never say different things.
 */
import { latToCyr } from '../../i18n/index.ts';
import type { HandwrittenLocale, Locale } from '../../i18n/index.ts';
import type { TemplateChannel } from './template.ts';

type Lines = Record<HandwrittenLocale, string>;
const L = (sr: string, bs: string, hr: string, cnr: string, sl: string, en: string): Lines => ({ 'sr-Latn': sr, bs, hr, cnr, sl, en });

/** For kinds without a sentence of their own, e.g. events an external registry names freely ({note} is its text, if any). */
export const GENERIC_LINE: Lines = L(
  'Novost u predmetu {number}: {status}. {note}',
  'Novost u predmetu {number}: {status}. {note}',
  'Novost u predmetu {number}: {status}. {note}',
  'Novost u predmetu {number}: {status}. {note}',
  'Novost v zadevi {number}: {status}. {note}',
  'News in case {number}: {status}. {note}',
);

export const DEFAULT_LINES: Readonly<Record<string, Lines>> = {
  // A report that came by web, SMS, e-mail, phone or Viber never passed a registry office.
  'registered:report': L(
    'Prijava {number} je primljena {date}. Kod za praćenje: {trackingCode}',
    'Prijava {number} primljena je {date}. Kod za praćenje: {trackingCode}',
    'Prijava {number} zaprimljena je {date}. Kod za praćenje: {trackingCode}',
    'Prijava {number} primljena je {date}. Kod za praćenje: {trackingCode}',
    'Prijava {number} je bila prejeta {date}. Koda za sledenje: {trackingCode}',
    'Report {number} was received on {date}. Tracking code: {trackingCode}',
  ),
  registered: L(
    'Predmet {number} je primljen u pisarnici {date}. Kod za praćenje: {trackingCode}',
    'Predmet {number} primljen je u pisarnici {date}. Kod za praćenje: {trackingCode}',
    'Predmet {number} zaprimljen je u pisarnici {date}. Kod za praćenje: {trackingCode}',
    'Predmet {number} primljen je u pisarnici {date}. Kod za praćenje: {trackingCode}',
    'Zadeva {number} je bila {date} prejeta v vložišču. Koda za sledenje: {trackingCode}',
    'Case {number} was received at the registry office on {date}. Tracking code: {trackingCode}',
  ),
  delivered: L(
    'Predmet {number} je dostavljen nadležnom organu: {body}.',
    'Predmet {number} dostavljen je nadležnoj službi: {body}.',
    'Predmet {number} dostavljen je nadležnom tijelu: {body}.',
    'Predmet {number} dostavljen je nadležnom organu: {body}.',
    'Zadeva {number} je bila posredovana pristojnemu organu: {body}.',
    'Case {number} was sent to the responsible body: {body}.',
  ),
  accepted: L(
    'Predmet {number} je preuzeo referent {clerk} ({body}).',
    'Predmet {number} preuzeo je referent {clerk} ({body}).',
    'Predmet {number} preuzeo je službenik {clerk} ({body}).',
    'Predmet {number} preuzeo je referent {clerk} ({body}).',
    'Zadevo {number} je prevzela uradna oseba {clerk} ({body}).',
    'Case {number} was taken over by {clerk} ({body}).',
  ),
  assigned: L(
    'Predmet {number} sada vodi: {body}.',
    'Predmet {number} sada vodi: {body}.',
    'Predmet {number} sada vodi: {body}.',
    'Predmet {number} sada vodi: {body}.',
    'Zadevo {number} zdaj vodi: {body}.',
    'Case {number} is now handled by {body}.',
  ),
  opinion_requested: L(
    'Za predmet {number} čeka se mišljenje: {institution}.',
    'Za predmet {number} čeka se mišljenje: {institution}.',
    'Za predmet {number} čeka se mišljenje: {institution}.',
    'Za predmet {number} čeka se mišljenje: {institution}.',
    'Za zadevo {number} se čaka na mnenje: {institution}.',
    'Case {number} is waiting for the opinion of {institution}.',
  ),
  opinion_received: L(
    'Stiglo je mišljenje za predmet {number}; obrada se nastavlja.',
    'Stiglo je mišljenje za predmet {number}; obrada se nastavlja.',
    'Stiglo je mišljenje za predmet {number}; obrada se nastavlja.',
    'Stiglo je mišljenje za predmet {number}; obrada se nastavlja.',
    'Mnenje za zadevo {number} je prispelo; obravnava se nadaljuje.',
    'The opinion for case {number} has arrived; work continues.',
  ),
  classified: L(
    'Predmetu {number} dodeljena je klasifikaciona oznaka {classification}.',
    'Predmetu {number} dodijeljena je klasifikacijska oznaka {classification}.',
    'Predmetu {number} dodijeljena je klasifikacijska oznaka {classification}.',
    'Predmetu {number} dodijeljena je klasifikaciona oznaka {classification}.',
    'Zadeva {number} je dobila klasifikacijski znak {classification}.',
    'Case {number} was given classification code {classification}.',
  ),
  note_added: L(
    'Predmet {number}: {note}',
    'Predmet {number}: {note}',
    'Predmet {number}: {note}',
    'Predmet {number}: {note}',
    'Zadeva {number}: {note}',
    'Case {number}: {note}',
  ),
  document_added: L(
    'U predmet {number} dodat je novi dokument.',
    'U predmet {number} dodan je novi dokument.',
    'U predmet {number} dodan je novi dokument.',
    'U predmet {number} dodat je novi dokument.',
    'V zadevo {number} je bil dodan nov dokument.',
    'A new document was added to case {number}.',
  ),
  appeal_received: L(
    'Primljena je žalba u predmetu {number}.',
    'Zaprimljena je žalba u predmetu {number}.',
    'Zaprimljena je žalba u predmetu {number}.',
    'Primljena je žalba u predmetu {number}.',
    'V zadevi {number} je bila prejeta pritožba.',
    'An appeal was received in case {number}.',
  ),
  returned_to_registry: L(
    'Predmet {number} je vraćen u pisarnicu.',
    'Predmet {number} vraćen je u pisarnicu.',
    'Predmet {number} vraćen je u pisarnicu.',
    'Predmet {number} vraćen je u pisarnicu.',
    'Zadeva {number} je bila vrnjena v vložišče.',
    'Case {number} was returned to the registry office.',
  ),
  archived: L(
    'Predmet {number} je arhiviran.',
    'Predmet {number} je arhiviran.',
    'Predmet {number} je arhiviran.',
    'Predmet {number} je arhiviran.',
    'Zadeva {number} je arhivirana.',
    'Case {number} was archived.',
  ),
  rerouted: L(
    'Vaša prijava {number} prosleđena je nadležnima: {body}.',
    'Vaša prijava {number} proslijeđena je nadležnima: {body}.',
    'Vaša prijava {number} proslijeđena je nadležnima: {body}.',
    'Vaša prijava {number} proslijeđena je nadležnima: {body}.',
    'Vaša prijava {number} je bila posredovana pristojnim: {body}.',
    'Your report {number} was forwarded to {body}.',
  ),
  merged: L(
    'Vaša prijava {number} spojena je sa ranijom prijavom istog problema.',
    'Vaša prijava {number} spojena je s ranijom prijavom istog problema.',
    'Vaša prijava {number} spojena je s ranijom prijavom istog problema.',
    'Vaša prijava {number} spojena je sa ranijom prijavom istog problema.',
    'Vaša prijava {number} je bila združena s prejšnjo prijavo iste težave.',
    'Your report {number} was merged with an earlier report of the same problem.',
  ),
  response_given: L(
    'Prijava {number}: {status}. {note} Rok za rešavanje: {deadline}.',
    'Prijava {number}: {status}. {note} Rok za rješavanje: {deadline}.',
    'Prijava {number}: {status}. {note} Rok za rješavanje: {deadline}.',
    'Prijava {number}: {status}. {note} Rok za rješavanje: {deadline}.',
    'Prijava {number}: {status}. {note} Rok za rešitev: {deadline}.',
    'Report {number}: {status}. {note} To be solved by {deadline}.',
  ),
  deadline_set: L(
    'Predmet {number}: rok za rešavanje je {deadline}.',
    'Predmet {number}: rok za rješavanje je {deadline}.',
    'Predmet {number}: rok za rješavanje je {deadline}.',
    'Predmet {number}: rok za rješavanje je {deadline}.',
    'Zadeva {number}: rok za rešitev je {deadline}.',
    'Case {number}: the deadline is {deadline}.',
  ),
  field_result: L(
    'Po prijavi {number} izvršena je intervencija na terenu. {note}',
    'Po prijavi {number} izvršena je intervencija na terenu. {note}',
    'Po prijavi {number} obavljena je intervencija na terenu. {note}',
    'Po prijavi {number} izvršena je intervencija na terenu. {note}',
    'Na podlagi prijave {number} je bil opravljen poseg na terenu. {note}',
    'Field work on report {number} has been carried out. {note}',
  ),
  question: L(
    'Pitanje u vezi sa predmetom {number}: {note} Odgovorite na ovu poruku.',
    'Pitanje u vezi s predmetom {number}: {note} Odgovorite na ovu poruku.',
    'Pitanje u vezi s predmetom {number}: {note} Odgovorite na ovu poruku.',
    'Pitanje u vezi sa predmetom {number}: {note} Odgovorite na ovu poruku.',
    'Vprašanje v zvezi z zadevo {number}: {note} Odgovorite na to sporočilo.',
    'A question about case {number}: {note} Please reply to this message.',
  ),
  reopened: L(
    'Prijava {number} je ponovo otvorena jer problem nije otklonjen i vraćena je službi {body}. Novi rok za odgovor: {deadline}.',
    'Prijava {number} ponovo je otvorena jer problem nije otklonjen i vraćena je službi {body}. Novi rok za odgovor: {deadline}.',
    'Prijava {number} ponovno je otvorena jer problem nije otklonjen i vraćena je službi {body}. Novi rok za odgovor: {deadline}.',
    'Prijava {number} ponovo je otvorena jer problem nije otklonjen i vraćena je službi {body}. Novi rok za odgovor: {deadline}.',
    'Prijava {number} je ponovno odprta, ker težava ni odpravljena, in vrnjena službi {body}. Nov rok za odgovor: {deadline}.',
    'Report {number} was reopened because the problem is not fixed and is back with {body}. New answer deadline: {deadline}.',
  ),
  'status:in_progress': L(
    'Predmet {number} je u obradi. {note}',
    'Predmet {number} je u obradi. {note}',
    'Predmet {number} je u obradi. {note}',
    'Predmet {number} je u obradi. {note}',
    'Zadeva {number} je v obravnavi. {note}',
    'Case {number} is being processed. {note}',
  ),
  'status:incomplete': L(
    'Predmet {number} je nepotpun – potrebna je dopuna. {note}',
    'Predmet {number} je nepotpun – potrebna je dopuna. {note}',
    'Predmet {number} je nepotpun – potrebna je dopuna. {note}',
    'Predmet {number} je nepotpun – potrebna je dopuna. {note}',
    'Vloga {number} je nepopolna – potrebna je dopolnitev. {note}',
    'Case {number} is incomplete – more information is needed. {note}',
  ),
  'status:approved': L(
    'Vaš zahtev {number} je odobren. {note}',
    'Vaš zahtjev {number} je odobren. {note}',
    'Vaš zahtjev {number} je odobren. {note}',
    'Vaš zahtjev {number} je odobren. {note}',
    'Vaša vloga {number} je odobrena. {note}',
    'Your request {number} was approved. {note}',
  ),
  'status:rejected': L(
    'Vaš zahtev {number} je odbijen. {note}',
    'Vaš zahtjev {number} je odbijen. {note}',
    'Vaš zahtjev {number} je odbijen. {note}',
    'Vaš zahtjev {number} je odbijen. {note}',
    'Vaša vloga {number} je zavrnjena. {note}',
    'Your request {number} was rejected. {note}',
  ),
  'status:dismissed': L(
    'Vaš zahtev {number} je odbačen. {note}',
    'Vaš zahtjev {number} je odbačen. {note}',
    'Vaš zahtjev {number} je odbačen. {note}',
    'Vaš zahtjev {number} je odbačen. {note}',
    'Vaša vloga {number} je zavržena. {note}',
    'Your request {number} was dismissed. {note}',
  ),
  'status:suspended': L(
    'Postupak po predmetu {number} je obustavljen. {note}',
    'Postupak po predmetu {number} je obustavljen. {note}',
    'Postupak u predmetu {number} je obustavljen. {note}',
    'Postupak po predmetu {number} je obustavljen. {note}',
    'Postopek v zadevi {number} je ustavljen. {note}',
    'The proceedings in case {number} were suspended. {note}',
  ),
  'status:resolved': L(
    'Predmet {number} je rešen. {note}',
    'Predmet {number} je riješen. {note}',
    'Predmet {number} je riješen. {note}',
    'Predmet {number} je riješen. {note}',
    'Zadeva {number} je rešena. {note}',
    'Case {number} was resolved. {note}',
  ),
};

const SUBJECT: Lines = L(
  'Predmet {number}: {status}',
  'Predmet {number}: {status}',
  'Predmet {number}: {status}',
  'Predmet {number}: {status}',
  'Zadeva {number}: {status}',
  'Case {number}: {status}',
);
const GREETING: Lines = L('Poštovani/a {name},', 'Poštovani/a {name},', 'Poštovani/a {name},', 'Poštovani/a {name},', 'Spoštovani/a {name},', 'Dear {name},');
const FOLLOW: Lines = L(
  'Stanje predmeta možete pratiti ovde: {trackingLink}',
  'Stanje predmeta možete pratiti ovdje: {trackingLink}',
  'Stanje predmeta možete pratiti ovdje: {trackingLink}',
  'Stanje predmeta možete pratiti ovdje: {trackingLink}',
  'Zadevo lahko spremljate tukaj: {trackingLink}',
  'Follow your case here: {trackingLink}',
);

function handwritten(kind: string, channel: TemplateChannel, locale: HandwrittenLocale): string {
  const line = (DEFAULT_LINES[kind] ?? GENERIC_LINE)[locale];
  switch (channel) {
    case 'sms':
      return line;
    case 'viber':
      return `${line}\n{trackingLink}`;
    case 'email_subject':
      return SUBJECT[locale];
    case 'email_body':
      return `${GREETING[locale]}\n\n${line}\n\n${FOLLOW[locale]}\n\n{municipality}`;
  }
}

/** The built-in text for a kind, channel and locale (any kind: unknown ones get a generic sentence). */
export function defaultTemplate(kind: string, channel: TemplateChannel, locale: Locale): string {
  return locale === 'sr-Cyrl' ? latToCyr(handwritten(kind, channel, 'sr-Latn')) : handwritten(kind, channel, locale);
}
