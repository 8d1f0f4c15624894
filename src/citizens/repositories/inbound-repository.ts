/** SQL for the log of messages that came in: outcome, de-duplication and the per-sender rate. */
import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db/database.ts';

export interface InboundRecord {
  channel: 'sms' | 'email' | 'viber';
  sender: string;
  externalId: string | null;
  receivedAt: Date;
  outcome: string;
  detail?: string | null;
  sizeBytes?: number | null;
  caseId?: string | null;
}

/** Records a message; undefined when one with the same provider id was already taken (a retry or a replay). */
export async function recordInbound(db: DbOrTx, r: InboundRecord): Promise<string | undefined> {
  const { rows } = await sql<{ id: string }>`
    insert into inbound_messages (channel, sender, external_id, received_at, outcome, detail, size_bytes, case_id)
    values (${r.channel}, ${r.sender.slice(0, 320)}, ${r.externalId}, ${r.receivedAt}, ${r.outcome}, ${r.detail?.slice(0, 500) ?? null}, ${r.sizeBytes ?? null}, ${r.caseId ?? null})
    on conflict (channel, external_id) where external_id is not null do nothing returning id`.execute(db);
  return rows[0]?.id;
}

export async function setInboundOutcome(db: DbOrTx, id: string, outcome: string, detail: string | null, caseId: string | null = null) {
  await db
    .updateTable('inbound_messages')
    .set({ outcome, detail: detail?.slice(0, 500) ?? null, ...(caseId ? { case_id: caseId } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function countSince(db: DbOrTx, channel: 'sms' | 'email' | 'viber', sender: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('inbound_messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('channel', '=', channel)
    .where('sender', '=', sender)
    .where('received_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Whether the case-registered notification went to this party (then it is the reply, and no second one is sent). */
export async function registrationNotified(db: DbOrTx, caseId: string, partyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('notification_messages')
    .select('id')
    .where('case_id', '=', caseId)
    .where('party_id', '=', partyId)
    // A report's receipt has its own kind (registered:report); a file received at the counter, 'registered'.
    .where('kind', 'in', ['registered', 'registered:report'])
    .executeTakeFirst();
  return row !== undefined;
}
