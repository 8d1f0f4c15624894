/**
 * Tamper evidence for the case log: each event's hash covers its content and the previous event's
 * hash, so editing or deleting any event breaks every hash after it.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEvent {
  caseId: string;
  seq: number;
  type: string;
  actorId: string | null;
  actorName: string;
  occurredAt: Date;
  visibility: string;
  data: unknown;
  note: string | null;
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function eventHash(prevHash: string, e: ChainedEvent): string {
  return createHash('sha256').update(eventHashInput(prevHash, e)).digest('hex');
}

/**
 * The text an event's hash is the SHA-256 (of its UTF-8 bytes) of: the previous hash, a line break and
 * the event as canonical JSON. Registration hashes it in the statement that takes the case number
 * (case-repository.ts insertCase), after putting the number in.
 */
export function eventHashInput(prevHash: string, e: ChainedEvent): string {
  return `${prevHash}\n${eventBody(e)}`;
}

/** The event as canonical JSON: what its hash covers after the previous hash and a line break. */
export function eventBody(e: ChainedEvent): string {
  return canonicalJson({
    caseId: e.caseId,
    seq: e.seq,
    type: e.type,
    actorId: e.actorId,
    actorName: e.actorName,
    occurredAt: e.occurredAt.toISOString(),
    visibility: e.visibility,
    data: e.data,
    note: e.note,
  });
}

export type ChainVerdict = { ok: true; events: number } | { ok: false; events: number; brokenAtSeq: number; reason: string };

/** Walks a case's events in order and reports the first one whose hash or link does not match. */
export function verifyChain(events: (ChainedEvent & { prevHash: string; hash: string })[]): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq) return { ok: false, events: events.length, brokenAtSeq: e.seq, reason: `expected event ${expectedSeq}, found ${e.seq}` };
    if (e.prevHash !== prev) return { ok: false, events: events.length, brokenAtSeq: e.seq, reason: 'link to the previous event does not match' };
    if (eventHash(prev, e) !== e.hash) return { ok: false, events: events.length, brokenAtSeq: e.seq, reason: 'content does not match its hash' };
    prev = e.hash;
    expectedSeq++;
  }
  return { ok: true, events: events.length };
}
