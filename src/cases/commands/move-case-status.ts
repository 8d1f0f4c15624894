/**
 * The one code that changes a case's status. It checks the move against the lifecycle's rules
 * (domain/case-status.ts), keeps the columns derived from the status consistent with it (the case is
 * closed exactly while its status is a closed one: `closed_at` is set on closing and cleared on
 * reopening, `status_changed_at` is the move's instant), and records the move's event with its outbox
 * rows in the same statement, in the caller's transaction. Who may make a move stays the caller's
 * check (the rights differ by command: a transition, a Sistem 48 response, a merge, the registry feed).
 * test/case-status-writer.test.ts fails if any other module writes the status columns.
 */
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor, CaseStatus } from '../../kernel/types.ts';
import { checkMove, eventTypeForTransition, isOpen, WAITING_FOR_CITIZEN, type MoveRule } from '../domain/case-status.ts';
import { AppError } from '../../kernel/lib/errors.ts';
import { pauseState, type CasePatch, type CaseStatusColumns } from '../repositories/case-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { recordCaseEvent, type CaseEventInput, type StoredEvent } from './record-case-event.ts';

/**
 * A case row locked FOR UPDATE by the caller (or inserted by it in the same transaction). The move
 * updates `status` and `closed_at` on it, so a caller making several moves checks each from the last.
 */
export interface LockedCase {
  id: string;
  status: CaseStatus;
  closed_at: Date | string | null;
  last_event_seq: number;
  last_event_hash: string;
}

export interface StatusMove {
  to: CaseStatus;
  /** Which rule allows the move; the transition table unless said otherwise. */
  rule?: MoveRule;
  /** The event recording the move; its type defaults to the one the lifecycle names for it, its data to { from, to }. */
  event?: Partial<CaseEventInput>;
}

/** Throws the user-facing refusal when the rule does not allow the move (callers may ask before doing other work). */
export function assertMove(from: CaseStatus, to: CaseStatus, rule: MoveRule = 'transition'): void {
  const check = checkMove(from, to, rule);
  if (check.ok) return;
  if (!check.allowed.length) throw new AppError('no_transitions', { from }, { allowed: [] });
  throw new AppError('invalid_transition', { from, to, allowed: check.allowed.join(', ') }, { allowed: check.allowed });
}

/**
 * Waiting for the citizen pauses the answer clock: a move into a status that waits for them (the
 * file is incomplete) starts the pause; any other move of a paused case (out of that status, or on
 * after a question to the citizen, ask-citizen.ts) ends it and moves the deadline on by the time
 * waited (recorded in the event as `pausedMs`, so Sistem 48 moves its own clock too).
 */
async function pauseChange(tx: Tx, caseId: string, from: CaseStatus, to: CaseStatus, at: Date): Promise<{ patch: CasePatch; data: Record<string, unknown> }> {
  const waits = (s: CaseStatus) => WAITING_FOR_CITIZEN.includes(s);
  if (waits(from) && waits(to)) return { patch: {}, data: {} };
  const state = await pauseState(tx, caseId);
  if (waits(to)) return state.paused_at ? { patch: {}, data: {} } : { patch: { paused_at: at }, data: { pausedAt: at.toISOString() } };
  return endPause(state, at);
}

/** The columns and event data that end a pause at `at` (nothing when the case is not paused). */
export function endPause(
  state: { paused_at: Date | string | null; paused_ms: string | number; due_at: Date | string | null },
  at: Date,
): { patch: CasePatch; data: Record<string, unknown> } {
  if (!state.paused_at) return { patch: {}, data: {} };
  const waited = Math.max(0, at.getTime() - new Date(state.paused_at).getTime());
  const patch: CasePatch = { paused_at: null, paused_ms: Number(state.paused_ms) + waited };
  if (state.due_at) patch.due_at = new Date(new Date(state.due_at).getTime() + waited);
  return { patch, data: { pausedMs: waited, ...(patch.due_at ? { dueAt: patch.due_at.toISOString() } : {}) } };
}

export async function moveCaseStatus(tx: Tx, ctx: Ctx, lockedCase: LockedCase, actor: Actor, move: StatusMove): Promise<StoredEvent> {
  const from = lockedCase.status;
  assertMove(from, move.to, move.rule);
  const at = move.event?.at ?? ctx.now();
  // A case that stays closed (a registry archiving a decided case) keeps the instant it was closed.
  const closedAt = isOpen(move.to) ? null : !isOpen(from) && lockedCase.closed_at ? new Date(lockedCase.closed_at) : at;
  const columns: CaseStatusColumns = { status: move.to, status_changed_at: at, closed_at: closedAt };
  const pause = await pauseChange(tx, lockedCase.id, from, move.to, at);
  const data = { ...(move.event?.data ?? { from, to: move.to }), ...pause.data };
  const event = await recordCaseEvent(
    tx,
    ctx,
    lockedCase,
    actor,
    {
      ...move.event,
      type: move.event?.type ?? eventTypeForTransition(from, move.to),
      data,
      casePatch: { ...move.event?.casePatch, ...pause.patch },
      at,
    },
    columns,
  );
  lockedCase.status = move.to;
  lockedCase.closed_at = closedAt;
  return event;
}
