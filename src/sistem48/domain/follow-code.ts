/**
 * The code that proves a follower's contact: 6 random digits, 10 minutes, 5 tries. Only a salted hash
 * is kept, bound to the report and the contact, so a row is no use for another report or number.
 */
import { createHash, randomInt } from 'node:crypto';

export const FOLLOW_CODE_TTL_MS = 10 * 60_000;

/** The kind of message that tells a follower of an update: a reply to it comes from a follower, not a party. */
export const FOLLOW_UPDATE_KIND = 'report_follow_update';
export const FOLLOW_CODE_ATTEMPTS = 5;

export const newFollowCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

export function followCodeHash(salt: string, caseId: string, address: string, code: string): string {
  return createHash('sha256').update(`${salt}\u0000follow\u0000${caseId}\u0000${address}\u0000${code}`).digest('hex');
}
