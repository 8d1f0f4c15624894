/** The report router read: suggestions for a text, and the trained models with their evaluations. */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { canConfigureSistem48, canFileReport } from '../policy.ts';
import { loadSettings } from '../settings.ts';
import { adviseCategory } from '../router.ts';
import { listCategories } from '../repositories/category-repository.ts';
import { listRouterModels } from '../repositories/router-repository.ts';

/**
 * Suggested categories for a report's text: for staff who file reports, API tokens with the open311
 * or cases:write scope, and (without the auto-route decision mattering) the public form as the citizen
 * types. Before the first training there is no model: `modelVersion` is null and there are no suggestions.
 */
export async function classifyReportText(ctx: Ctx, actor: Actor | null, text: string) {
  if (actor && !canFileReport(actor, 'staff') && !canFileReport(actor, 'open311')) throw forbidden();
  const settings = await loadSettings(ctx.db);
  const active = new Set((await listCategories(ctx.db, true)).map((c) => c.code));
  active.delete(ctx.config.inboundCategory);
  const advice = await adviseCategory(ctx.db, text, settings.autoRouteThreshold, (code) => active.has(code));
  return advice ?? { modelVersion: null, suggestions: [], autoRoute: false };
}

/** The administrator's view: the newest models with their evaluation on held-out reports, and the threshold in force. */
export async function routerModels(ctx: Ctx, actor: Actor) {
  if (!canConfigureSistem48(actor)) throw forbidden();
  const settings = await loadSettings(ctx.db);
  const models = await listRouterModels(ctx.db, 20);
  return {
    autoRouteThreshold: settings.autoRouteThreshold,
    models: models.map((m) => ({
      version: m.id,
      trainedAt: m.trained_at,
      trainingSize: m.training_size,
      heldOutSize: m.held_out_size,
      categories: m.categories,
      evaluation: m.evaluation,
    })),
  };
}
