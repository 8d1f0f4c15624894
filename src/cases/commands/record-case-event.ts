/**
 * The one way a case event is written: appended to the chained log (with the case change it records,
 * `casePatch`, in the same statement), then handed to the outbox writers, in the caller's transaction.
 * A change of status is not a `casePatch`: it goes through `moveCaseStatus` (move-case-status.ts),
 * which checks the move and comes here with the status columns.
 */
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor, Visibility } from '../../kernel/types.ts';
import { EVENT_TYPES } from '../domain/event-types.ts';
import { appendEvent, type CasePatch, type CaseStatusColumns } from '../repositories/case-repository.ts';
import type { Ctx, StoredEvent } from '../../kernel/context.ts';

export type { StoredEvent };

export interface CaseEventInput {
  type: string;
  data?: Record<string, unknown>;
  note?: string | null;
  visibility?: Visibility;
  at?: Date;
  casePatch?: CasePatch;
}

export function actorFields(actor: Actor) {
  return {
    actorId: actor.kind === 'system' ? null : actor.userId,
    actorName: actor.name,
    actorRole: actor.kind === 'staff' ? actor.role : actor.kind,
  };
}

export async function recordCaseEvent(
  tx: Tx,
  ctx: Ctx,
  lockedCase: { id: string; last_event_seq: number; last_event_hash: string },
  actor: Actor,
  e: CaseEventInput,
  /** Only from moveCaseStatus, which has checked the move. */
  statusColumns?: CaseStatusColumns,
): Promise<StoredEvent> {
  const def = EVENT_TYPES.find((t) => t.code === e.type);
  if (!def) throw new Error(`unknown event type ${e.type}`);
  const occurredAt = e.at ?? ctx.now();
  const stored = await appendEvent(
    tx,
    lockedCase,
    {
      type: e.type,
      ...actorFields(actor),
      occurredAt,
      visibility: e.visibility ?? def.visibility,
      data: e.data ?? {},
      note: e.note ?? null,
    },
    e.casePatch,
    statusColumns,
  );
  const event: StoredEvent = {
    id: stored.id,
    caseId: lockedCase.id,
    seq: stored.seq,
    type: e.type,
    actorId: stored.actorId,
    actorName: stored.actorName,
    occurredAt,
    visibility: stored.visibility,
    data: stored.data,
    note: stored.note,
  };
  for (const write of ctx.outbox) await write(tx, event, ctx);
  return event;
}
