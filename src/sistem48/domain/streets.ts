/**
 * Street matching for routing rules: "Njegoševa", "NJEGOSEVA" and "Његошева" all match the
 * address "Njegoševa 12, Temerin", but "Njegoševa" does not match "Nova Njegoševa bb" by accident
 * of a substring inside a word.
 */
import { searchKey } from '../../i18n/search-key.ts';

/** The script-, case- and diacritic-free form of a street name or address, words separated by single spaces. */
export function streetKey(s: string): string {
  return searchKey(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether the address names one of the streets (given as keys), as whole words. */
export function addressOnStreet(addressKey: string, streetKeys: readonly string[]): boolean {
  if (!addressKey) return false;
  const padded = ` ${addressKey} `;
  return streetKeys.some((k) => k.length > 0 && padded.includes(` ${k} `));
}

/** An address key's words split at the first one with a digit: the street before it, the house number at it. */
function atHouseNumber(addressKey: string): { words: string[]; at: number } {
  const words = addressKey.split(' ');
  return { words, at: words.findIndex((w) => /\p{N}/u.test(w)) };
}

/** The street of an address key: its words up to the first one with a digit ("njegoseva 12 temerin" → "njegoseva"). */
export function streetOf(addressKey: string): string {
  const { words, at } = atHouseNumber(addressKey);
  return (at === -1 ? words : words.slice(0, at)).join(' ').trim();
}

/** The street and house number of an address key ("njegoseva 12 temerin" → "njegoseva 12"). */
export function houseOf(addressKey: string): string {
  const { words, at } = atHouseNumber(addressKey);
  return (at === -1 ? words : words.slice(0, at + 1)).join(' ').trim();
}
