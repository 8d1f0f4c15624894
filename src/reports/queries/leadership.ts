/** The leadership dashboard's read use cases: each checks the reader, then presents numbers with the drill-down link behind each. */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { forbidden, notFound, invalidAs } from '../../kernel/lib/errors.ts';
import { addWeeks, formatIsoWeek, isoWeekOf, weekPeriod } from '../domain/calendar.ts';
import { MIN_PUBLIC_GROUP, TREND_WEEKS } from '../domain/definitions.ts';
import { duration, round, share, trendPointOf } from '../domain/overview.ts';
import { localDate, startOfLocalDay } from '../../kernel/time.ts';
import { budgetLinesOf } from '../repositories/budget-repository.ts';
import { kindAmount, moneyOf } from './unit-report.ts';
import { canReadDashboard, canReadUnitReport } from '../policy.ts';
import { overviewsOf } from '../repositories/overview-repository.ts';
import {
  backlogByAge,
  breachesBetween,
  cellBox,
  drillDown,
  hotspots,
  latePlaces,
  liveByGroup,
  liveStatus,
  recurring,
  LIVE_METRICS,
  type DrillFilter,
  type Metric,
} from './dashboard.ts';
import { dashboardFigures } from './rollup.ts';
import { AREA_CELL_M, costsByUnit, empty, groupKey, periodFigures, type CostRow, type GroupBy, type PeriodFigures } from './figures.ts';
import { categoryNames, findUnitById, subtreeIds, unitNames, type UnitName } from './lookups.ts';
import { verdictsBetween, type VerdictRow } from '../repositories/verdict-repository.ts';
import { verdictCounts } from '../domain/verdicts.ts';

const DRILL = '/api/v1/reports/drilldown';
const MAX_RANGE_DAYS = 400;
/** How many late reports the dashboard's map shows at most (the longest late first). */
const LATE_PLACES = 1000;

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
  if (start >= end) throw invalidAs('detail.from_before_to', {}, 'from');
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * 86_400_000) throw invalidAs('detail.range_max_days', { limit: MAX_RANGE_DAYS }, 'from');
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
  q: {
    metric: Metric;
    unitId?: string;
    categoryId?: number;
    channel?: string;
    from?: Date;
    to?: Date;
    cell?: string;
    cellM?: number;
    minAgeDays?: number;
    maxAgeDays?: number;
    limit?: number;
    offset?: number;
  },
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
    if (!m) throw invalidAs('detail.cell_format', {}, 'cell');
    cell = { gy: Number(m[1]), gx: Number(m[2]), cellM: q.cellM ?? 250 };
  }
  return drillDown(ctx.db, {
    metric: q.metric,
    unitIds,
    categoryId: q.categoryId,
    channel: q.channel,
    minAgeDays: q.minAgeDays,
    maxAgeDays: q.maxAgeDays,
    from: q.from,
    to: q.to,
    cell,
    now: ctx.now(),
    limit: Math.min(q.limit ?? 100, 1000),
    offset: q.offset ?? 0,
  });
}

export interface OverviewQuery {
  from?: Date;
  to?: Date;
  unitId?: string;
  categoryId?: number;
  channel?: string;
  /** A grid cell of AREA_CELL_M as "row,column" (the dashboard's area split gives them). */
  area?: string;
  by?: GroupBy;
}

function parseCell(s: string | undefined, cellM: number, field: string) {
  if (!s) return undefined;
  const m = /^(-?\d{1,9}),(-?\d{1,9})$/.exec(s);
  if (!m) throw invalidAs('detail.cell_format', {}, field);
  return { gy: Number(m[1]), gx: Number(m[2]), cellM };
}

/**
 * The leadership dashboard's one view (issue 15): for a period and a scope (the municipality or a unit,
 * and optionally a category, channel or area), split by unit, category, channel or area: intake, answered
 * within the promise, the median and 90th percentile of the time to first answer and to resolution, and,
 * now, the open backlog by age and what is late, with the late reports' places, the reopen rate and
 * the citizens' average rating of the "is it fixed?" answers (in total and per unit or category), and
 * the year's costs against the budget lines. Every number carries the drill-down that lists its reports. A unit head may
 * open it for their own units.
 */
