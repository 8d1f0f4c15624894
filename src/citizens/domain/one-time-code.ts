/**
 * One-time codes and links. A code is 6 random digits sent by SMS: short enough to type, so it
 * lives 10 minutes and allows 5 wrong tries. A link carries a long random token (128 bits), so it
 * may live for days. Only a hash is stored: a code's hash is salted and bound to its purpose and
 * target, so a stolen table row is no use for another number or another step.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { safeEqual } from '../../kernel/lib/secrets.ts';

export const CODE_TTL_MS = 10 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;

export type CodePurpose = 'activation' | 'sign_in' | 'sign_up' | 'email_link' | 'viber_link' | 'contact_change';

export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function newSalt(): string {
  return randomBytes(12).toString('base64url');
}

/** A link token: 22 URL-safe characters. */
export function newLinkToken(): string {
  return randomBytes(16).toString('base64url');
}

export function hashCode(salt: string, purpose: CodePurpose, target: string, code: string): string {
  return createHash('sha256').update(`${salt}\u0000${purpose}\u0000${target}\u0000${code}`).digest('hex');
}

/** Links are looked up by their hash, so it is unsalted (the token itself is long and random). */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(`link\u0000${token}`).digest('hex');
}

/** The 6 digits of a code as typed ("123 456", "123-456"), or null when it cannot be one. */
export function normaliseCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

export function looksLikeLinkToken(input: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(input.trim());
}

export interface StoredCode {
  code_hash: string;
  salt: string;
  purpose: CodePurpose;
  target: string;
  attempts: number;
  max_attempts: number;
  expires_at: Date | string;
  used_at: Date | string | null;
}

export type CodeCheck = 'ok' | 'wrong' | 'expired' | 'used' | 'exhausted';

/** Whether `code` opens `stored` now; every outcome but 'ok' answers the citizen the same way. */
export function checkCode(stored: StoredCode, code: string, now: Date): CodeCheck {
  if (stored.used_at) return 'used';
  if (new Date(stored.expires_at) <= now) return 'expired';
  if (stored.attempts >= stored.max_attempts) return 'exhausted';
  return safeEqual(hashCode(stored.salt, stored.purpose, stored.target, code), stored.code_hash) ? 'ok' : 'wrong';
}
