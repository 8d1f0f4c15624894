/**
 * Following a public problem report and "me too" (added to the catalogue by src/catalogue.ts): the
 * code and update messages and the report page's follow form. Order of each entry: sr-Latn, bs, hr,
 * cnr, sl, en; sr-Cyrl is derived from sr-Latn, so sr-Latn avoids q, w, x and y.
 */
import { m } from '../i18n/texts.ts';

export const S48_FOLLOW_MESSAGES = {
  's48f.follow_code': m(
    '{municipality}: kod za praćenje prijave {number} je {code}. Važi 10 minuta.',
    '{municipality}: kod za praćenje prijave {number} je {code}. Važi 10 minuta.',
    '{municipality}: kod za praćenje prijave {number} je {code}. Vrijedi 10 minuta.',
    '{municipality}: kod za praćenje prijave {number} je {code}. Važi 10 minuta.',
    '{municipality}: koda za spremljanje prijave {number} je {code}. Velja 10 minut.',
    '{municipality}: the code to follow report {number} is {code}. It is valid for 10 minutes.',
  ),
  's48f.email_subject_code': m(
    '{municipality}: kod za prijavu {number}',
    '{municipality}: kod za prijavu {number}',
    '{municipality}: kod za prijavu {number}',
    '{municipality}: kod za prijavu {number}',
    '{municipality}: koda za prijavo {number}',
    '{municipality}: your code for report {number}',
  ),
  's48f.update': m(
    '{municipality}: prijava {number}: {what}. Detalji: {url} Odjava od obaveštenja: {stop}',
    '{municipality}: prijava {number}: {what}. Detalji: {url} Odjava od obavještenja: {stop}',
    '{municipality}: prijava {number}: {what}. Pojedinosti: {url} Odjava od obavijesti: {stop}',
    '{municipality}: prijava {number}: {what}. Detalji: {url} Odjava od obavještenja: {stop}',
    '{municipality}: prijava {number}: {what}. Podrobnosti: {url} Odjava od obvestil: {stop}',
    '{municipality}: report {number}: {what}. Details: {url} Stop these updates: {stop}',
  ),
  's48f.email_subject_update': m(
    '{municipality}: novo o prijavi {number}',
    '{municipality}: novo o prijavi {number}',
    '{municipality}: novo o prijavi {number}',
    '{municipality}: novo o prijavi {number}',
    '{municipality}: novo o prijavi {number}',
    '{municipality}: news of report {number}',
  ),
  'detail.follow_nothing_asked': m(
    'Izaberite da pratite prijavu, da podržite prijavu, ili oboje.',
    'Izaberite da pratite prijavu, da podržite prijavu, ili oboje.',
    'Odaberite da pratite prijavu, da podržite prijavu, ili oboje.',
    'Izaberite da pratite prijavu, da podržite prijavu, ili oboje.',
    'Izberite, ali želite spremljati prijavo, jo podpreti ali oboje.',
    'Choose to follow the report, to support it, or both.',
  ),
  // --- The report page's follow form --------------------------------------------------------------------
  's48f.heading': m(
    'Pratite ili podržite',
    'Pratite ili podržite',
    'Pratite ili podržite',
    'Pratite ili podržite',
    'Spremljajte ali podprite',
    'Follow or support',
  ),
  's48f.intro': m(
    'Ostavite broj mobilnog telefona ili e-poštu. Poslaćemo kod; tek kada ga upišete, vaš glas se broji i stižu obaveštenja.',
    'Ostavite broj mobilnog telefona ili e-poštu. Poslat ćemo kod; tek kada ga upišete, vaš glas se broji i stižu obavještenja.',
    'Ostavite broj mobitela ili e-poštu. Poslat ćemo kod; tek kada ga upišete, vaš se glas broji i stižu obavijesti.',
    'Ostavite broj mobilnog telefona ili e-poštu. Poslaćemo kod; tek kada ga upišete, vaš glas se broji i stižu obavještenja.',
    'Pustite številko mobilnega telefona ali e-pošto. Poslali bomo kodo; šele ko jo vpišete, se vaš glas šteje in prihajajo obvestila.',
    'Leave a mobile number or an e-mail address. We send a code; only once you type it does your voice count and do updates come.',
  ),
  's48f.contact': m(
    'Broj mobilnog telefona ili e-pošta',
    'Broj mobilnog telefona ili e-pošta',
    'Broj mobitela ili e-pošta',
    'Broj mobilnog telefona ili e-pošta',
    'Številka mobilnega telefona ali e-pošta',
    'Mobile number or e-mail',
  ),
  's48f.updates': m(
    'Obaveštavajte me o promenama ove prijave (saglasnost možete povući linkom iz svake poruke)',
    'Obavještavajte me o promjenama ove prijave (saglasnost možete povući linkom iz svake poruke)',
    'Obavještavajte me o promjenama ove prijave (privolu možete povući poveznicom iz svake poruke)',
    'Obavještavajte me o promjenama ove prijave (saglasnost možete povući linkom iz svake poruke)',
    'Obveščajte me o spremembah te prijave (privolitev lahko prekličete s povezavo v vsakem sporočilu)',
    'Tell me about changes to this report (you can withdraw this consent by the link in every message)',
  ),
  's48f.me_too': m(
    'I ja imam ovaj problem (podrška prijavi)',
    'I ja imam ovaj problem (podrška prijavi)',
    'I ja imam ovaj problem (potpora prijavi)',
    'I ja imam ovaj problem (podrška prijavi)',
    'Tudi jaz imam to težavo (podpora prijavi)',
    'I have this problem too (support the report)',
  ),
  's48f.send_code': m('Pošalji kod', 'Pošalji kod', 'Pošalji kod', 'Pošalji kod', 'Pošlji kodo', 'Send a code'),
  's48f.code_sent': m(
    'Poslali smo kod na {address}.',
    'Poslali smo kod na {address}.',
    'Poslali smo kod na {address}.',
    'Poslali smo kod na {address}.',
    'Kodo smo poslali na {address}.',
    'We sent a code to {address}.',
  ),
  's48f.code': m('Kod iz poruke', 'Kod iz poruke', 'Kod iz poruke', 'Kod iz poruke', 'Koda iz sporočila', 'The code from the message'),
  's48f.confirm': m('Potvrdi', 'Potvrdi', 'Potvrdi', 'Potvrdi', 'Potrdi', 'Confirm'),
  's48f.done_following': m(
    'Pratite ovu prijavu: javićemo vam svaku promenu.',
    'Pratite ovu prijavu: javit ćemo vam svaku promjenu.',
    'Pratite ovu prijavu: javit ćemo vam svaku promjenu.',
    'Pratite ovu prijavu: javićemo vam svaku promjenu.',
    'Spremljate to prijavo: sporočili vam bomo vsako spremembo.',
    'You are following this report: we will tell you of every change.',
  ),
  's48f.done_supporting': m(
    'Vaša podrška je zabeležena.',
    'Vaša podrška je zabilježena.',
    'Vaša potpora je zabilježena.',
    'Vaša podrška je zabilježena.',
    'Vaša podpora je zabeležena.',
    'Your support is counted.',
  ),
  's48f.support_count': m(
    'Broj građana sa istim problemom: {count}',
    'Broj građana s istim problemom: {count}',
    'Broj građana s istim problemom: {count}',
    'Broj građana sa istim problemom: {count}',
    'Število občanov z isto težavo: {count}',
    'People with the same problem: {count}',
  ),
  's48f.support_short': m('Podrška: {count}', 'Podrška: {count}', 'Potpora: {count}', 'Podrška: {count}', 'Podpora: {count}', 'Support: {count}'),
  's48f.stop_title': m(
    'Odjava od obaveštenja o prijavi',
    'Odjava od obavještenja o prijavi',
    'Odjava od obavijesti o prijavi',
    'Odjava od obavještenja o prijavi',
    'Odjava od obvestil o prijavi',
    'Stop updates about a report',
  ),
  's48f.stop_button': m('Odjavi me', 'Odjavi me', 'Odjavi me', 'Odjavi me', 'Odjavi me', 'Stop the updates'),
  's48f.stopped': m(
    'Više vam nećemo slati obaveštenja o ovoj prijavi.',
    'Više vam nećemo slati obavještenja o ovoj prijavi.',
    'Više vam nećemo slati obavijesti o ovoj prijavi.',
    'Više vam nećemo slati obavještenja o ovoj prijavi.',
    'O tej prijavi vam ne bomo več pošiljali obvestil.',
    'We will send you no more updates about this report.',
  ),
} as const;

// Its keys become message keys for the compiler (the table itself is added by src/catalogue.ts).
declare module '../i18n/catalog.ts' {
  interface MessageCatalogue extends Record<keyof typeof S48_FOLLOW_MESSAGES, true> {}
}
