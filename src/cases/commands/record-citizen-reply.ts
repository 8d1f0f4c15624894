/**
 * The citizen writes back about their own case (a comment from the portal, an SMS, Viber or e-mail
 * reply matched to the case): the words are recorded as an event staff read (internal: what a citizen
 * writes may name people the public must not see), the case shows an unread update in staff queues
 * until someone reads it, and a case that waited for the citizen (incomplete) goes back to work,
 * which ends the pause of its answer clock (moveCaseStatus).
 */
import type { Actor } from '../../kernel/types.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { Tx } from '../../kernel/db/database.ts';
import { notFound } from '../../kernel/lib/errors.ts';
import { WAITING_FOR_CITIZEN } from '../domain/case-status.ts';
import { lockVisibleCase } from '../repositories/case-repository.ts';
import { recordCaseEvent } from './record-case-event.ts';
import { endPause, moveCaseStatus } from './move-case-status.ts';

export interface CitizenReply {
  caseId: string;
  text: string | null;
  via: 'portal' | 'sms' | 'viber' | 'email';
  /** Documents already added with the reply (their ids), so staff see them together. */
  documentIds?: string[];
  inboundId?: string | null;
}

export async function recordCitizenReply(ctx: Ctx, actor: Actor, reply: CitizenReply) {
  return ctx.db.transaction().execute((tx) => recordCitizenReplyInTx(tx, ctx, actor, reply));
}

export async function recordCitizenReplyInTx(tx: Tx, ctx: Ctx, actor: Actor, reply: CitizenReply) {
  const c = await lockVisibleCase(tx, { kind: 'all' }, reply.caseId);
  if (!c) throw notFound();
  const now = ctx.now();
  // A question to the citizen paused the clock without a status of its own: the reply ends that pause here.
  const waitingStatus = WAITING_FOR_CITIZEN.includes(c.status);
  const pause = waitingStatus ? { patch: {}, data: {} } : endPause(c, now);
  const event = await recordCaseEvent(tx, ctx, c, actor, {
    type: 'case.citizen_reply',
    note: reply.text?.trim().slice(0, 5000) || null,
    data: { via: reply.via, documentIds: reply.documentIds ?? [], inboundId: reply.inboundId ?? null, ...pause.data },
    casePatch: { citizen_update_at: now, ...pause.patch },
    at: now,
  });
  const resumed = waitingStatus || 'pausedMs' in pause.data;
  if (waitingStatus)
    await moveCaseStatus(tx, ctx, c, actor, { to: 'in_progress', event: { data: { from: c.status, to: 'in_progress', reason: 'citizen_replied' }, at: now } });
  return { caseId: c.id, number: c.number, eventId: event.id, resumed };
}
