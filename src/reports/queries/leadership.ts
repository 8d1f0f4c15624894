/** The leadership dashboard's read use cases: each checks the reader, then presents numbers with the drill-down link behind each. */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { forbidden, invalid, notFound } from '../../kernel/lib/errors.ts';
import { addWeeks, formatIsoWeek, isoWeekOf, weekPeriod } from '../domain/calendar.ts';
import { TREND_WEEKS } from '../domain/definitions.ts';
import { duration, share, trendPointOf } from '../domain/overview.ts';
import { canReadDashboard, canReadUnitReport } from '../policy.ts';
import { overviewsOf } from '../repositories/overview-repository.ts';
import { breachesBetween, drillDown, hotspots, liveStatus, recurring, LIVE_METRICS, type DrillFilter, type Metric } from './dashboard.ts';
import { periodFigures } from './figures.ts';
import { categoryNames, findUnitById, subtreeIds, unitNames } from './lookups.ts';

const DRILL = '/api/v1/reports/drilldown';
const MAX_RANGE_DAYS = 400;

function link(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) q.set(k, String(v));
  return `${DRILL}?${q.toString()}`;
}

function requireDashboard(actor: Actor) {
  if (!canReadDashboard(actor)) throw forbidden();
}

function range(ctx: Ctx, from: Date | undefined, to: Date | undefined, defaultDays: number) {
  const end = to ?? ctx.now();
  const start = from ?? new Date(end.getTime() - defaultDays * 86_400_000);
  if (start >= end) throw invalid('from must be before to', 'from');
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * 86_400_000) throw invalid(`at most ${MAX_RANGE_DAYS} days`, 'from');
  return { start, end };
}

export async function dashboardStatus(ctx: Ctx, actor: Actor) {
  requireDashboard(actor);
  const now = ctx.now();
  const [rows, units] = await Promise.all([liveStatus(ctx.db, now), unitNames(ctx.db)]);
  const withLinks = (unitId: string | null, counts: Record<string, number>) =>
    Object.fromEntries(LIVE_METRICS.map((m) => [m, { count: counts[m] ?? 0, cases: link({ metric: m, unitId: unitId ?? undefined }) }]));
  const totals = Object.fromEntries(LIVE_METRICS.map((m) => [m, rows.reduce((a, r) => a + r.counts[m], 0)]));
  return {
    at: now.toISOString(),
    totals: withLinks(null, totals),
    units: [...rows]
      .sort((a, b) => b.counts.breached - a.counts.breached || String(a.unitId).localeCompare(String(b.unitId)))
      .map((r) => ({
        unitId: r.unitId,
        code: r.unitId ? (units.get(r.unitId)?.code ?? null) : null,
        name: r.unitId ? (units.get(r.unitId)?.name ?? null) : null,
        ...withLinks(r.unitId, r.counts),
      })),
  };
}

export async function dashboardBreaches(ctx: Ctx, actor: Actor, q: { from?: Date; to?: Date }) {
  requireDashboard(actor);
  const { start, end } = range(ctx, q.from, q.to, 30);
  const [rows, units] = await Promise.all([breachesBetween(ctx.db, { from: start, to: end, now: ctx.now() }), unitNames(ctx.db)]);
  const p = { from: start.toISOString(), to: end.toISOString() };
  const item = (unitId: string | null, due: number, missed: number) => ({
    answerDue: { count: due, cases: link({ metric: 'answer_due', unitId, ...p }) },
    answerMissed: { count: missed, cases: link({ metric: 'answer_missed', unitId, ...p }) },
    missedShare: share(missed, due).share,
  });
  return {
    from: p.from,
    to: p.to,
    total: item(
      null,
      rows.reduce((a, r) => a + r.answerDue, 0),
      rows.reduce((a, r) => a + r.answerMissed, 0),
    ),
    units: rows
      .map((r) => ({
        unitId: r.unitId,
        code: r.unitId ? (units.get(r.unitId)?.code ?? null) : null,
        name: r.unitId ? (units.get(r.unitId)?.name ?? null) : null,
        ...item(r.unitId, r.answerDue, r.answerMissed),
      }))
      .sort((a, b) => b.answerMissed.count - a.answerMissed.count),
  };
}

