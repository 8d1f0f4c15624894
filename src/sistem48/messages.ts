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
};

// Its keys become message keys for the compiler (the table itself is added by src/catalogue.ts).
declare module '../i18n/catalog.ts' {
  interface MessageCatalogue extends Record<keyof typeof S48_MESSAGES, true> {}
}
