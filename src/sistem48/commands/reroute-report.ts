/** Staff send a report to another unit when the first one is not competent; the move is an event, and routing statistics count it. */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { findUnit } from '../../organisation/repositories/org-repository.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import { moveCaseStatus } from '../../cases/commands/move-case-status.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canReroute } from '../policy.ts';
import { updateReport } from '../repositories/report-repository.ts';
import { findCategory } from '../repositories/category-repository.ts';
import { lockVisibleReport } from './locked-report.ts';

export async function rerouteReport(ctx: Ctx, actor: Actor, input: { caseId: string; unitId: string; reason?: string | null }) {
  return ctx.db.transaction().execute(async (tx) => {
    const { c, r } = await lockVisibleReport(tx, actor, input.caseId);
    if (!canReroute(actor)) throw forbidden();
    if (!c.is_open) throw new AppError('conflict', {}, { reason: 'the report is closed' });
    const unit = await findUnit(tx, input.unitId);
    if (!unit || !unit.active || unit.kind === 'external_institution') throw new AppError('unknown_unit');
    if (unit.id === c.unit_id) throw invalidAs('detail.already_with_unit', {}, 'unitId');
    const from = c.unit_id ? await findUnit(tx, c.unit_id) : undefined;
    const category = await findCategory(tx, { id: r.category_id });
    // A report still at the registry becomes delivered; one already being worked on keeps its status and loses its clerk.
    const status = c.status === 'received' ? 'delivered' : c.status;
    await updateReport(tx, c.id, { reroute_count: r.reroute_count + 1 });
    const rerouted = {
      type: 'case.rerouted',
      note: input.reason ?? null,
      casePatch: { unit_id: unit.id, clerk_id: null },
      data: { fromUnitId: c.unit_id, fromUnitName: from?.name ?? null, unitId: unit.id, unitName: unit.name, categoryCode: category?.code ?? null, status },
    };
    const event =
      status !== c.status ? await moveCaseStatus(tx, ctx, c, actor, { to: status, event: rerouted }) : await recordCaseEvent(tx, ctx, c, actor, rerouted);
    return { caseId: c.id, unitId: unit.id, unitName: unit.name, status, eventSeq: event.seq };
  });
}
