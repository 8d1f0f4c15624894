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
    '"{value}" is not a valid mobile number; type it with its area code, e.g. +381 64 123 4567'),
  'detail.bad_email': m(
    '„{value}“ nije ispravna adresa e-pošte', '„{value}“ nije ispravna adresa e-pošte', '„{value}” nije ispravna adresa e-pošte',
    '„{value}“ nije ispravna adresa e-pošte', '„{value}“ ni veljaven e-poštni naslov', '"{value}" is not a valid e-mail address'),
};
