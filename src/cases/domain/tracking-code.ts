import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L, so a code read aloud over the phone or copied from paper survives.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A random tracking code (about 59 bits), independent of the case number: knowing one tells nothing of the other. */
export function newTrackingCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** Accepts the code typed with or without dashes, in any case, with O/I/L read as 0/1 confusions. */
export function normaliseTrackingCode(input: string): string {
  const s = input
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/O/g, '0');
  if (s.length !== 12) return '';
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}
