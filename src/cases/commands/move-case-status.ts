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
import {
  appendImportedHistories,
  insertCase,
  pauseState,
  type CasePatch,
  type CaseStatusColumns,
  type ImportedHistoryRows,
  type RegisteredCaseRows,
} from '../repositories/case-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { actorFields, announceEvent, eventRow, recordCaseEvent, type CaseEventInput, type StoredEvent } from './record-case-event.ts';
import { EVENT_TYPES } from '../domain/event-types.ts';
import { eventHash } from '../domain/event-chain.ts';

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
  /** Registered in this transaction (its events say so to the outbox writers: StoredEvent.caseIsNew). */
  isNew?: boolean;
  /** The pause columns, when the caller knows them (a case it just registered): the move then need not read them. */
  pause?: PauseState;
}

type PauseState = { paused_at: Date | string | null; paused_ms: string | number; due_at: Date | string | null };

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
async function pauseChange(tx: Tx, c: LockedCase, from: CaseStatus, to: CaseStatus, at: Date): Promise<{ patch: CasePatch; data: Record<string, unknown> }> {
  const waits = (s: CaseStatus) => WAITING_FOR_CITIZEN.includes(s);
  if (waits(from) && waits(to)) return { patch: {}, data: {} };
  const state = c.pause ?? (await pauseState(tx, c.id));
  if (waits(to)) return state.paused_at ? { patch: {}, data: {} } : { patch: { paused_at: at }, data: { pausedAt: at.toISOString() } };
  return endPause(state, at);
}

/** The columns and event data that end a pause at `at` (nothing when the case is not paused). */
export function endPause(state: PauseState, at: Date): { patch: CasePatch; data: Record<string, unknown> } {
  if (!state.paused_at) return { patch: {}, data: {} };
  const waited = Math.max(0, at.getTime() - new Date(state.paused_at).getTime());
  const patch: CasePatch = { paused_at: null, paused_ms: Number(state.paused_ms) + waited };
  if (state.due_at) patch.due_at = new Date(new Date(state.due_at).getTime() + waited);
  return { patch, data: { pausedMs: waited, ...(patch.due_at ? { dueAt: patch.due_at.toISOString() } : {}) } };
}

/**
 * What a move writes, checked against the rules first: the status columns and the move's event (its
 * type, data and case patch, the pause's included). Shared by moveCaseStatus and registerMovedCase.
 */
async function planMove(tx: Tx, lockedCase: LockedCase, move: StatusMove, at: Date) {
  const from = lockedCase.status;
  assertMove(from, move.to, move.rule);
  // A case that stays closed (a registry archiving a decided case) keeps the instant it was closed.
  const closedAt = isOpen(move.to) ? null : !isOpen(from) && lockedCase.closed_at ? new Date(lockedCase.closed_at) : at;
  const columns: CaseStatusColumns = { status: move.to, status_changed_at: at, closed_at: closedAt };
  const pause = await pauseChange(tx, lockedCase, from, move.to, at);
  const event: CaseEventInput & { at: Date } = {
    ...move.event,
    type: move.event?.type ?? eventTypeForTransition(from, move.to),
    data: { ...(move.event?.data ?? { from, to: move.to }), ...pause.data },
    casePatch: { ...move.event?.casePatch, ...pause.patch },
    at,
  };
  return { columns, event };
}

/** The locked case as the move left it, so that the caller's next move is checked from there. */
function applyMove(lockedCase: LockedCase, columns: CaseStatusColumns, casePatch: CasePatch | undefined): void {
  lockedCase.status = columns.status;
  lockedCase.closed_at = columns.closed_at;
  if (lockedCase.pause) {
    // Known pause columns stay true for the caller's next move.
    const { paused_at, paused_ms, due_at } = { ...lockedCase.pause, ...casePatch };
    lockedCase.pause = { paused_at: paused_at ?? null, paused_ms: paused_ms ?? 0, due_at: due_at ?? null };
  }
}

export async function moveCaseStatus(tx: Tx, ctx: Ctx, lockedCase: LockedCase, actor: Actor, move: StatusMove): Promise<StoredEvent> {
  const { columns, event } = await planMove(tx, lockedCase, move, move.event?.at ?? ctx.now());
  const stored = await recordCaseEvent(tx, ctx, lockedCase, actor, event, columns);
  applyMove(lockedCase, columns, event.casePatch);
  return stored;
}

/**
 * Registration with the case's first move (a report delivered to its unit as it is filed): the move is
 * checked and its columns and event built as moveCaseStatus builds them, and the statement that
 * registers the case (insertCase, which takes the number) writes the case row already moved, with both
 * events. The number series' lock is then held over one statement and the commit instead of two
 * statements and the commit, and the case row is written once instead of inserted and then updated
 * (a status change moves the row to new index entries in every index of cases). The outbox writers
 * are handed the first event and then the move's, as registration followed by moveCaseStatus would.
 */
