/**
 * The dashboard's period figures (issue 15), from the roll-up where it covers the period: whole UTC
 * months and days that nothing changed in since they were rolled up come from report_rollup, the rest
 * (the period's edges, today, changed days) from report_facts, added up per split; medians and 90th
 * percentiles from the two duration histograms, exact to the bin (domain/duration-bins.ts). Periods
 * with fewer than ROLLUP_MIN_EVENTS stored events, and views filtered to a unit, category, channel or
 * area (their reports are few enough), are read report by report with exact percentiles (figures.ts).
 */
import type { Db, DbOrTx } from '../../kernel/db/database.ts';
import { addHistogram, histogramPercentile, type Histogram } from '../domain/duration-bins.ts';
import { candidateBuckets, coverPeriod } from '../domain/rollup-cover.ts';
import { changedAmong, rollupRowsOf } from '../repositories/rollup-repository.ts';
import { empty, groupedFigures, rollupFigures, type GroupBy, type PeriodFigures, type RollupDim, type RollupRow, type Scope } from './figures.ts';

/** Below this many stored events (reports received, answered or decided) a period is read report by report. */
export const ROLLUP_MIN_EVENTS = 20_000;

/** The figures, and whether their percentiles came from the roll-up's histograms (exact to the bin) rather than from every report. */
type Grouped = Awaited<ReturnType<typeof groupedFigures>> & { binned?: boolean };

interface Sum {
  received: number;
  dueSla: number;
  answeredSla: number;
  frN: number;
  resN: number;
  fr: Histogram;
  res: Histogram;
}

/** Which stored rows a view reads: the splits, which rows make its total, and the group a row adds to (undefined: none). */
interface Plan {
  dims: RollupDim[];
  inTotal: (r: RollupRow) => boolean;
  groupOf: (r: RollupRow) => string | undefined;
}

const PAIRS: RollupDim[] = ['unit.category', 'unit.channel', 'category.channel'];

/** The roll-up's plan for a view, or null when it has to be read report by report (an area or two filters: few reports). */
function planFor(s: Scope, by: GroupBy | null): Plan | null {
  if (s.cell) return null;
  const filters: ['unit' | 'category' | 'channel', (key: string) => boolean][] = [];
  if (s.unitIds) {
    const units = new Set(s.unitIds);
    filters.push(['unit', (k) => units.has(k)]);
  }
  if (s.categoryId !== undefined) filters.push(['category', (k) => k === String(s.categoryId)]);
  if (s.channel !== undefined) filters.push(['channel', (k) => k === s.channel]);
  if (filters.length > 1) return null;
  if (!filters.length) return { dims: by ? ['all', by] : ['all'], inTotal: (r) => r.dim === 'all', groupOf: (r) => (r.dim === by ? r.key : undefined) };
  const [filter, allowed] = filters[0]!;
  if (!by || by === filter) return { dims: [filter], inTotal: (r) => allowed(r.key), groupOf: (r) => (by && allowed(r.key) ? r.key : undefined) };
  const pair = PAIRS.find((p) => p === `${filter}.${by}` || p === `${by}.${filter}`);
  if (!pair) return null;
  // Keys hold no '|' (unit ids, category numbers, channel names): "a|b" splits at its one bar.
  const side = pair.startsWith(`${filter}.`) ? 0 : 1;
  const parts = (k: string) => [k.slice(0, k.indexOf('|')), k.slice(k.indexOf('|') + 1)] as const;
  return {
    dims: [pair],
    inTotal: (r) => allowed(parts(r.key)[side]),
    groupOf: (r) => {
      const p = parts(r.key);
      return allowed(p[side]) ? p[1 - side] : undefined;
    },
  };
}

export async function dashboardFigures(db: DbOrTx, s: Scope, by: GroupBy | null, o: { minRollupEvents?: number } = {}): Promise<Grouped> {
  const plan = planFor(s, by);
  if (!plan) return groupedFigures(db, s, by);
  // One snapshot: the marks read and the rows read agree (a change committed in between is in neither).
  const read = async (tx: DbOrTx): Promise<Grouped> => {
    const until = s.at < s.end ? s.at : s.end;
    const candidates = candidateBuckets(s.start, until);
    if (!candidates.length) return groupedFigures(tx, s, by);
    const cover = coverPeriod(s.start, s.end, until, await changedAmong(tx, candidates));
    if (!cover.buckets.length) return groupedFigures(tx, s, by);
    const stored = await rollupRowsOf(tx, cover.buckets, plan.dims);
    const events = stored.filter(plan.inTotal).reduce((a, r) => a + r.received + r.frN + r.resN, 0);
    if (events < (o.minRollupEvents ?? ROLLUP_MIN_EVENTS)) return groupedFigures(tx, s, by);
    const rows = [...stored];
    for (const [from, to] of cover.raw) rows.push(...(await rollupFigures(tx, { start: from, end: to, at: s.at, unitIds: null }, plan.dims)));
    return { ...merge(rows, plan, by !== null), binned: true };
  };
  if (db.isTransaction) return read(db);
  return (db as Db).transaction().setIsolationLevel('repeatable read').execute(read);
}

const newSum = (): Sum => ({ received: 0, dueSla: 0, answeredSla: 0, frN: 0, resN: 0, fr: [], res: [] });

function add(sum: Sum, r: RollupRow) {
  sum.received += r.received;
  sum.dueSla += r.dueSla;
  sum.answeredSla += r.answeredSla;
  sum.frN += r.frN;
  sum.resN += r.resN;
  addHistogram(sum.fr, r.frBins, r.frCounts);
  addHistogram(sum.res, r.resBins, r.resCounts);
}

function merge(rows: readonly RollupRow[], plan: Plan, split: boolean): Grouped {
  const total = newSum();
  const groups = new Map<string, Sum>();
  for (const r of rows) {
    if (plan.inTotal(r)) add(total, r);
    const key = split ? plan.groupOf(r) : undefined;
    if (key === undefined) continue;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = newSum()));
    add(g, r);
  }
  const figures = (x: Sum): PeriodFigures => ({
    ...empty(),
    received: x.received,
    dueSla: x.dueSla,
    answeredSla: x.answeredSla,
    firstResponse: { count: x.frN, median: histogramPercentile(x.fr, 0.5), p90: histogramPercentile(x.fr, 0.9) },
    resolution: { count: x.resN, median: histogramPercentile(x.res, 0.5), p90: histogramPercentile(x.res, 0.9) },
    decided: x.resN,
  });
  // No unit and no location are '' in the roll-up and null in the figures read report by report.
  return { total: figures(total), groups: [...groups].map(([key, sum]) => ({ key: key === '' ? null : key, figures: figures(sum) })) };
}
