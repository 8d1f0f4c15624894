import { cyrToLat } from './transliterate.ts';

// Letters that NFD does not decompose into base + mark. đ becomes "dj" because that is how
// it is typed on keyboards without Serbo-Croatian letters (Djordjevic).
const FOLD: Readonly<Record<string, string>> = {
  đ: 'dj',
  ł: 'l',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ǆ: 'dz',
  ǉ: 'lj',
  ǌ: 'nj',
};

/**
 * Normal form for matching names and addresses regardless of script, case and diacritics:
 * Đorđević, Djordjevic, Ђорђевић and DJORDJEVIĆ all give "djordjevic".
 */
export function searchKey(s: string): string {
  return cyrToLat(s)
    .toLowerCase()
    .replace(/[đłøßæœıǆǉǌ]/g, (ch) => FOLD[ch] ?? ch)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
