/**
 * Publishes the overview of one finished ISO week into the archive. Idempotent: a week already
 * archived is left exactly as it was published, so a retried or duplicated job changes nothing.
 */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import { formatIsoWeek, weekPeriod, type IsoWeek } from '../domain/calendar.ts';
import type { WeeklyOverview } from '../domain/overview.ts';
import { canPublishOverview } from '../policy.ts';
import { findOverview, insertOverview } from '../repositories/overview-repository.ts';
import { computeWeeklyOverview } from '../queries/weekly-overview.ts';

export async function publishWeeklyOverview(ctx: Ctx, actor: Actor, week: IsoWeek): Promise<{ overview: WeeklyOverview; created: boolean }> {
  if (!canPublishOverview(actor)) throw forbidden();
  const key = formatIsoWeek(week);
  const { start, end } = weekPeriod(week, ctx.config.timezone);
  if (end > ctx.now()) throw invalidAs('detail.week_not_ended', { week: key }, 'week');
  const existing = await findOverview(ctx.db, key);
  if (existing) return { overview: existing, created: false };
  const overview = await computeWeeklyOverview(ctx, week);
  const created = await ctx.db.transaction().execute(async (tx) => {
    const stored = await insertOverview(tx, overview, start, end);
    if (stored && actor.kind !== 'system') await audit(tx, actor, 'weekly_overview.publish', 'weekly_overview', key, undefined, { week: key });
    return stored;
  });
  // Another process may have published the same week a moment earlier: theirs is the published one.
  return created ? { overview, created } : { overview: (await findOverview(ctx.db, key)) ?? overview, created };
}
