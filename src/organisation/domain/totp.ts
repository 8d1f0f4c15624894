/**
 * Time-based one-time passwords (RFC 6238) for staff sign-in, through otpauth: SHA-1, 6 digits, 30-second
 * steps, which every authenticator app reads from an otpauth:// address. A code is accepted one step early
 * or late (a phone's clock drifts), and only for a step after the last one used, so a code works once.
 */
import { Secret, TOTP } from 'otpauth';
import { createHash, randomInt } from 'node:crypto';

const PERIOD = 30;

const totp = (secretBase32: string, label = '', issuer = '') =>
  new TOTP({ issuer, label, secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: PERIOD });

/** A new 160-bit secret (RFC 4226's recommended length), in base32 as authenticator apps take it. */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The otpauth:// address an authenticator app reads from the QR code. */
export const totpUri = (secretBase32: string, issuer: string, account: string) => totp(secretBase32, account, issuer).toString();

/** The time step of a moment (RFC 6238's T). */
export const totpStep = (at: Date) => Math.floor(at.getTime() / 1000 / PERIOD);

/** The step a code belongs to, if it is right at `at` give or take one step; null when it is not. */
export function matchTotp(secretBase32: string, code: string, at: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^[0-9]{6}$/.test(token)) return null;
  const delta = totp(secretBase32).validate({ token, timestamp: at.getTime(), window: 1 });
  return delta === null ? null : totpStep(at) + delta;
}

/** The code for a moment (what the authenticator app shows); used by the tests and by nothing else in Glas. */
export const totpCode = (secretBase32: string, at: Date) => totp(secretBase32).generate({ timestamp: at.getTime() });

// Recovery codes: ten, each 10 characters from an alphabet without look-alikes (about 50 bits), shown once.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** How a typed recovery code is compared: case, spaces and the dash do not matter. */
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * What is stored of a recovery code: SHA-256 of the user's id and the code (about 50 random bits, so a slow
 * hash adds little; the id keeps one table of hashes from serving every user).
 */
export const recoveryCodeHash = (userId: string, code: string) =>
  createHash('sha256')
    .update(`${userId}:${normaliseRecoveryCode(code)}`)
    .digest('hex');