export async function dashboardOverview(ctx: Ctx, actor: Actor, q: OverviewQuery) {
  const now = ctx.now();
  let unitIds: string[] | null = null;
  let focus: UnitName | undefined;
  if (q.unitId) {
    focus = await findUnitById(ctx.db, q.unitId);
    if (!focus || !canReadUnitReport(actor, focus.path)) throw notFound();
    unitIds = await subtreeIds(ctx.db, focus.path);
  } else requireDashboard(actor);
  const { start, end } = range(ctx, q.from, q.to, 30);
  if (start >= now) throw invalidAs('detail.period_in_future', {}, 'from');
  const by = q.by ?? 'unit';
  const cell = parseCell(q.area, AREA_CELL_M, 'area');
  // A period may reach past now (this month): its figures are counted at now, and a report whose
  // deadline is still ahead counts only once answered (figures.ts), never as late.
  const at = end < now ? end : now;
  const scope = { start, end, unitIds, at, categoryId: q.categoryId, channel: q.channel, cell };
  const live = { unitIds, categoryId: q.categoryId, channel: q.channel, cell, now };
  const tz = ctx.config.timezone;
  const year = localDate(new Date(at.getTime() - 1), tz).year;
  const yearStart = startOfLocalDay({ year, month: 1, day: 1 }, tz);
  const [units, categories] = await Promise.all([unitNames(ctx.db), categoryNames(ctx.db)]);
  const costUnits = unitIds ?? [...units.keys()];
  // The budget and the costs beside the figures (not after them): each part waits only for what it reads.
  const budgetAndCosts = async () => {
    const [lines, costsPeriod] = await Promise.all([
      budgetLinesOf(ctx.db, { unitIds: costUnits, year }),
      costsByUnit(ctx.db, { from: start, to: at, unitIds: costUnits, byCategory: false }),
    ]);
    // The year's spending only for the units with budget lines, by category only where a line has one.
    const budgeted = [...new Set(lines.map((l) => l.unit_id))];
    const costsYear = budgeted.length
      ? await costsByUnit(ctx.db, { from: yearStart, to: at, unitIds: budgeted, byCategory: lines.some((l) => l.category_id !== null) })
      : [];
    return { lines, costsPeriod, costsYear };
  };
  const [figures, liveRows, backlog, places, verdictRows, { lines, costsPeriod, costsYear }] = await Promise.all([
    dashboardFigures(ctx.db, scope, by),
    liveByGroup(ctx.db, { ...live, key: groupKey(by) }),
    backlogByAge(ctx.db, live),
    latePlaces(ctx.db, { ...live, limit: LATE_PLACES }),
    // "Is it fixed?": the answers given in the period, as the weekly overview and the unit reports count them.
    verdictsBetween(ctx.db, { from: start, to: at, unitIds }),
    budgetAndCosts(),
  ]);
  const rate = ctx.config.labourHourlyRate;
  const period = { from: start.toISOString(), to: end.toISOString() };
  const base = { unitId: q.unitId, categoryId: q.categoryId, channel: q.channel, cell: q.area, cellM: q.area ? AREA_CELL_M : undefined };
  const groupFilter = (key: string | null): Record<string, string | number | undefined> => {
    if (key === null) return {};
    if (by === 'unit') return { unitId: key };
    if (by === 'category') return { categoryId: Number(key) };
    if (by === 'channel') return { channel: key };
    return { cell: key, cellM: AREA_CELL_M };
  };
  // The answers know their report's unit and category only: with a channel or area filter or split they
  // cannot be told apart, and the figures are left out (null) rather than shown for the wrong reports.
  const verdictsKnown = !q.channel && !q.area;
  const inScope = verdictRows.filter((v) => q.categoryId === undefined || v.categoryId === q.categoryId);
  const verdictsOf = (key: string | null): { reopenRate: number | null; satisfaction: number | null } => {
    const none = { reopenRate: null, satisfaction: null };
    if (!verdictsKnown || (key !== null && by !== 'unit' && by !== 'category')) return none;
    const rows: VerdictRow[] =
      key === null ? inScope : inScope.filter((v) => (by === 'unit' ? v.unitId === key : v.categoryId !== null && String(v.categoryId) === key));
    const v = verdictCounts(rows);
    return { reopenRate: v.reopenRate.share, satisfaction: v.averageRating };
  };
  const row = (f: PeriodFigures, l: { open: number; breached: number; resolutionOverdue: number; late: number } | undefined, key: string | null) => {
    const p = { ...base, ...groupFilter(key) };
    const live0 = l ?? { open: 0, breached: 0, resolutionOverdue: 0, late: 0 };
    return {
      /** Of the "is it fixed?" answers given in the period, the share that reopened the report; null when none (or not known for the split). */
      ...verdictsOf(key),
      received: { count: f.received, cases: link({ metric: 'received', ...p, ...period }) },
      answeredInPromise: {
        ...share(f.answeredSla, f.dueSla),
        cases: link({ metric: 'answer_due', ...p, ...period }),
        missed: { count: f.dueSla - f.answeredSla, cases: link({ metric: 'answer_missed', ...p, ...period }) },
      },
      firstResponseHours: { ...duration(f.firstResponse), cases: link({ metric: 'answered', ...p, ...period }) },
      resolutionHours: { ...duration(f.resolution), cases: link({ metric: 'decided', ...p, ...period }) },
      openNow: { count: live0.open, cases: link({ metric: 'open', ...p }) },
      lateNow: { count: live0.late, cases: link({ metric: 'late', ...p }) },
      unansweredLateNow: { count: live0.breached, cases: link({ metric: 'breached', ...p }) },
      resolutionLateNow: { count: live0.resolutionOverdue, cases: link({ metric: 'resolution_overdue', ...p }) },
    };
  };
  const liveOf = new Map(liveRows.filter((r) => !r.whole).map((r) => [r.key, r]));
  const wholeLive = liveRows.find((r) => r.whole);
  const label = (key: string | null) => {
    if (key === null) return { code: null, name: null };
    if (by === 'unit') return { code: units.get(key)?.code ?? null, name: units.get(key)?.name ?? null };
    if (by === 'category') return { code: categories.get(Number(key))?.code ?? key, name: categories.get(Number(key))?.name ?? null };
    if (by === 'channel') return { code: key, name: null };
    const c = parseCell(key, AREA_CELL_M, 'area')!;
    const box = cellBox(c.gy, c.gx, AREA_CELL_M);
    return { code: key, name: null, centre: box.centre, bbox: box.bbox };
  };
  const keys = new Set<string | null>([...figures.groups.map((g) => g.key), ...liveOf.keys()]);
  const byKey = new Map(figures.groups.map((g) => [g.key, g.figures]));
  const money = moneyOf(costsPeriod, rate);
  return {
    ...period,
    at: now.toISOString(),
    by,
    minGroupReports: MIN_PUBLIC_GROUP,
    /** 'binned': the medians and 90th percentiles of this (large) view come from the roll-up's histograms, within 5 %. */
    percentiles: figures.binned ? ('binned' as const) : ('exact' as const),
    focus: focus ? { id: focus.id, code: focus.code, name: focus.name } : null,
    filter: { unitId: q.unitId ?? null, categoryId: q.categoryId ?? null, channel: q.channel ?? null, area: q.area ?? null },
    total: row(figures.total, wholeLive, null),
    groups: [...keys]
      .map((key) => ({
        key,
        ...label(key),
        ...row(byKey.get(key) ?? empty(), liveOf.get(key), key),
        ranked: (byKey.get(key)?.dueSla ?? 0) >= MIN_PUBLIC_GROUP,
      }))
      .sort((a, b) => b.received.count - a.received.count || b.openNow.count - a.openNow.count || String(a.key).localeCompare(String(b.key))),
    backlog: {
      open: { count: backlog.open, cases: link({ metric: 'open', ...base }) },
      late: { count: backlog.late, cases: link({ metric: 'late', ...base }) },
      bands: backlog.bands.map((b) => ({
        ...b,
        cases: link({ metric: 'open', ...base, minAgeDays: b.minDays, maxAgeDays: b.maxDays ?? undefined }),
      })),
    },
    latePlaces: places.map((p) => ({
      caseId: p.caseId,
      lat: p.lat,
      lon: p.lon,
      kind: p.kind,
      category: categories.get(p.categoryId)?.code ?? String(p.categoryId),
      unit: p.unitId ? (units.get(p.unitId)?.code ?? null) : null,
      registeredAt: p.registeredAt,
    })),
    // "Is it fixed?" for the whole scope: the reopen rate of the answers and their average rating 1–5 (null: none).
    ...verdictsOf(null),
    costs: {
      year,
      currency: ctx.config.currency,
      period: money,
      lines: lines.map((l) => {
        const match = (c: CostRow) => c.unitId === l.unit_id && (l.category_id === null || c.categoryId === l.category_id);
        const spent = kindAmount(moneyOf(costsYear.filter(match), rate), l.cost_kind);
        const amount = Number(l.amount);
        return {
          id: l.id,
          unit: units.get(l.unit_id)?.code ?? '',
          unitName: units.get(l.unit_id)?.name ?? '',
          category: l.category_id === null ? null : (categories.get(l.category_id)?.code ?? String(l.category_id)),
          kind: l.cost_kind,
          amount,
          spentYear: spent,
          usedShare: amount > 0 ? round(spent / amount, 4) : null,
        };
      }),
    },
  };
}
export type DashboardOverview = Awaited<ReturnType<typeof dashboardOverview>>;
