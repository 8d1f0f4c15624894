/**
 * One message for changes committed together. When one transaction records several events a citizen
 * is told of (an answer that accepts the report, moves it into work and gives the planned date with a
 * note), each recipient gets one message per channel: the one of the event that says the most (the
 * lead), carrying the notes written with all of them. Pure: queue-messages.ts holds the group.
 */
import type { EventFacts } from './render.ts';

export interface GroupedEvent extends EventFacts {
  id: string;
  caseId: string;
  kind: string;
  level: 'notifiable' | 'key';
}

// What a citizen most needs to read, highest first: a decision (the outcome), a reopening, then the
// receipt of registration, an answer with its deadline or a request to complete the file, then what was done on site, a note, and
// last the bookkeeping steps (accepted, in progress, delivered).
const RANK: Readonly<Record<string, number>> = {
  'status:resolved': 6,
  'status:approved': 6,
  'status:rejected': 6,
  'status:dismissed': 6,
  'status:suspended': 6,
  reopened: 5,
  question: 5,
  // Registration and delivery to the unit are one step for the citizen: the receipt (number, tracking code) leads.
  registered: 4,
  response_given: 4,
  'status:incomplete': 4,
  field_result: 3,
  note_added: 2,
};
const rankOf = (kind: string) => RANK[kind] ?? 1;

/** The event whose sentence the message uses: the highest rank, the later one on a tie. */
export function leadOf<T extends GroupedEvent>(group: readonly T[]): T {
  let lead = group[0]!;
  for (const e of group.slice(1)) if (rankOf(e.kind) >= rankOf(lead.kind)) lead = e;
  return lead;
}

/** The notes the citizen may read, of every event in the group, once each and in the order written. */
export function mergedNote(group: readonly GroupedEvent[], lead: GroupedEvent): string | null {
  const notes: string[] = [];
  for (const e of group) {
    if (e.visibility !== 'public' || e.data.awaitingReview === true) continue;
    const text = (e.note ?? (typeof e.data.text === 'string' ? e.data.text : '')).trim();
    if (text && !notes.includes(text)) notes.push(text);
  }
  return notes.length ? notes.join(' ') : lead.note;
}
