import { searchKey } from '../../i18n/search-key.ts';

/** The text a case is found by: number, subject and party names, in the script- and diacritic-free form. */
export function caseSearchKey(number: string, subject: string, partyNames: string[]): string {
  return searchKey([number, subject, ...partyNames].join(' '));
}
