/**
 * The figures of src/reports/domain/definitions.ts in SQL, each written once and used by the weekly
 * overview, the unit reports, the dashboard and the open data alike.
 *
 * One pass over the reports "alive" in a period computes every period figure: those registered in
 * [start − 48 h, end), and those registered earlier that were not closed before the start or whose
 * first-response deadline falls in the period. Every figure's population lies inside that set: a
 * report answered, decided or due in the period was not closed before it (or is the fourth part),
 * and the 48-hour cohort starts 48 hours before the period. Everything is read from report_facts
 * (one row per report, kept by triggers; migration 202611215004) through its indexes.
 */
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../kernel/db/database.ts';
import { ANSWER_WINDOW_HOURS, OLDEST_OPEN_ITEMS } from '../domain/definitions.ts';
import { withReportMemory } from './memory.ts';
import { cellOf } from './dashboard.ts';
import { binSql } from '../domain/duration-bins.ts';
import { utcDayOf, utcDayStartAtOrAfter, utcDayStartAtOrBefore } from '../domain/rollup-cover.ts';

const WINDOW_MS = ANSWER_WINDOW_HOURS * 3_600_000;

export interface Scope {
  start: Date;
  end: Date /** null: every unit */;
  unitIds: string[] | null /** the instant "now" for overdue items: min(end, now) */;
  at: Date;
  /** Dashboard filters (issue 15): one category, one channel, one grid cell. */
  categoryId?: number;
  channel?: string;
  cell?: { gy: number; gx: number; cellM: number };
}

