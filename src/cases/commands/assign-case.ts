/** Assigns or re-assigns a case to a unit and, optionally, a clerk of that unit. */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden, notFound } from '../../kernel/lib/errors.ts';
import { caseReadScope, canActOnCase } from '../policy.ts';
import { lockVisibleCase, updateCase } from '../repositories/case-repository.ts';
import { findUnit, findUser } from '../../organisation/repositories/org-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { recordCaseEvent } from './record-case-event.ts';
import { acceptsWork } from '../domain/case-status.ts';

export async function assignCase(ctx: Ctx, actor: Actor, input: { caseId: string; unitId: string; clerkId?: string | null; note?: string | null }) {
  return ctx.db.transaction().execute(async (tx) => {
    const c = await lockVisibleCase(tx, caseReadScope(actor), input.caseId);
    if (!c) throw notFound();
    if (!canActOnCase(actor, 'assign')) throw forbidden();
    // An archived case is closed for good (no transition leaves 'archived'): nobody is to work on it.
    if (!acceptsWork(c.status, 'assign')) throw new AppError('case_archived');
    const unit = await findUnit(tx, input.unitId);
    if (!unit || unit.kind === 'external_institution') throw new AppError('unknown_unit');
    let clerk: Awaited<ReturnType<typeof findUser>>;
    if (input.clerkId) {
      clerk = await findUser(tx, input.clerkId);
      if (!clerk || !clerk.active || clerk.role === 'citizen' || clerk.unit_id !== unit.id) throw new AppError('unknown_user');
    }
    if (c.unit_id === unit.id && (c.clerk_id ?? null) === (clerk?.id ?? null)) return { id: c.id, unitId: unit.id, clerkId: clerk?.id ?? null, changed: false };
    await updateCase(tx, c.id, { unit_id: unit.id, clerk_id: clerk?.id ?? null });
    await recordCaseEvent(tx, ctx, c, actor, {
      type: 'case.assigned',
      note: input.note ?? null,
      data: {
        fromUnitId: c.unit_id,
        fromClerkId: c.clerk_id,
        unitId: unit.id,
        unitName: unit.name,
        clerkId: clerk?.id ?? null,
        clerkName: clerk?.display_name ?? null,
      },
    });
    return { id: c.id, unitId: unit.id, clerkId: clerk?.id ?? null, changed: true };
  });
}
