/** Aggregates for leadership: which categories are re-routed most, and what the work cost. */
import type { Actor } from '../../kernel/types.ts';
import type { Locale } from '../../i18n/index.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canReadReports } from '../policy.ts';
import { pickText } from '../domain/fields.ts';
import { rerouteFlows, routingStats } from '../repositories/routing-repository.ts';
import { costSummary } from '../repositories/cost-repository.ts';

export async function routingStatistics(ctx: Ctx, actor: Actor, q: { from?: Date; to?: Date }, locale: Locale) {
  if (!canReadReports(actor)) throw forbidden();
  const [rows, flows] = await Promise.all([routingStats(ctx.db, q), rerouteFlows(ctx.db, { ...q, limit: 20 })]);
  return {
    categories: rows.map((r) => ({
      categoryId: r.category_id,
      code: r.code,
      name: pickText(r.name, locale),
      reports: r.reports,
      reroutedReports: r.rerouted_reports,
      reroutes: r.reroutes,
      fallbackReports: r.fallback_reports,
      reroutedShare: r.reports ? Math.round((r.rerouted_reports / r.reports) * 1000) / 1000 : 0,
    })),
    flows: flows.map((f) => ({ from: f.from_unit, to: f.to_unit, category: f.category_code, reroutes: f.reroutes })),
  };
}

export async function costReport(ctx: Ctx, actor: Actor, q: { from?: Date; to?: Date; unitId?: string }) {
  if (!canReadReports(actor)) throw forbidden();
  return { items: await costSummary(ctx.db, q) };
}