export interface Duration {
  count: number;
  median: number | null;
  p90: number | null;
}
export interface PeriodFigures {
  received: number;
  rerouted: number;
  due48: number;
  answered48: number;
  dueSla: number;
  answeredSla: number;
  firstResponse: Duration;
  resolution: Duration;
  decided: number;
  decidedWithDeadline: number;
  decidedInTime: number;
  openAtStart: number;
  openAtEnd: number;
  overdueResponse: number;
  overdueResolution: number;
}
export interface GroupedFigures {
  total: PeriodFigures;
  byCategory: Map<number, PeriodFigures>;
  byUnit: Map<string | null, PeriodFigures>;
  byChannel: Map<string, PeriodFigures>;
  outcomes: { status: string; count: number }[];
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const dur = (count: unknown, median: unknown, p90: unknown): Duration => ({
  count: num(count),
  median: median === null || median === undefined ? null : Number(median),
  p90: p90 === null || p90 === undefined ? null : Number(p90),
});

const COLUMNS = sql`case_id as id, registered_at, closed_at, due_at, channel, unit_id, category_id, responded_at, first_response_due_at,
  reroute_count, merged, decided_at, decided_status, lat, lon, area_cell`;

/**
 * The reports alive in the period, in four disjoint parts (so UNION ALL), with L = start − 48 h:
 * registered in [L, end); registered before L and closed at or after the start; registered before L
 * and open; registered before L, closed before the start, but with a first-response deadline in the
 * period (a category with a long or working-hours clock, answered and closed early).
 */
function alive(s: Scope): RawBuilder<unknown> {
  const unit = sql.join(
    [
      s.unitIds ? sql`unit_id = any(${s.unitIds}::uuid[]) and` : sql``,
      s.categoryId ? sql`category_id = ${s.categoryId} and` : sql``,
      s.channel ? sql`channel = ${s.channel} and` : sql``,
      s.cell ? sql`lat is not null and ${cellOf(s.cell.cellM).gy} = ${s.cell.gy} and ${cellOf(s.cell.cellM).gx} = ${s.cell.gx} and` : sql``,
    ],
    sql` `,
  );
  const from = new Date(s.start.getTime() - WINDOW_MS);
  return sql`
    select ${COLUMNS} from report_facts r where ${unit} registered_at >= ${from} and registered_at < ${s.end}
    union all
    select ${COLUMNS} from report_facts r where ${unit} registered_at < ${from} and closed_at >= ${s.start}
    union all
    select ${COLUMNS} from report_facts r where ${unit} registered_at < ${from} and closed_at is null
    union all
    select ${COLUMNS} from report_facts r where ${unit} registered_at < ${from} and closed_at < ${s.start} and first_response_due_at >= ${s.start} and first_response_due_at < ${s.end}`;
}

type Level = 'total' | 'category' | 'unit' | 'channel';
/** How much is needed: the headline totals only, received counts by group, or everything a unit report shows. */
export type Detail = 'none' | 'received' | 'full';
const ALL: Level[] = ['total', 'category', 'unit', 'channel'];
const COUNTS: Level[] = ['total', 'category', 'unit'];
/** The figures of a trend point (see trendPointOf): received, the 48-hour share, the medians, the backlog. */
const HEADLINE = ['received', 'due48', 'answered48', 'fr_n', 'fr_median', 'res_n', 'res_median', 'open_end'];

/**
 * Every period figure, in total and by category, by unit and by channel. The alive reports are read
 * once (a materialised CTE); each grouping computes only what the reports show of it: percentiles in
 * total (and medians by category), counts by unit, the received count by channel.
 */
const hours = (to: RawBuilder<unknown>) => sql`extract(epoch from (${to} - r.registered_at)) / 3600.0`;

/** The reports a duration figure counts: answered (first answer) or decided in the period, merged duplicates left out. */
function durationPopulations(s: Scope) {
  const inPeriod = (col: RawBuilder<unknown>) => sql`(${col} >= ${s.start} and ${col} < ${s.end})`;
  return { answered: sql`not r.merged and ${inPeriod(sql`r.responded_at`)}`, decided: sql`not r.merged and ${inPeriod(sql`r.decided_at`)}` };
}

/** Every figure's SQL over the alive reports (r), as [column, expression, the levels that compute it]. */
function figureList(s: Scope): [string, RawBuilder<unknown>, Level[]][] {
  const inPeriod = (col: RawBuilder<unknown>) => sql`(${col} >= ${s.start} and ${col} < ${s.end})`;
  const own = sql`not r.merged`;
  // A report counts for a promise only once its deadline has passed (at `at`) or it was answered: one
  // with 47 hours left is neither late nor in time yet, so it is left out of the share (issue 15).
  const settled48 = sql`(r.registered_at <= ${new Date(s.at.getTime() - WINDOW_MS)} or r.responded_at <= ${s.at})`;
  const cohort48 = sql`${own} and r.registered_at >= ${new Date(s.start.getTime() - WINDOW_MS)} and r.registered_at < ${new Date(s.end.getTime() - WINDOW_MS)} and ${settled48}`;
  const dueSla = sql`${own} and ${inPeriod(sql`r.first_response_due_at`)} and (r.first_response_due_at <= ${s.at} or r.responded_at <= ${s.at})`;
  const openAt = (at: Date | RawBuilder<unknown>) => sql`${own} and r.registered_at < ${at} and (r.closed_at is null or r.closed_at >= ${at})`;
  const { answered, decided } = durationPopulations(s);
  return [
    ['received', sql`count(*) filter (where ${inPeriod(sql`r.registered_at`)})`, ALL],
    ['rerouted', sql`count(*) filter (where ${inPeriod(sql`r.registered_at`)} and r.reroute_count > 0)`, COUNTS],
    ['due48', sql`count(*) filter (where ${cohort48})`, COUNTS],
    [
      'answered48',
      sql`count(*) filter (where ${cohort48} and r.responded_at <= r.registered_at + interval '${sql.raw(`${ANSWER_WINDOW_HOURS} hours`)}')`,
      COUNTS,
    ],
    ['due_sla', sql`count(*) filter (where ${dueSla})`, COUNTS],
    ['answered_sla', sql`count(*) filter (where ${dueSla} and r.responded_at <= r.first_response_due_at)`, COUNTS],
    ['fr_n', sql`count(*) filter (where ${answered})`, COUNTS],
    ['fr_median', sql`percentile_cont(0.5) within group (order by ${hours(sql`r.responded_at`)}) filter (where ${answered})`, ['total', 'category']],
    ['fr_p90', sql`percentile_cont(0.9) within group (order by ${hours(sql`r.responded_at`)}) filter (where ${answered})`, ['total']],
    ['res_n', sql`count(*) filter (where ${decided})`, COUNTS],
    ['res_median', sql`percentile_cont(0.5) within group (order by ${hours(sql`r.decided_at`)}) filter (where ${decided})`, ['total', 'category']],
    ['res_p90', sql`percentile_cont(0.9) within group (order by ${hours(sql`r.decided_at`)}) filter (where ${decided})`, ['total']],
    ['decided_deadline', sql`count(*) filter (where ${decided} and r.due_at is not null)`, COUNTS],
    ['decided_in_time', sql`count(*) filter (where ${decided} and r.decided_at <= r.due_at)`, COUNTS],
    ['open_start', sql`count(*) filter (where ${openAt(s.start)})`, COUNTS],
    ['open_end', sql`count(*) filter (where ${openAt(s.end)})`, COUNTS],
    [
      'overdue_response',
      sql`count(*) filter (where ${openAt(s.at)} and (r.responded_at is null or r.responded_at > ${s.at}) and r.first_response_due_at < ${s.at})`,
      COUNTS,
    ],
    ['overdue_resolution', sql`count(*) filter (where ${openAt(s.at)} and r.due_at < ${s.at})`, COUNTS],
  ];
}

export async function periodFigures(db: DbOrTx, s: Scope, o: { detail: Detail } = { detail: 'full' }): Promise<GroupedFigures> {
  const figures = figureList(s);
  const keys: Record<Level, RawBuilder<unknown>> = {
    total: sql`'total'::text as level, null::int as category_id, null::uuid as unit_id, null::text as channel`,
    category: sql`'category'::text as level, r.category_id, null::uuid as unit_id, null::text as channel`,
    unit: sql`'unit'::text as level, null::int as category_id, r.unit_id, null::text as channel`,
    channel: sql`'channel'::text as level, null::int as category_id, null::uuid as unit_id, r.channel`,
  };
  const groupBy: Record<Level, RawBuilder<unknown>> = {
    total: sql``,
    category: sql`group by r.category_id`,
    unit: sql`group by r.unit_id`,
    channel: sql`group by r.channel`,
  };
  const full = (level: Level) =>
    sql`select ${keys[level]}, ${sql.join(figures.map(([name, expr, levels]) => (levels.includes(level) ? sql`${expr} as ${sql.ref(name)}` : sql`null as ${sql.ref(name)}`)))} from r ${groupBy[level]}`;
  // 'received': the weekly overview needs only the received counts of each group.
  const select = (level: Level) =>
    o.detail === 'received' && level !== 'total'
      ? sql`select ${keys[level]}, ${sql.join(figures.map(([name, expr]) => (name === 'received' ? sql`${expr} as ${sql.ref(name)}` : sql`null as ${sql.ref(name)}`)))} from r ${groupBy[level]}`
      : full(level);
  const levels: Level[] = o.detail === 'none' ? ['total'] : ALL;
  // Totals only (the trend): just the headline figures.
  const headline = (level: Level) =>
    sql`select ${keys[level]}, ${sql.join(figures.map(([name, expr]) => (HEADLINE.includes(name) ? sql`${expr} as ${sql.ref(name)}` : sql`null as ${sql.ref(name)}`)))} from r`;
  const rows = await withReportMemory(db, (tx) =>
    sql<Record<string, unknown>>`
    with r as materialized (${alive(s)})
    ${sql.join(levels.map(o.detail === 'none' ? headline : select), sql` union all `)}`.execute(tx),
  );

  const out: GroupedFigures = { total: empty(), byCategory: new Map(), byUnit: new Map(), byChannel: new Map(), outcomes: [] };
  for (const row of rows.rows) {
    const f = rowFigures(row);
    if (row.level === 'category') out.byCategory.set(Number(row.category_id), f);
    else if (row.level === 'unit') out.byUnit.set((row.unit_id as string | null) ?? null, f);
    else if (row.level === 'channel') out.byChannel.set(String(row.channel), f);
    else out.total = f;
  }
  if (o.detail === 'none') return out;
  const outcomes = await sql<{ status: string; count: string }>`
    select decided_status as status, count(*) as count from report_facts
    where decided_at >= ${s.start} and decided_at < ${s.end} and not merged ${s.unitIds ? sql`and unit_id = any(${s.unitIds}::uuid[])` : sql``}
    group by decided_status order by count(*) desc, decided_status`.execute(db);
  out.outcomes = outcomes.rows.map((r) => ({ status: r.status, count: Number(r.count) }));
  return out;
}

function rowFigures(row: Record<string, unknown>): PeriodFigures {
  return {
    received: num(row.received),
    rerouted: num(row.rerouted),
    due48: num(row.due48),
    answered48: num(row.answered48),
    dueSla: num(row.due_sla),
    answeredSla: num(row.answered_sla),
    firstResponse: dur(row.fr_n, row.fr_median, row.fr_p90),
    resolution: dur(row.res_n, row.res_median, row.res_p90),
    decided: num(row.res_n),
    decidedWithDeadline: num(row.decided_deadline),
    decidedInTime: num(row.decided_in_time),
    openAtStart: num(row.open_start),
    openAtEnd: num(row.open_end),
    overdueResponse: num(row.overdue_response),
    overdueResolution: num(row.overdue_resolution),
  };
}

/** How the dashboard splits a view: by unit, category, channel or area (a grid cell of AREA_CELL_M). */
export type GroupBy = 'unit' | 'category' | 'channel' | 'area';
export const AREA_CELL_M = 1000;

/** The SQL of a report's group (r = report_facts): the unit, the category, the channel, or the area's grid cell "row,column". */
export function groupKey(by: GroupBy): RawBuilder<unknown> {
  const key: Record<GroupBy, RawBuilder<unknown>> = {
    unit: sql`r.unit_id::text`,
    category: sql`r.category_id::text`,
    channel: sql`r.channel`,
    // Stored with the report (migration 202612079302): cellOf(AREA_CELL_M) as "row,column", null without a location.
    area: sql`r.area_cell`,
  };
  return key[by];
}

/**
 * The dashboard's figures (issue 15): the same definitions as periodFigures (figureList), every figure
 * (percentiles included) for the total and for each group of the chosen split, over the filtered scope.
 */
export async function groupedFigures(
  db: DbOrTx,
  s: Scope,
  by: GroupBy | null,
): Promise<{ total: PeriodFigures; groups: { key: string | null; figures: PeriodFigures }[] }> {
  // Only what the dashboard shows, over only the reports those figures can count (population below).
  const figures = figureList(s).filter(([name]) => DASHBOARD_FIGURES.includes(name));
  const cols = sql.join(figures.map(([name, expr]) => sql`${expr} as ${sql.ref(name)}`));
  const key = by ? groupKey(by) : sql`null::text`;
  // One pass: the total and the groups as two grouping sets of the same rows.
  const rows = await withReportMemory(db, (tx) =>
    sql<Record<string, unknown>>`
    with r as materialized (select r.*, ${key} as gkey from (${population(s)}) r)
    select grouping(r.gkey) = 1 as whole, r.gkey as key, ${cols} from r
    group by grouping sets ((), (r.gkey))`.execute(tx),
  );
  let total = empty();
  const groups: { key: string | null; figures: PeriodFigures }[] = [];
  for (const row of rows.rows) {
    if (row.whole) total = rowFigures(row);
    else if (by) groups.push({ key: (row.key as string | null) ?? null, figures: rowFigures(row) });
  }
  return { total, groups };
}

/** The figures of the dashboard: received, answered within the promise, and the two durations. */
const DASHBOARD_FIGURES = ['received', 'due_sla', 'answered_sla', 'fr_n', 'fr_median', 'fr_p90', 'res_n', 'res_median', 'res_p90'];

/**
 * Every report a dashboard figure of the period can count: registered, due for a first answer,
 * answered or decided in it (each instant has an index, so this is a bitmap OR of four range scans).
 */
function population(s: Scope): RawBuilder<unknown> {
  const filters = [
    s.unitIds ? sql`unit_id = any(${s.unitIds}::uuid[])` : null,
    s.categoryId ? sql`category_id = ${s.categoryId}` : null,
    s.channel ? sql`channel = ${s.channel}` : null,
    s.cell ? sql`lat is not null and ${cellOf(s.cell.cellM).gy} = ${s.cell.gy} and ${cellOf(s.cell.cellM).gx} = ${s.cell.gx}` : null,
  ].filter((x) => x !== null);
  const during = (col: string) => sql`(${sql.ref(col)} >= ${s.start} and ${sql.ref(col)} < ${s.end})`;
  return sql`select ${COLUMNS} from report_facts r
    where (${during('registered_at')} or ${during('first_response_due_at')} or ${during('responded_at')} or ${during('decided_at')})
    ${filters.length ? sql`and ${sql.join(filters, sql` and `)}` : sql``}`;
}

/**
 * The splits the dashboard's roll-up keeps (migration 202612079301): the whole scope; by unit, category,
 * channel and area; and by pairs of unit, category and channel (key "a|b"), for a view filtered by one
 * and split by the other.
 */
export type RollupDim = 'all' | 'unit' | 'category' | 'channel' | 'area' | 'unit.category' | 'unit.channel' | 'category.channel';

/** One split's counts and duration histograms (bins of domain/duration-bins.ts) over one stretch of time. */
export interface RollupRow {
  dim: RollupDim;
  /** The unit's id, the category's id, the channel, the area's cell "row,column"; '' for none (no unit, no location, the whole). */
  key: string;
  received: number;
  dueSla: number;
  answeredSla: number;
  frN: number;
  resN: number;
  frBins: number[];
  frCounts: number[];
  resBins: number[];
  resCounts: number[];
}

const ROLLUP_COUNTS = ['received', 'due_sla', 'answered_sla', 'fr_n', 'res_n'];

/**
 * The dashboard's figures of the whole municipality over [s.start, s.end), for the given splits, as
 * counts and histograms that add up across stretches of time: what the roll-up stores per day and
 * month (commands/refresh-rollup.ts) and what a view computes for the hours no stored day covers.
 * The same definitions (figureList) as the figures read report by report.
 */
export async function rollupFigures(db: DbOrTx, s: Scope, dims: readonly RollupDim[]): Promise<RollupRow[]> {
  const figures = figureList(s).filter(([name]) => ROLLUP_COUNTS.includes(name));
  const { answered, decided } = durationPopulations(s);
  const bin = (to: string) => sql.raw(binSql(`extract(epoch from (${to} - r.registered_at))::float8 / 3600.0`));
  const nulls = sql.join(ROLLUP_COUNTS.map((name) => sql`null::bigint as ${sql.ref(name)}`));
  const unit = sql`coalesce(r.unit_id::text, '')`;
  const category = sql`r.category_id::text`;
  const channel = sql`r.channel::text`;
  const keyOf: Record<RollupDim, RawBuilder<unknown>> = {
    all: sql`''::text`,
    unit,
    category,
    channel,
    area: sql`coalesce(${groupKey('area')}, '')`,
    'unit.category': sql`${unit} || '|' || ${category}`,
    'unit.channel': sql`${unit} || '|' || ${channel}`,
    'category.channel': sql`${category} || '|' || ${channel}`,
  };
  // One grouping of the period's reports per split (a union rather than one row per report and split: a third of the time).
  const parts = dims.flatMap((dim) => {
    const key = keyOf[dim];
    const byKey = dim === 'all' ? sql`` : sql`group by 3`;
    return [
      sql`select 'n' as part, ${dim}::text as dim, ${key} as key, ${sql.join(figures.map(([name, expr]) => sql`${expr} as ${sql.ref(name)}`))}, null::int as bin, null::bigint as n from p r ${byKey}`,
      sql`select 'f', ${dim}::text, ${key}, ${nulls}, ${bin('r.responded_at')}, count(*) from p r where ${answered} group by 3, 9`,
      sql`select 'r', ${dim}::text, ${key}, ${nulls}, ${bin('r.decided_at')}, count(*) from p r where ${decided} group by 3, 9`,
    ];
  });
  const rows = await withReportMemory(db, (tx) =>
    sql<Record<string, unknown>>`
    with p as materialized (${population(s)})
    ${sql.join(parts, sql` union all `)}`.execute(tx),
  );
  const out = new Map<string, RollupRow>();
  const rowOf = (dim: RollupDim, key: string): RollupRow => {
    const id = `${dim}\u0000${key}`;
    let row = out.get(id);
    if (!row) {
      row = { dim, key, received: 0, dueSla: 0, answeredSla: 0, frN: 0, resN: 0, frBins: [], frCounts: [], resBins: [], resCounts: [] };
      out.set(id, row);
    }
    return row;
  };
  for (const x of rows.rows) {
    const row = rowOf(x.dim as RollupDim, String(x.key));
    if (x.part === 'n') {
      row.received = num(x.received);
      row.dueSla = num(x.due_sla);
      row.answeredSla = num(x.answered_sla);
      row.frN = num(x.fr_n);
      row.resN = num(x.res_n);
    } else if (x.part === 'f') {
      row.frBins.push(Number(x.bin));
      row.frCounts.push(num(x.n));
    } else {
      row.resBins.push(Number(x.bin));
      row.resCounts.push(num(x.n));
    }
  }
  return [...out.values()];
}

export function empty(): PeriodFigures {
  const d = { count: 0, median: null, p90: null };
  return {
    received: 0,
    rerouted: 0,
    due48: 0,
    answered48: 0,
    dueSla: 0,
    answeredSla: 0,
    firstResponse: d,
    resolution: d,
    decided: 0,
    decidedWithDeadline: 0,
    decidedInTime: 0,
    openAtStart: 0,
    openAtEnd: 0,
    overdueResponse: 0,
    overdueResolution: 0,
  };
}

export interface OpenItem {
  caseId: string;
  number: string;
  reportNo: string;
  categoryId: number;
  unitId: string | null;
  registeredAt: Date;
  firstResponseDueAt: Date;
  respondedAt: Date | null;
  dueAt: Date | null;
}

/** The oldest reports open at an instant (the open backlog's longest waiting), oldest first. */
export async function oldestOpen(db: DbOrTx, f: { at: Date; unitIds: string[] | null; limit?: number }): Promise<OpenItem[]> {
  const unit = f.unitIds ? sql`and unit_id = any(${f.unitIds}::uuid[])` : sql``;
  const limit = f.limit ?? OLDEST_OPEN_ITEMS;
  const r = await sql<Record<string, unknown>>`
    select x.case_id as id, c.number, pr.report_no, x.category_id, x.unit_id, x.registered_at, x.first_response_due_at, x.responded_at, x.due_at
    from (
      (select * from report_facts where closed_at is null and registered_at < ${f.at} and not merged ${unit} order by registered_at limit ${limit})
      union all
      -- OFFSET 0 keeps the planner on the closed_at index: few reports closed after the instant, many registered before it.
      (select * from (select * from report_facts where closed_at >= ${f.at} and registered_at < ${f.at} and not merged ${unit} offset 0) z order by registered_at limit ${limit})
    ) x join cases c on c.id = x.case_id join problem_reports pr on pr.case_id = x.case_id
    order by x.registered_at, x.case_id limit ${limit}`.execute(db);
  return r.rows.map(toOpenItem);
}

function toOpenItem(r: Record<string, unknown>): OpenItem {
  return {
    caseId: r.id as string,
    number: r.number as string,
    reportNo: String(r.report_no),
    categoryId: Number(r.category_id),
    unitId: (r.unit_id as string | null) ?? null,
    registeredAt: r.registered_at as Date,
    firstResponseDueAt: r.first_response_due_at as Date,
    respondedAt: (r.responded_at as Date | null) ?? null,
    dueAt: (r.due_at as Date | null) ?? null,
  };
}

/** Reports open at an instant and past a deadline then: the first response, or the resolution. Most overdue first. */
export async function overdueItems(db: DbOrTx, f: { at: Date; unitIds: string[]; limit: number }): Promise<(OpenItem & { kind: 'response' | 'resolution' })[]> {
  const unanswered = sql`(responded_at is null or responded_at > ${f.at})`;
  const r = await sql<Record<string, unknown>>`
    select x.case_id as id, c.number, pr.report_no, x.category_id, x.unit_id, x.registered_at, x.first_response_due_at, x.responded_at, x.due_at, x.kind
    from (
      select *, case when ${unanswered} and first_response_due_at < ${f.at} then 'response' else 'resolution' end as kind,
             least(case when ${unanswered} then first_response_due_at end, due_at) as deadline
      from (
        select * from report_facts where unit_id = any(${f.unitIds}::uuid[]) and closed_at is null and registered_at < ${f.at}
        union all
        select * from report_facts where unit_id = any(${f.unitIds}::uuid[]) and closed_at >= ${f.at} and registered_at < ${f.at}
      ) o
      where not merged and ((${unanswered} and first_response_due_at < ${f.at}) or due_at < ${f.at})
      order by deadline, case_id limit ${f.limit}
    ) x join cases c on c.id = x.case_id join problem_reports pr on pr.case_id = x.case_id
    order by x.deadline, x.case_id`.execute(db);
  return r.rows.map((row) => ({ ...toOpenItem(row), kind: row.kind as 'response' | 'resolution' }));
}

export interface CostRow {
  unitId: string | null;
  categoryId: number;
  labourHours: number;
  materials: number;
  contractor: number;
  reports: number;
}

/** Costs recorded on reports in [from, to), by the unit that recorded them and the report's category. */
export async function costsBetween(db: DbOrTx, f: { from: Date; to: Date; unitIds: string[] }): Promise<CostRow[]> {
  const r = await sql<Record<string, unknown>>`
    select rc.unit_id, pr.category_id, sum(rc.labour_hours) as labour_hours, sum(rc.materials) as materials, sum(rc.contractor) as contractor,
           count(distinct rc.case_id) as reports
    from report_costs rc join report_facts pr on pr.case_id = rc.case_id
    where rc.recorded_at >= ${f.from} and rc.recorded_at < ${f.to} and rc.unit_id = any(${f.unitIds}::uuid[])
    group by rc.unit_id, pr.category_id`.execute(db);
  return r.rows.map((row) => ({
    unitId: (row.unit_id as string | null) ?? null,
    categoryId: Number(row.category_id),
    labourHours: Number(row.labour_hours),
    materials: Number(row.materials),
    contractor: Number(row.contractor),
    reports: Number(row.reports),
  }));
}

/**
 * Costs recorded in [from, to) by unit, and by category only when asked (the budget has lines per
 * category): without categories the sums come from an index alone, with no join to the reports
 * and no count of distinct reports (`reports` is 0).
 */
export async function costsByUnit(db: DbOrTx, f: { from: Date; to: Date; unitIds: string[]; byCategory: boolean }): Promise<CostRow[]> {
  if (f.byCategory) return costsBetween(db, f);
  // Whole UTC days from report_cost_days (migration 202612079303), the parts of days at the edges from report_costs.
  const firstDay = utcDayStartAtOrAfter(f.from);
  const endDay = utcDayStartAtOrBefore(f.to);
  const days = firstDay < endDay;
  const recorded = (from: Date, to: Date) => sql`
    select unit_id, labour_hours, materials, contractor from report_costs
    where recorded_at >= ${from} and recorded_at < ${to} and unit_id = any(${f.unitIds}::uuid[])`;
  const r = await sql<Record<string, unknown>>`
    select unit_id, sum(labour_hours) as labour_hours, sum(materials) as materials, sum(contractor) as contractor
    from (
      ${
        days
          ? sql`select unit_id, labour_hours, materials, contractor from report_cost_days
                where day >= ${utcDayOf(firstDay)}::date and day < ${utcDayOf(endDay)}::date and unit_id = any(${f.unitIds}::uuid[])
                union all ${recorded(f.from, firstDay)} union all ${recorded(endDay, f.to)}`
          : recorded(f.from, f.to)
      }
    ) c
    group by unit_id`.execute(db);
  return r.rows.map((row) => ({
    unitId: (row.unit_id as string | null) ?? null,
    categoryId: 0,
    labourHours: Number(row.labour_hours),
    materials: Number(row.materials),
    contractor: Number(row.contractor),
    // Not counted here: distinct reports over a year of costs cost more than the whole view.
    reports: 0,
  }));
}

/** Field results recorded in [from, to) by the units (the unit holding the report when the result was recorded), and how many reports they cover. */
export async function fieldResults(db: DbOrTx, f: { from: Date; to: Date; unitIds: string[] }): Promise<{ results: number; reports: number }> {
  const r = await sql<{ results: string; reports: string }>`
    select count(*) as results, count(distinct case_id) as reports
    from report_field_results
    where unit_id = any(${f.unitIds}::uuid[]) and occurred_at >= ${f.from} and occurred_at < ${f.to}`.execute(db);
  return { results: Number(r.rows[0]?.results ?? 0), reports: Number(r.rows[0]?.reports ?? 0) };
}
