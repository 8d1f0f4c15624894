/**
 * The one way a case event is written: appended to the chained log (with the case change it records,
 * `casePatch`, in the same statement), then handed to the outbox writers, in the caller's transaction.
 * A change of status is not a `casePatch`: it goes through `moveCaseStatus` (move-case-status.ts),
 * which checks the move and comes here with the status columns.
 */
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor, Visibility } from '../../kernel/types.ts';
import { EVENT_TYPES } from '../domain/event-types.ts';
import { appendEvent, type CasePatch, type CaseStatusColumns, type NewEvent } from '../repositories/case-repository.ts';
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

/** The row of an event `actor` records at `at`: its type checked, its visibility the type's unless given. */
export function eventRow(actor: Actor, e: CaseEventInput, at: Date): NewEvent {
  const def = EVENT_TYPES.find((t) => t.code === e.type);
  if (!def) throw new Error(`unknown event type ${e.type}`);
  return {
    type: e.type,
    ...actorFields(actor),
    occurredAt: at,
    visibility: e.visibility ?? def.visibility,
    data: e.data ?? {},
    note: e.note ?? null,
  };
}

export async function recordCaseEvent(
  tx: Tx,
  ctx: Ctx,
  lockedCase: { id: string; last_event_seq: number; last_event_hash: string; isNew?: boolean },
  actor: Actor,
  e: CaseEventInput,
  /** Only from moveCaseStatus, which has checked the move. */
  statusColumns?: CaseStatusColumns,
): Promise<StoredEvent> {
  const row = eventRow(actor, e, e.at ?? ctx.now());
  const stored = await appendEvent(tx, lockedCase, row, e.casePatch, statusColumns);
  return announceEvent(tx, ctx, { ...row, id: stored.id, caseId: lockedCase.id, seq: stored.seq, caseIsNew: lockedCase.isNew === true });
}

/**
 * Hands an event, appended in this transaction, to every module's outbox writer in the same transaction.
 * recordCaseEvent does it after appending; registration after the statement that inserts the case with
 * its first event (register-case.ts).
 */
export async function announceEvent(tx: Tx, ctx: Ctx, e: NewEvent & { id: string; caseId: string; seq: number; caseIsNew: boolean }): Promise<StoredEvent> {
  const event: StoredEvent = {
    id: e.id,
    caseId: e.caseId,
    seq: e.seq,
    type: e.type,
    actorId: e.actorId,
    actorName: e.actorName,
    occurredAt: e.occurredAt,
    visibility: e.visibility,
    data: e.data,
    note: e.note,
    caseIsNew: e.caseIsNew,
  };
  for (const write of ctx.outbox) await write(tx, event, ctx);
  return event;
}
