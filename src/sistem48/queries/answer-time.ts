/**
 * The answer time a category promises for a report filed now: its hours, whether they are calendar or
 * working hours, and the resulting instant, computed by the same clock and calendar as filing a report
 * (settings.ts slaPolicy, domain/sla-clock.ts), so the form promises exactly what the clock will count.
 */
import { AppError } from '../../kernel/lib/errors.ts';
import type { Ctx } from '../../kernel/context.ts';
import { findCategory } from '../repositories/category-repository.ts';
import { loadSettings, slaPolicy } from '../settings.ts';
import { firstResponseSchedule } from '../domain/sla-clock.ts';

export async function answerTime(ctx: Ctx, categoryCode: string) {
  const category = await findCategory(ctx.db, { code: categoryCode });
  if (!category?.active) throw new AppError('not_found');
  const now = ctx.now();
  const settings = await loadSettings(ctx.db);
  const policy = await slaPolicy(ctx.db, ctx.config, settings, category.sla_clock, now);
  const { dueAt } = firstResponseSchedule(now, category.sla_hours, category.warn_percent, policy);
  return { category: category.code, hours: category.sla_hours, clock: category.sla_clock, from: now, dueAt, timeZone: ctx.config.timezone };
}
