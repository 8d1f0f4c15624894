/** Moves a case to another status along the transition table, recording why and (when it applies) which body now holds it. */
import type { Actor, CaseStatus } from '../../kernel/types.ts';
import { AppError, forbidden, invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { caseReadScope, canActOnCase } from '../policy.ts';
import { lockVisibleCase, type CasePatch } from '../repositories/case-repository.ts';
import { findUnit } from '../../organisation/repositories/org-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { recordCaseEvent } from './record-case-event.ts';
import { assertMove, moveCaseStatus, type LockedCase } from './move-case-status.ts';

export interface TransitionInput {
  caseId: string;
  to: CaseStatus;
  note?: string | null;
  noteVisibility?: 'public' | 'internal';
  /** For `delivered`: the deciding body; for `awaiting_opinion`: the institution asked. */
  unitId?: string | null;
  dueAt?: Date | null;
}

export async function transitionCase(ctx: Ctx, actor: Actor, input: TransitionInput) {
  return ctx.db.transaction().execute(async (tx) => {
    const locked = await lockVisibleCase(tx, caseReadScope(actor), input.caseId);
    if (!locked) throw notFound();
    // The lock read the pause columns already: the move need not read them again (one round trip less, issue 17).
    const c: LockedCase & typeof locked = { ...locked, pause: { paused_at: locked.paused_at, paused_ms: locked.paused_ms, due_at: locked.due_at } };
    assertMove(c.status, input.to);
    if (!canActOnCase(actor, 'transition', input.to)) throw forbidden();
    const patch: CasePatch = {};
    const data: Record<string, unknown> = { from: c.status, to: input.to };
    if (input.to === 'delivered') {
      const unit = input.unitId ? await findUnit(tx, input.unitId) : undefined;
      if (!unit || unit.kind === 'external_institution') throw new AppError('unknown_unit');
      patch.unit_id = unit.id;
      patch.clerk_id = null;
      Object.assign(data, { unitId: unit.id, unitName: unit.name });
    }
    if (input.to === 'awaiting_opinion') {
      const unit = input.unitId ? await findUnit(tx, input.unitId) : undefined;
      if (!unit) throw invalidAs('detail.name_institution', {}, 'unitId');
      patch.awaiting_unit_id = unit.id;
      Object.assign(data, { institutionId: unit.id, institutionName: unit.name });
    }
    if (c.status === 'awaiting_opinion') patch.awaiting_unit_id = null;
    if (input.to === 'accepted' && !c.clerk_id && actor.kind === 'staff') {
      patch.clerk_id = actor.userId;
      Object.assign(data, { clerkId: actor.userId, clerkName: actor.name });
    }
    if (input.to === 'returned_to_registry') {
      patch.unit_id = c.registry_unit_id;
      patch.clerk_id = null;
    }
    if (input.dueAt !== undefined) {
      patch.due_at = input.dueAt;
      data.dueAt = input.dueAt?.toISOString() ?? null;
    }
    // The citizen always learns of the step; a note meant for staff only becomes an internal note of its own,
    // rather than hiding the whole step (and its notification) from the citizen.
    const internalNote = input.noteVisibility === 'internal' && input.note ? input.note : null;
    const event = await moveCaseStatus(tx, ctx, c, actor, {
      to: input.to,
      event: { data, note: internalNote ? null : (input.note ?? null), casePatch: patch },
    });
    if (internalNote) await recordCaseEvent(tx, ctx, c, actor, { type: 'case.note_added', note: internalNote, visibility: 'internal' });
    return { id: c.id, number: c.number, status: input.to, event };
  });
}
