/** Hands a batch of reports from a unit's queue to one of its people (or back to the unit), all or nothing. */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { updateCase } from '../../cases/repositories/case-repository.ts';
import { findUser, findUnit } from '../../organisation/repositories/org-repository.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canAssignReports } from '../policy.ts';
import { lockVisibleReport } from './locked-report.ts';

export async function bulkAssignReports(ctx: Ctx, actor: Actor, input: { caseIds: string[]; clerkId: string | null; note?: string | null }) {
  if (!canAssignReports(actor)) throw forbidden();
  const ids = [...new Set(input.caseIds)].sort();
  if (!ids.length || ids.length > 200) throw invalidAs('detail.bulk_assign_range', {}, 'caseIds');
  return ctx.db.transaction().execute(async (tx) => {
    const clerk = input.clerkId ? await findUser(tx, input.clerkId) : undefined;
    if (input.clerkId && (!clerk || !clerk.active || clerk.role === 'citizen')) throw new AppError('unknown_user');
    const results: { caseId: string; changed: boolean }[] = [];
    for (const id of ids) {
      const { c } = await lockVisibleReport(tx, actor, id);
      if (clerk && clerk.unit_id !== c.unit_id)
        throw new AppError('unknown_user', {}, { caseId: c.id, reason: 'the clerk is not in the unit that holds the report' });
      if ((c.clerk_id ?? null) === (clerk?.id ?? null)) {
        results.push({ caseId: c.id, changed: false });
        continue;
      }
      const unit = c.unit_id ? await findUnit(tx, c.unit_id) : undefined;
      await updateCase(tx, c.id, { clerk_id: clerk?.id ?? null });
      await recordCaseEvent(tx, ctx, c, actor, {
        type: 'case.assigned',
        note: input.note ?? null,
        data: {
          fromUnitId: c.unit_id,
          fromClerkId: c.clerk_id,
          unitId: c.unit_id,
          unitName: unit?.name ?? null,
          clerkId: clerk?.id ?? null,
          clerkName: clerk?.display_name ?? null,
          bulk: true,
        },
      });
      results.push({ caseId: c.id, changed: true });
    }
    return { items: results, changed: results.filter((r) => r.changed).length };
  });
}