/** The published weeks' headline figures, and the current week so far (computed the same way, up to now). */
export async function dashboardTrends(ctx: Ctx, actor: Actor, q: { weeks?: number }) {
  requireDashboard(actor);
  const n = Math.min(Math.max(q.weeks ?? TREND_WEEKS, 1), 104);
  const tz = ctx.config.timezone;
  const now = ctx.now();
  const current = isoWeekOf(now, tz);
  const past = Array.from({ length: n - 1 }, (_, i) => formatIsoWeek(addWeeks(current, i - (n - 1))));
  const archived = new Map((await overviewsOf(ctx.db, past)).map((o) => [o.week, trendPointOf(o)]));
  const { start } = weekPeriod(current, tz);
  const f = (await periodFigures(ctx.db, { start, end: now, unitIds: null, at: now }, { detail: 'none' })).total;
  return {
    weeks: [
      ...past.map((w) => ({ week: w, published: archived.has(w), figures: archived.get(w) ?? null })),
      {
        week: formatIsoWeek(current),
        published: false,
        partial: true,
        figures: {
          week: formatIsoWeek(current),
          received: f.received,
          answeredWithin48hShare: share(f.answered48, f.due48).share,
          firstResponseMedianHours: duration(f.firstResponse).median,
          resolutionMedianHours: duration(f.resolution).median,
          openBacklog: f.openAtEnd,
        },
        cases: link({ metric: 'received', from: start.toISOString() }),
      },
    ],
  };
}

export async function dashboardHotspots(ctx: Ctx, actor: Actor, q: { from?: Date; to?: Date; cellM?: number; categoryId?: number }) {
  requireDashboard(actor);
  const { start, end } = range(ctx, q.from, q.to, 30);
  const cellM = q.cellM ?? 250;
  const [cells, categories] = await Promise.all([
    hotspots(ctx.db, { from: start, to: end, cellM, categoryId: q.categoryId, limit: 200 }),
    categoryNames(ctx.db),
  ]);
  const p = { from: start.toISOString(), to: end.toISOString(), cellM };
  return {
    from: p.from,
    to: p.to,
    cellM,
    cells: cells.map((c) => ({
      centre: c.centre,
      bbox: c.bbox,
      total: c.total,
      cases: link({ metric: 'received', cell: `${c.gy},${c.gx}`, categoryId: q.categoryId, ...p }),
      byCategory: c.byCategory.map((x) => ({
        category: categories.get(x.categoryId)?.code ?? String(x.categoryId),
        count: x.count,
        cases: link({ metric: 'received', cell: `${c.gy},${c.gx}`, categoryId: x.categoryId, ...p }),
      })),
    })),
  };
}

export async function dashboardRecurring(ctx: Ctx, actor: Actor, q: { days?: number; cellM?: number; min?: number }) {
  requireDashboard(actor);
  const now = ctx.now();
  const days = Math.min(Math.max(q.days ?? 90, 1), MAX_RANGE_DAYS);
  const from = new Date(now.getTime() - days * 86_400_000);
  const cellM = q.cellM ?? 100;
  const [rows, categories] = await Promise.all([recurring(ctx.db, { from, to: now, cellM, min: q.min ?? 3, limit: 100 }), categoryNames(ctx.db)]);
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    cellM,
    min: q.min ?? 3,
    places: rows.map((r) => ({
      category: categories.get(r.categoryId)?.code ?? String(r.categoryId),
      count: r.count,
      firstAt: r.firstAt,
      lastAt: r.lastAt,
      centre: r.centre,
      bbox: r.bbox,
      cases: link({ metric: 'received', cell: `${r.gy},${r.gx}`, cellM, categoryId: r.categoryId, from: from.toISOString(), to: now.toISOString() }),
    })),
  };
}

/** The reports behind a number. Leadership sees every unit; a unit head only their own subtree (and must name a unit). */
export async function drillDownCases(
  ctx: Ctx,
  actor: Actor,
  q: { metric: Metric; unitId?: string; categoryId?: number; from?: Date; to?: Date; cell?: string; cellM?: number; limit?: number; offset?: number },
) {
  let unitIds: string[] | null = null;
  if (q.unitId) {
    const unit = await findUnitById(ctx.db, q.unitId);
    if (!unit || !canReadUnitReport(actor, unit.path)) throw notFound();
    unitIds = await subtreeIds(ctx.db, unit.path);
  } else if (!canReadDashboard(actor)) {
    throw forbidden();
  }
  let cell: DrillFilter['cell'];
  if (q.cell) {
    const m = /^(-?\d{1,9}),(-?\d{1,9})$/.exec(q.cell);
    if (!m) throw invalid('cell is two whole numbers, row and column, as the dashboard gives them', 'cell');
    cell = { gy: Number(m[1]), gx: Number(m[2]), cellM: q.cellM ?? 250 };
  }
  return drillDown(ctx.db, {
    metric: q.metric,
    unitIds,
    categoryId: q.categoryId,
    from: q.from,
    to: q.to,
    cell,
    now: ctx.now(),
    limit: Math.min(q.limit ?? 100, 1000),
    offset: q.offset ?? 0,
  });
}
