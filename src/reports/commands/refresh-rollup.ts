/**
 * Rolls the dashboard's figures up (issue 15): every finished UTC day, then every finished UTC month,
 * that report_facts changed in since it was last rolled up, oldest first, each in its own transaction
 * (marks taken, figures computed from report_facts, rows replaced). Run by the reports:rollup task
 * every few minutes; a view reads any bucket not rolled up yet from report_facts, so the figures never
 * wait for it. A system task: it reads and writes only the roll-up, so it takes no actor.
 */
import type { Ctx } from '../../kernel/context.ts';
import { rollupFigures, type RollupDim } from '../queries/figures.ts';
import { nextChangedBucket, replaceBucket, takeChanges, tryRollupLock } from '../repositories/rollup-repository.ts';
import { bucketPeriod, utcDayOf, utcMonthOf, type Bucket } from '../domain/rollup-cover.ts';

export const ROLLUP_DIMS: readonly RollupDim[] = ['all', 'unit', 'category', 'channel', 'area', 'unit.category', 'unit.channel', 'category.channel'];

export interface RollupRun {
  days: number;
  months: number;
  /** False when the run stopped before rolling everything up (its time was up, or another process was at it). */
  complete: boolean;
}

export async function refreshReportRollup(ctx: Ctx, o: { budgetMs?: number } = {}): Promise<RollupRun> {
  const now = ctx.now();
  const budget = o.budgetMs ?? 60_000;
  // A work budget (not a clock the figures depend on): a long backlog is rolled up over several runs.
  const started = performance.now();
  const run: RollupRun = { days: 0, months: 0, complete: false };
  const rollUp = (b: Bucket) =>
    ctx.db.transaction().execute(async (tx) => {
      if (!(await tryRollupLock(tx))) return false;
      await takeChanges(tx, b);
      const { start, end } = bucketPeriod(b);
      await replaceBucket(tx, b, await rollupFigures(tx, { start, end, at: end, unitIds: null }, ROLLUP_DIMS));
      return true;
    });
  const today = utcDayOf(now);
  for (let day = await nextChangedBucket(ctx.db, 'd', today); day; day = await nextChangedBucket(ctx.db, 'd', today)) {
    if (!(await rollUp({ level: 'd', bucket: day }))) return run;
    run.days++;
    if (performance.now() - started > budget) return run;
  }
  const thisMonth = utcMonthOf(now);
  for (let month = await nextChangedBucket(ctx.db, 'm', thisMonth); month; month = await nextChangedBucket(ctx.db, 'm', thisMonth, month)) {
    if (!(await rollUp({ level: 'm', bucket: month }))) return run;
    run.months++;
    if (performance.now() - started > budget) return run;
  }
  run.complete = true;
  return run;
}
