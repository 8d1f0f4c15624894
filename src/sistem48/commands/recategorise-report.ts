/**
 * The dispatcher corrects a report's category (typically one the router left in the catch-all, or
 * one it routed wrongly): the report takes the new category and goes where that category's routing
 * rules send it. The move is a `case.rerouted` event naming both categories; the report counts as
 * re-routed, so it becomes a training example for the next model (listTrainingExamples).
 */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import type { Ctx } from '../../kernel/context.ts';
import { findUnit } from '../../organisation/repositories/org-repository.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import { moveCaseStatus } from '../../cases/commands/move-case-status.ts';
import { canReroute } from '../policy.ts';
import { loadSettings } from '../settings.ts';
import { findCategory } from '../repositories/category-repository.ts';
import { listRules } from '../repositories/routing-repository.ts';
import { setReportCategory } from '../repositories/router-repository.ts';
import { chooseRoute } from '../domain/routing.ts';
import { toRule } from './file-report.ts';
import { lockVisibleReport } from './locked-report.ts';

export async function recategoriseReport(ctx: Ctx, actor: Actor, input: { caseId: string; category: string; reason?: string | null }) {
  const settings = await loadSettings(ctx.db);
  return ctx.db.transaction().execute(async (tx) => {
    const { c, r } = await lockVisibleReport(tx, actor, input.caseId);
    if (!canReroute(actor)) throw forbidden();
    if (!c.is_open) throw new AppError('conflict', {}, { reason: 'the report is closed' });
    const category = await findCategory(tx, { code: input.category });
    if (!category || !category.active) throw invalidAs('sistem48.err_unknown_category', {}, 'category');
    if (category.id === r.category_id) throw invalidAs('detail.already_in_category', {}, 'category');
    const from = await findCategory(tx, { id: r.category_id });
    const rules = (await listRules(tx, { categoryId: category.id, activeOnly: true })).map(toRule);
    const point = r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null;
    const route = chooseRoute(rules, category.id, { point, addressKey: r.address_key }, settings.dispatcherUnitId);
    const unit = route.unitId ? await findUnit(tx, route.unitId) : undefined;
    const fromUnit = c.unit_id ? await findUnit(tx, c.unit_id) : undefined;
    await setReportCategory(tx, c.id, { categoryId: category.id, routingRuleId: route.ruleId, routedBy: route.routedBy, rerouteCount: r.reroute_count + 1 });
    const moves = unit && unit.id !== c.unit_id;
    const status = moves && c.status === 'received' ? 'delivered' : c.status;
    const event = {
      type: 'case.rerouted',
      note: input.reason ?? null,
      casePatch: moves ? { unit_id: unit.id, clerk_id: null } : {},
      data: {
        fromUnitId: c.unit_id,
        fromUnitName: fromUnit?.name ?? null,
        unitId: unit?.id ?? c.unit_id,
        unitName: unit?.name ?? fromUnit?.name ?? null,
        fromCategoryCode: from?.code ?? null,
        categoryCode: category.code,
        status,
      },
    };
    const recorded = status !== c.status ? await moveCaseStatus(tx, ctx, c, actor, { to: status, event }) : await recordCaseEvent(tx, ctx, c, actor, event);
    return {
      caseId: c.id,
      category: category.code,
      unitId: unit?.id ?? c.unit_id,
      unitName: unit?.name ?? fromUnit?.name ?? null,
      status,
      eventSeq: recorded.seq,
    };
  });
}
