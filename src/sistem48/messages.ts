/**
 * Sistem 48's server-side texts, added to the catalogue by src/catalogue.ts: what is wrong with a report a
 * citizen or operator sends, and the e-mail that tells the unit head (and, at a breach, leadership)
 * that a report is still unanswered. Order of each entry: sr-Latn, bs, hr, cnr, sl, en.
 */
import { m } from '../i18n/texts.ts';

export const S48_MESSAGES = {
  // --- What is wrong with a report (shown beside the field on the form) --------------------------
  'sistem48.err_unknown_category': m(
    'izaberite vrstu problema sa spiska',
    'izaberite vrstu problema s liste',
    'odaberite vrstu problema s popisa',
    'izaberite vrstu problema sa spiska',
    'izberite vrsto težave s seznama',
    'choose a kind of problem from the list',
  ),
  'sistem48.err_moderation_reason': m(
    'navedite razlog izmene (vidi ga osoblje u istoriji predmeta)',
    'navedite razlog izmjene (vidi ga osoblje u historiji predmeta)',
    'navedite razlog izmjene (vidi ga osoblje u povijesti predmeta)',
    'navedite razlog izmjene (vidi ga osoblje u istoriji predmeta)',
    'navedite razlog spremembe (osebje ga vidi v zgodovini zadeve)',
    'give the reason for the change (staff see it in the case history)',
  ),
  'sistem48.err_moderation_text': m(
    'upišite tekst koji javnost treba da vidi (najviše 5000 znakova, bez HTML oznaka)',
    'upišite tekst koji javnost treba vidjeti (najviše 5000 znakova, bez HTML oznaka)',
    'upišite tekst koji javnost treba vidjeti (najviše 5000 znakova, bez HTML oznaka)',
    'upišite tekst koji javnost treba da viđi (najviše 5000 znakova, bez HTML oznaka)',
    'vpišite besedilo, ki naj ga vidi javnost (največ 5000 znakov, brez oznak HTML)',
    'type the text the public should read (at most 5000 characters, no HTML tags)',
  ),
  'sistem48.err_location_missing': m(
    'navedite mesto: označite ga na mapi, upišite adresu ili priložite fotografiju sa GPS položajem',
    'navedite mjesto: označite ga na mapi, upišite adresu ili priložite fotografiju s GPS položajem',
    'navedite mjesto: označite ga na karti, upišite adresu ili priložite fotografiju s GPS položajem',
    'navedite mjesto: označite ga na mapi, upišite adresu ili priložite fotografiju sa GPS položajem',
    'navedite kraj: označite ga na zemljevidu, vpišite naslov ali priložite fotografijo s položajem GPS',
    'give the location: mark it on the map, type an address, or attach a photo with its GPS position',
  ),
  'sistem48.err_outside': m(
    'mesto {lat}, {lon} je izvan opštine',
    'mjesto {lat}, {lon} je izvan općine',
    'mjesto {lat}, {lon} je izvan općine',
    'mjesto {lat}, {lon} je van opštine',
    'kraj {lat}, {lon} je zunaj občine',
    'the location {lat}, {lon} is outside the municipality',
  ),
  'sistem48.err_both_coordinates': m(
    'navedite i geografsku širinu i dužinu',
    'navedite i geografsku širinu i dužinu',
    'navedite i geografsku širinu i dužinu',
    'navedite i geografsku širinu i dužinu',
    'navedite geografsko širino in dolžino',
    'give both latitude and longitude',
  ),
  'sistem48.err_description_long': m(
    'opis je duži od {max} znakova',
    'opis je duži od {max} znakova',
    'opis je dulji od {max} znakova',
    'opis je duži od {max} znakova',
    'opis je daljši od {max} znakov',
    'the description is longer than {max} characters',
  ),
  'sistem48.err_description_markup': m(
    'opis sadrži samo oznake; opišite problem rečima',
    'opis sadrži samo oznake; opišite problem riječima',
    'opis sadrži samo oznake; opišite problem riječima',
    'opis sadrži samo oznake; opišite problem riječima',
    'opis vsebuje samo oznake; težavo opišite z besedami',
    'the description contains only markup; describe the problem in words',
  ),
  'sistem48.err_photos_max': m(
    'najviše {n} fotografija',
    'najviše {n} fotografija',
    'najviše {n} fotografija',
    'najviše {n} fotografija',
    'največ {n} fotografij',
    'at most {n} photos',
  ),
  'sistem48.err_photo_unreadable': m(
    'fotografija ne može da se pročita kao slika',
    'fotografija se ne može pročitati kao slika',
    'fotografija se ne može pročitati kao slika',
    'fotografija ne može da se pročita kao slika',
    'fotografije ni mogoče prebrati kot sliko',
    'the photo could not be read as an image',
  ),
  'sistem48.err_field_required': m(
    'ovo polje je obavezno',
    'ovo polje je obavezno',
    'ovo polje je obvezno',
    'ovo polje je obavezno',
    'to polje je obvezno',
    'this field is required',
  ),
  'sistem48.err_field_option': m(
    'izaberite jednu od ponuđenih vrednosti',
    'izaberite jednu od ponuđenih vrijednosti',
    'odaberite jednu od ponuđenih vrijednosti',
    'izaberite jednu od ponuđenih vrijednosti',
    'izberite eno od ponujenih vrednosti',
    'choose one of the options offered',
  ),
  'sistem48.err_field_number': m('upišite broj', 'upišite broj', 'upišite broj', 'upišite broj', 'vpišite število', 'type a number'),

  // --- The escalation e-mail -----------------------------------------------------------------------
  'sistem48.escalation_subject_warning': m(
    'Prijava {number}: isteklo je 75 % roka za prvi odgovor',
    'Prijava {number}: isteklo je 75 % roka za prvi odgovor',
    'Prijava {number}: isteklo je 75 % roka za prvi odgovor',
    'Prijava {number}: isteklo je 75 % roka za prvi odgovor',
    'Prijava {number}: preteklo je 75 % roka za prvi odgovor',
    'Report {number}: 75 % of the time for the first response has passed',
  ),
  'sistem48.escalation_subject_breach': m(
    'Prijava {number}: rok za prvi odgovor je prekoračen',
    'Prijava {number}: rok za prvi odgovor je prekoračen',
    'Prijava {number}: rok za prvi odgovor je prekoračen',
    'Prijava {number}: rok za prvi odgovor je prekoračen',
    'Prijava {number}: rok za prvi odgovor je prekoračen',
    'Report {number}: the first response is overdue',
  ),
  'sistem48.escalation_body': m(
    'Prijava {number} ({category}) u jedinici {unit} još nema odgovor sa statusom i planiranim datumom rešavanja. Rok za prvi odgovor: {due}. Otvorite je: {link}',
    'Prijava {number} ({category}) u jedinici {unit} još nema odgovor sa statusom i planiranim datumom rješavanja. Rok za prvi odgovor: {due}. Otvorite je: {link}',
    'Prijava {number} ({category}) u ustrojstvenoj jedinici {unit} još nema odgovor sa statusom i planiranim datumom rješavanja. Rok za prvi odgovor: {due}. Otvorite je: {link}',
    'Prijava {number} ({category}) u jedinici {unit} još nema odgovor sa statusom i planiranim datumom rješavanja. Rok za prvi odgovor: {due}. Otvorite je: {link}',
    'Prijava {number} ({category}) v enoti {unit} še nima odgovora s stanjem in načrtovanim datumom rešitve. Rok za prvi odgovor: {due}. Odprite jo: {link}',
    'Report {number} ({category}) in {unit} has no response with a status and a planned resolution date yet. First response due: {due}. Open it: {link}',
  ),

  // --- "Is it fixed?" (asked some days after a report is resolved) ---------------------------------
  'sistem48.fix_question_sms': m(
    '{municipality}: prijava {number} je rešena. Da li je problem zaista otklonjen? Odgovorite DA ili NE; možete dodati ocenu 1-5, npr. DA 5.',
    '{municipality}: prijava {number} je riješena. Da li je problem zaista otklonjen? Odgovorite DA ili NE; možete dodati ocjenu 1-5, npr. DA 5.',
    '{municipality}: prijava {number} je riješena. Je li problem zaista otklonjen? Odgovorite DA ili NE; možete dodati ocjenu 1-5, npr. DA 5.',
    '{municipality}: prijava {number} je riješena. Da li je problem zaista otklonjen? Odgovorite DA ili NE; možete dodati ocjenu 1-5, npr. DA 5.',
    '{municipality}: prijava {number} je rešena. Je težava res odpravljena? Odgovorite DA ali NE; dodate lahko oceno 1-5, npr. DA 5.',
    '{municipality}: report {number} has been resolved. Is the problem really fixed? Reply YES or NO; you may add a rating 1-5, e.g. YES 5.',
  ),
  'sistem48.fix_question_viber': m(
    'Prijava {number} ({subject}) je rešena. Da li je problem zaista otklonjen? Izaberite odgovor ispod.',
    'Prijava {number} ({subject}) je riješena. Da li je problem zaista otklonjen? Izaberite odgovor ispod.',
    'Prijava {number} ({subject}) je riješena. Je li problem zaista otklonjen? Odaberite odgovor ispod.',
    'Prijava {number} ({subject}) je riješena. Da li je problem zaista otklonjen? Izaberite odgovor ispod.',
    'Prijava {number} ({subject}) je rešena. Je težava res odpravljena? Izberite odgovor spodaj.',
    'Report {number} ({subject}) has been resolved. Is the problem really fixed? Choose an answer below.',
  ),
  'sistem48.fix_question_subject': m(
    'Prijava {number}: da li je problem otklonjen?',
    'Prijava {number}: da li je problem otklonjen?',
    'Prijava {number}: je li problem otklonjen?',
    'Prijava {number}: da li je problem otklonjen?',
    'Prijava {number}: je težava odpravljena?',
    'Report {number}: is the problem fixed?',
  ),
  'sistem48.fix_question_email': m(
    'Poštovani/a {name},\n\nprijava {number} ({subject}) je rešena. Da li je problem zaista otklonjen?\n\nOdgovorite jednim klikom i, ako želite, ocenite rad: {link}\n\nAko problem nije otklonjen, prijava se ponovo otvara i vraća službi koja je rešava.\n\n{municipality}',
    'Poštovani/a {name},\n\nprijava {number} ({subject}) je riješena. Da li je problem zaista otklonjen?\n\nOdgovorite jednim klikom i, ako želite, ocijenite rad: {link}\n\nAko problem nije otklonjen, prijava se ponovo otvara i vraća službi koja je rješava.\n\n{municipality}',
    'Poštovani/a {name},\n\nprijava {number} ({subject}) je riješena. Je li problem zaista otklonjen?\n\nOdgovorite jednim klikom i, ako želite, ocijenite rad: {link}\n\nAko problem nije otklonjen, prijava se ponovno otvara i vraća službi koja je rješava.\n\n{municipality}',
    'Poštovani/a {name},\n\nprijava {number} ({subject}) je riješena. Da li je problem zaista otklonjen?\n\nOdgovorite jednim klikom i, ako želite, ocijenite rad: {link}\n\nAko problem nije otklonjen, prijava se ponovo otvara i vraća službi koja je rješava.\n\n{municipality}',
    'Spoštovani/a {name},\n\nprijava {number} ({subject}) je rešena. Je težava res odpravljena?\n\nOdgovorite z enim klikom in, če želite, ocenite delo: {link}\n\nČe težava ni odpravljena, se prijava ponovno odpre in vrne službi, ki jo rešuje.\n\n{municipality}',
    'Dear {name},\n\nreport {number} ({subject}) has been resolved. Is the problem really fixed?\n\nAnswer with one click and, if you like, rate the work: {link}\n\nIf the problem is not fixed, the report is reopened and goes back to the service handling it.\n\n{municipality}',
  ),
  'sistem48.fix_button_yes': m('Da, otklonjen je', 'Da, otklonjen je', 'Da, otklonjen je', 'Da, otklonjen je', 'Da, odpravljena je', 'Yes, it is fixed'),
  'sistem48.fix_button_no': m(
    'Ne, nije otklonjen',
    'Ne, nije otklonjen',
    'Ne, nije otklonjen',
    'Ne, nije otklonjen',
    'Ne, ni odpravljena',
    'No, it is not fixed',
  ),
  'sistem48.fix_thanks_rate': m(
    'Hvala! Ocenite rad na prijavi {number} ocenom od 1 do 5 (pošaljite samo broj).',
    'Hvala! Ocijenite rad na prijavi {number} ocjenom od 1 do 5 (pošaljite samo broj).',
    'Hvala! Ocijenite rad na prijavi {number} ocjenom od 1 do 5 (pošaljite samo broj).',
    'Hvala! Ocijenite rad na prijavi {number} ocjenom od 1 do 5 (pošaljite samo broj).',
    'Hvala! Ocenite delo pri prijavi {number} z oceno od 1 do 5 (pošljite samo številko).',
    'Thank you! Rate the work on report {number} from 1 to 5 (send just the number).',
  ),
  'sistem48.fix_thanks': m(
    'Hvala na odgovoru o prijavi {number}.',
    'Hvala na odgovoru o prijavi {number}.',
    'Hvala na odgovoru o prijavi {number}.',
    'Hvala na odgovoru o prijavi {number}.',
    'Hvala za odgovor o prijavi {number}.',
    'Thank you for your answer about report {number}.',
  ),
  'sistem48.reopened_staff_subject': m(
    'Prijava {number} je ponovo otvorena: problem nije otklonjen',
    'Prijava {number} ponovo je otvorena: problem nije otklonjen',
    'Prijava {number} ponovno je otvorena: problem nije otklonjen',
    'Prijava {number} ponovo je otvorena: problem nije otklonjen',
    'Prijava {number} je ponovno odprta: težava ni odpravljena',
    'Report {number} reopened: the problem is not fixed',
  ),
  'sistem48.reopened_staff_body': m(
    'Podnosilac prijave {number} ({category}) javlja da problem nije otklonjen. Prijava je vraćena u red jedinice {unit}. Novi rok za odgovor: {due}. {comment}\nOtvorite je: {link}',
    'Podnosilac prijave {number} ({category}) javlja da problem nije otklonjen. Prijava je vraćena u red jedinice {unit}. Novi rok za odgovor: {due}. {comment}\nOtvorite je: {link}',
    'Podnositelj prijave {number} ({category}) javlja da problem nije otklonjen. Prijava je vraćena u red ustrojstvene jedinice {unit}. Novi rok za odgovor: {due}. {comment}\nOtvorite je: {link}',
    'Podnosilac prijave {number} ({category}) javlja da problem nije otklonjen. Prijava je vraćena u red jedinice {unit}. Novi rok za odgovor: {due}. {comment}\nOtvorite je: {link}',
    'Prijavitelj prijave {number} ({category}) sporoča, da težava ni odpravljena. Prijava je vrnjena v vrsto enote {unit}. Nov rok za odgovor: {due}. {comment}\nOdprite jo: {link}',
    'The reporter of {number} ({category}) says the problem is not fixed. The report is back in the queue of {unit}. New answer deadline: {due}. {comment}\nOpen it: {link}',
  ),
  'sistem48.reopened_staff_comment': m(
    'Komentar: „{comment}“',
    'Komentar: „{comment}“',
    'Komentar: „{comment}“',
    'Komentar: „{comment}“',
    'Komentar: „{comment}“',
    'Comment: "{comment}"',
  ),
};

// Its keys become message keys for the compiler (the table itself is added by src/catalogue.ts).
declare module '../i18n/catalog.ts' {
  interface MessageCatalogue extends Record<keyof typeof S48_MESSAGES, true> {}
}