export async function registerMovedCase(
  tx: Tx,
  ctx: Ctx,
  lockedCase: LockedCase & { isNew: true; pause: NonNullable<LockedCase['pause']> },
  actor: Actor,
  rows: RegisteredCaseRows,
  move: StatusMove & { event: { at: Date } },
): Promise<{ stored: Awaited<ReturnType<typeof insertCase>>; moved: StoredEvent }> {
  if (lockedCase.last_event_seq !== 1 || rows.event.type !== 'case.registered') throw new Error('a first move follows the registration event only');
  const { columns, event } = await planMove(tx, lockedCase, move, move.event.at);
  const moveRow = eventRow(actor, event, event.at);
  const stored = await insertCase(tx, rows, { columns, patch: event.casePatch ?? {}, event: moveRow });
  const number = stored.number;
  await announceEvent(tx, ctx, { ...rows.event, data: { ...rows.event.data, number }, id: stored.eventId, caseId: lockedCase.id, seq: 1, caseIsNew: true });
  const moved = await announceEvent(tx, ctx, { ...moveRow, id: stored.moveEventId!, caseId: lockedCase.id, seq: 2, caseIsNew: true });
  lockedCase.last_event_seq = 2;
  lockedCase.last_event_hash = stored.lastHash;
  applyMove(lockedCase, columns, event.casePatch);
  return { stored, moved };
}

/** One step of an imported history: a status move (`to`, checked like any other) or, without `to`, a plain event. */
export interface ImportedStep {
  to?: CaseStatus;
  rule?: MoveRule;
  event: CaseEventInput & { type: string; at: Date };
}

export interface ImportedHistory {
  /** A case just inserted by the import in INITIAL_STATUS, with no event yet. */
  lockedCase: LockedCase;
  /** The unit the case was inserted with (its registry unit); a step's casePatch may move it. */
  unitId: string | null;
  steps: ImportedStep[];
}

/**
 * The import path of the one status writer: histories of reports from before Glas (sistem48's import),
 * recorded in bulk. Every move is checked against the same rules and keeps the same derived columns as
 * moveCaseStatus (closed_at exactly while closed, status_changed_at the move's instant); the events are
 * chained as recordCaseEvent chains them. They go to the history writers (the reports' facts), not the
 * outbox: an imported event is not news, so nobody is told of it. Only a unit may change besides the status.
 */
export async function recordImportedHistories(tx: Tx, ctx: Ctx, actor: Actor, histories: readonly ImportedHistory[]): Promise<StoredEvent[]> {
  const who = actorFields(actor);
  const rows: ImportedHistoryRows[] = [];
  for (const { lockedCase: c, unitId: insertedUnitId, steps } of histories) {
    if (c.last_event_seq !== 0) throw new Error(`case ${c.id} already has a history`);
    let unitId = insertedUnitId;
    let columns: CaseStatusColumns | null = null;
    const events: ImportedHistoryRows['events'] = [];
    for (const step of steps) {
      const e = step.event;
      const from = c.status;
      const def = EVENT_TYPES.find((t) => t.code === e.type);
      if (!def) throw new Error(`unknown event type ${e.type}`);
      if (step.to) {
        assertMove(from, step.to, step.rule);
        const closedAt = isOpen(step.to) ? null : !isOpen(from) && c.closed_at ? new Date(c.closed_at) : e.at;
        columns = { status: step.to, status_changed_at: e.at, closed_at: closedAt };
        c.status = step.to;
        c.closed_at = closedAt;
      }
      if (e.casePatch && Object.keys(e.casePatch).some((k) => k !== 'unit_id')) throw new Error('an imported step changes only the unit besides the status');
      if (e.casePatch && 'unit_id' in e.casePatch) unitId = e.casePatch.unit_id ?? null;
      const seq = c.last_event_seq + 1;
      const body = {
        type: e.type,
        ...who,
        occurredAt: e.at,
        visibility: e.visibility ?? def.visibility,
        data: e.data ?? (step.to ? { from, to: step.to } : {}),
        note: e.note ?? null,
      };
      const hash = eventHash(c.last_event_hash, { caseId: c.id, seq, ...body });
      events.push({ ...body, seq, prevHash: c.last_event_hash, hash });
      c.last_event_seq = seq;
      c.last_event_hash = hash;
    }
    const last = events.at(-1);
    if (!last) continue;
    rows.push({
      caseId: c.id,
      events,
      unitId,
      statusColumns: columns ?? { status: c.status, status_changed_at: events[0]!.occurredAt, closed_at: c.closed_at ? new Date(c.closed_at) : null },
      lastSeq: c.last_event_seq,
      lastHash: c.last_event_hash,
      updatedAt: last.occurredAt,
    });
  }
  const ids = await appendImportedHistories(tx, rows);
  const stored: StoredEvent[] = rows.flatMap((h) =>
    h.events.map((e) => ({
      id: ids.get(`${h.caseId}:${e.seq}`)!,
      caseId: h.caseId,
      seq: e.seq,
      type: e.type,
      actorId: e.actorId,
      actorName: e.actorName,
      occurredAt: e.occurredAt,
      visibility: e.visibility,
      data: e.data,
      note: e.note,
      caseIsNew: true,
    })),
  );
  for (const write of ctx.historyWriters ?? []) await write(tx, stored, ctx);
  return stored;
}
