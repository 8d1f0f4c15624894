/**
 * Details of validation errors that people (not only integrations) meet: a contact that is not one.
 * Spread into messages.ts; rendered in the request's language through invalidAs.
 */
import { m } from './texts.ts';

export const DETAIL_MESSAGES = {
  'detail.bad_phone': m(
    '„{value}“ nije ispravan broj mobilnog telefona; upišite ga sa pozivnim brojem, npr. 064 123 4567',
    '„{value}“ nije ispravan broj mobilnog telefona; upišite ga s pozivnim brojem, npr. 061 123 456',
    '„{value}” nije ispravan broj mobitela; upišite ga s pozivnim brojem, npr. 091 123 4567',
    '„{value}“ nije ispravan broj mobilnog telefona; upišite ga sa pozivnim brojem, npr. 067 123 456',
    '„{value}“ ni veljavna številka mobilnega telefona; vpišite jo s klicno številko, npr. 041 123 456',
    '"{value}" is not a valid mobile number; type it with its area code, e.g. +381 64 123 4567',
  ),
  'detail.bad_email': m(
    '„{value}“ nije ispravna adresa e-pošte',
    '„{value}“ nije ispravna adresa e-pošte',
    '„{value}” nije ispravna adresa e-pošte',
    '„{value}“ nije ispravna adresa e-pošte',
    '„{value}“ ni veljaven e-poštni naslov',
    '"{value}" is not a valid e-mail address',
  ),
  // Hostile or broken input (src/http/validation.ts, src/kernel/lib/errors.ts): each names the field or the limit.
  'detail.json_too_deep': m(
    'podaci u zahtevu su ugnežđeni u više od dozvoljenih {limit} nivoa',
    'podaci u zahtjevu su ugniježđeni u više od dozvoljenih {limit} nivoa',
    'podaci u zahtjevu ugniježđeni su u više od dopuštenih {limit} razina',
    'podaci u zahtjevu su ugniježđeni u više od dozvoljenih {limit} nivoa',
    'podatki v zahtevi so gnezdeni v več kot dovoljenih {limit} ravneh',
    'the data in the request is nested deeper than the allowed {limit} levels',
  ),
  'detail.json_not_utf8': m(
    'tekst zahteva nije ispravno kodiran ({encoding})',
    'tekst zahtjeva nije ispravno kodiran ({encoding})',
    'tekst zahtjeva nije ispravno kodiran ({encoding})',
    'tekst zahtjeva nije ispravno kodiran ({encoding})',
    'besedilo zahteve ni pravilno kodirano ({encoding})',
    'the text of the request is not valid {encoding}',
  ),
  'detail.lone_surrogate': m(
    'polje {field} sadrži neispravan znak (polovinu surogatnog para)',
    'polje {field} sadrži neispravan znak (polovinu surogatnog para)',
    'polje {field} sadrži neispravan znak (polovicu surogatnog para)',
    'polje {field} sadrži neispravan znak (polovinu surogatnog para)',
    'polje {field} vsebuje neveljaven znak (polovico nadomestnega para)',
    '{field} contains an invalid character (half of a surrogate pair)',
  ),
  'detail.not_a_number': m(
    'polje {field} mora biti konačan broj napisan ciframa (npr. 12 ili 12.5)',
    'polje {field} mora biti konačan broj napisan ciframa (npr. 12 ili 12.5)',
    'polje {field} mora biti konačan broj napisan znamenkama (npr. 12 ili 12.5)',
    'polje {field} mora biti konačan broj napisan ciframa (npr. 12 ili 12.5)',
    'polje {field} mora biti končno število, zapisano s števkami (npr. 12 ali 12.5)',
    '{field} must be a finite number written in decimal digits (e.g. 12 or 12.5)',
  ),
  'detail.not_an_integer': m(
    'polje {field} mora biti ceo broj napisan ciframa (npr. 12)',
    'polje {field} mora biti cijeli broj napisan ciframa (npr. 12)',
    'polje {field} mora biti cijeli broj napisan znamenkama (npr. 12)',
    'polje {field} mora biti cijeli broj napisan ciframa (npr. 12)',
    'polje {field} mora biti celo število, zapisano s števkami (npr. 12)',
    '{field} must be a whole number written in decimal digits (e.g. 12)',
  ),
  'detail.unknown_reference': m(
    'polje {field} upućuje na zapis koji ne postoji',
    'polje {field} upućuje na zapis koji ne postoji',
    'polje {field} upućuje na zapis koji ne postoji',
    'polje {field} upućuje na zapis koji ne postoji',
    'polje {field} se sklicuje na zapis, ki ne obstaja',
    '{field} refers to something that does not exist',
  ),
  'detail.value_not_allowed': m(
    'vrednost polja {field} nije dozvoljena',
    'vrijednost polja {field} nije dozvoljena',
    'vrijednost polja {field} nije dopuštena',
    'vrijednost polja {field} nije dozvoljena',
    'vrednost polja {field} ni dovoljena',
    'the value of {field} is not allowed',
  ),
  'detail.value_required': m(
    'polje {field} mora biti popunjeno',
    'polje {field} mora biti popunjeno',
    'polje {field} mora biti popunjeno',
    'polje {field} mora biti popunjeno',
    'polje {field} mora biti izpolnjeno',
    '{field} must be filled in',
  ),
  // 413 for a body over the request limit; error.payload_too_large stays the message for a file over the upload limit.
  'error.body_too_large': m(
    'Podaci zahteva su preveliki; najveća dozvoljena veličina podataka u zahtevu je {limit} (datoteke se šalju kao prilog, do {fileLimit}).',
    'Podaci zahtjeva su preveliki; najveća dozvoljena veličina podataka u zahtjevu je {limit} (datoteke se šalju kao prilog, do {fileLimit}).',
    'Podaci zahtjeva su preveliki; najveća dopuštena veličina podataka u zahtjevu je {limit} (datoteke se šalju kao privitak, do {fileLimit}).',
    'Podaci zahtjeva su preveliki; najveća dozvoljena veličina podataka u zahtjevu je {limit} (datoteke se šalju kao prilog, do {fileLimit}).',
    'Podatki zahteve so preveliki; največja dovoljena velikost podatkov v zahtevi je {limit} (datoteke se pošljejo kot priloga, do {fileLimit}).',
    'The request data is too large; the limit for data in a request is {limit} (files are sent as an upload, up to {fileLimit}).',
  ),
};
