/**
 * The leadership dashboard (report-query module): live SLA status across units, deadline breaches
 * in a period, the weekly trend, hot spots on a grid, and recurring problems. Every number comes
 * with the filter of the drill-down that lists the reports behind it; the counts and the drill-down
 * use the same conditions (LIVE below), so a number and its list always agree.
 */
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../kernel/db/database.ts';
import { withReportMemory } from './memory.ts';

export const LIVE_METRICS = ['open', 'unanswered', 'warning', 'breached', 'resolution_overdue', 'late'] as const;
export type LiveMetric = (typeof LIVE_METRICS)[number];
export const PERIOD_METRICS = ['received', 'answer_due', 'answer_missed', 'answered', 'decided'] as const;
export type PeriodMetric = (typeof PERIOD_METRICS)[number];
export type Metric = LiveMetric | PeriodMetric;

/** Conditions on open, unmerged reports (r = report_facts) at an instant. */
function live(metric: LiveMetric, now: Date): RawBuilder<boolean> {
  switch (metric) {
    case 'open':
      return sql<boolean>`true`;
    case 'unanswered':
      return sql<boolean>`r.responded_at is null`;
    case 'warning':
      return sql<boolean>`r.responded_at is null and r.first_response_warn_at <= ${now} and r.first_response_due_at > ${now}`;
    case 'breached':
      return sql<boolean>`r.responded_at is null and r.first_response_due_at <= ${now}`;
    case 'resolution_overdue':
      return sql<boolean>`r.due_at < ${now}`;
    case 'late':
      return sql<boolean>`((r.responded_at is null and r.first_response_due_at <= ${now}) or r.due_at < ${now})`;
  }
}

const M_PER_DEG = 111_320;
/** Grid cell indexes of a report's location: rows of `cellM` metres north-south, columns of `cellM` at the row's latitude (as the open data rounds). */
export function cellOf(cellM: number) {
  const stepLat = cellM / M_PER_DEG;
  const gy = sql<number>`floor(r.lat / ${stepLat}::float8)::int`;
  const gx = sql<number>`floor(r.lon / (${cellM}::float8 / (${M_PER_DEG}::float8 * cos(radians((floor(r.lat / ${stepLat}::float8) + 0.5) * ${stepLat}::float8)))))::int`;
  return { gy, gx, stepLat };
}

export function cellBox(gy: number, gx: number, cellM: number) {
  const stepLat = cellM / M_PER_DEG;
  const minLat = gy * stepLat;
  const stepLon = cellM / (M_PER_DEG * Math.cos(((gy + 0.5) * stepLat * Math.PI) / 180));
  const minLon = gx * stepLon;
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    centre: { lat: r(minLat + stepLat / 2), lon: r(minLon + stepLon / 2) },
    bbox: [r(minLat), r(minLon), r(minLat + stepLat), r(minLon + stepLon)] as [number, number, number, number],
  };
}

export interface DrillFilter {
  metric: Metric;
  unitIds?: string[] | null;
  categoryId?: number;
  from?: Date;
  to?: Date;
  /** minLat, minLon, maxLat, maxLon */
  bbox?: [number, number, number, number];
  cell?: { gy: number; gx: number; cellM: number };
  channel?: string;
  /** Open reports of this age: at least minAgeDays, less than maxAgeDays (the backlog's age bands). */
  minAgeDays?: number;
  maxAgeDays?: number;
}

export async function liveStatus(db: DbOrTx, now: Date) {
  const r = await sql<Record<string, unknown>>`
    select r.unit_id, ${sql.join(LIVE_METRICS.map((m) => sql`count(*) filter (where ${live(m, now)})::int as ${sql.ref(m)}`))}
    from report_facts r
    where r.closed_at is null and not r.merged
    group by r.unit_id`.execute(db);
  return r.rows.map((row) => ({
    unitId: (row.unit_id as string | null) ?? null,
    counts: Object.fromEntries(LIVE_METRICS.map((m) => [m, Number(row[m])])) as Record<LiveMetric, number>,
  }));
}

/**
 * A first-response deadline in [from, to) that counts already: it has passed (by now), or the report was
 * answered. A report with time left and no answer is neither in time nor late (the one definition of
 * "answered within the promise", figures.ts dueSla).
 */
function answerDue(from: Date | undefined, to: Date | undefined, now: Date): RawBuilder<boolean> {
  return sql<boolean>`${from ? sql`r.first_response_due_at >= ${from} and` : sql``} ${to ? sql`r.first_response_due_at < ${to} and` : sql``}
    (r.first_response_due_at <= ${now} or r.responded_at <= ${now})`;
}

/** First-response deadlines that fell in [from, to) by unit: how many, and how many were missed (answered late or not at all). */
export async function breachesBetween(db: DbOrTx, f: { from: Date; to: Date; now: Date }) {
  const r = await sql<{ unit_id: string | null; answer_due: number; answer_missed: number }>`
    select r.unit_id, count(*)::int as answer_due,
           count(*) filter (where r.responded_at is null or r.responded_at > r.first_response_due_at)::int as answer_missed
    from report_facts r
    where ${answerDue(f.from, f.to, f.now)} and not r.merged
    group by r.unit_id`.execute(db);
  return r.rows.map((x) => ({ unitId: x.unit_id, answerDue: x.answer_due, answerMissed: x.answer_missed }));
}

/** Reports received in [from, to) by grid cell and category, busiest cells first. */
export async function hotspots(db: DbOrTx, f: { from: Date; to: Date; cellM: number; categoryId?: number; limit: number }) {
  const { gy, gx } = cellOf(f.cellM);
  // One pass groups by cell and category and by cell alone (grouping sets); the busiest cells are then picked by their total.
  const r = await withReportMemory(db, (tx) =>
    sql<{ gy: number; gx: number; category_id: number; n: number; total: number }>`
    with g as (
      select ${gy} as gy, ${gx} as gx, r.category_id, count(*)::int as n, grouping(r.category_id) as whole
      from report_facts r
      where r.registered_at >= ${f.from} and r.registered_at < ${f.to} and not r.merged and r.lat is not null
        ${f.categoryId ? sql`and r.category_id = ${f.categoryId}` : sql``}
      group by grouping sets ((1, 2, r.category_id), (1, 2))
    ), top as (
      select gy, gx, n as total from g where whole = 1 order by n desc, gy, gx limit ${f.limit}
    )
    select g.gy, g.gx, g.category_id, g.n, top.total from top join g on g.gy = top.gy and g.gx = top.gx and g.whole = 0
    order by top.total desc, g.gy, g.gx, g.n desc`.execute(tx),
  );
  const cells = new Map<string, { gy: number; gx: number; total: number; byCategory: { categoryId: number; count: number }[] }>();
  for (const row of r.rows) {
    const key = `${row.gy}:${row.gx}`;
    let c = cells.get(key);
    if (!c) {
      c = { gy: row.gy, gx: row.gx, total: row.total, byCategory: [] };
      cells.set(key, c);
    }
    c.byCategory.push({ categoryId: row.category_id, count: row.n });
  }
  return [...cells.values()].map((c) => ({ ...c, ...cellBox(c.gy, c.gx, f.cellM) }));
}

/** The same category reported again and again in one grid cell within [from, to): at least `min` reports. */
export async function recurring(db: DbOrTx, f: { from: Date; to: Date; cellM: number; min: number; limit: number }) {
  const { gy, gx } = cellOf(f.cellM);
  const r = await withReportMemory(db, (tx) =>
    sql<{ gy: number; gx: number; category_id: number; n: number; first_at: Date; last_at: Date }>`
    select ${gy} as gy, ${gx} as gx, r.category_id, count(*)::int as n, min(r.registered_at) as first_at, max(r.registered_at) as last_at
    from report_facts r
    where r.registered_at >= ${f.from} and r.registered_at < ${f.to} and not r.merged and r.lat is not null
    group by 1, 2, 3
    having count(*) >= ${f.min}
    order by n desc, gy, gx, r.category_id
    limit ${f.limit}`.execute(tx),
  );
  return r.rows.map((row) => ({
    gy: row.gy,
    gx: row.gx,
    categoryId: row.category_id,
    count: row.n,
    firstAt: row.first_at,
    lastAt: row.last_at,
    ...cellBox(row.gy, row.gx, f.cellM),
  }));
}

/** A drill-down counts its reports up to this many. */
const DRILL_COUNT_CAP = 10_000;

/** The reports behind a number: case ids, numbers and report numbers, newest first. */
export async function drillDown(db: DbOrTx, f: DrillFilter & { now: Date; limit: number; offset: number }) {
  const conds: RawBuilder<boolean>[] = [];
  if ((LIVE_METRICS as readonly string[]).includes(f.metric)) {
    conds.push(sql<boolean>`not r.merged`, sql<boolean>`r.closed_at is null`, live(f.metric as LiveMetric, f.now));
  } else if (f.metric === 'received') {
    // Received counts duplicates too, except on the map, where hot spots leave them out.
    if (f.cell || f.bbox) conds.push(sql<boolean>`not r.merged`);
    if (f.from) conds.push(sql<boolean>`r.registered_at >= ${f.from}`);
    if (f.to) conds.push(sql<boolean>`r.registered_at < ${f.to}`);
  } else if (f.metric === 'answered' || f.metric === 'decided') {
    // The reports behind a duration figure: answered (first response) or decided in [from, to).
    const col = f.metric === 'answered' ? sql`r.responded_at` : sql`r.decided_at`;
    conds.push(sql<boolean>`not r.merged`, sql<boolean>`${col} is not null`);
    if (f.from) conds.push(sql<boolean>`${col} >= ${f.from}`);
    if (f.to) conds.push(sql<boolean>`${col} < ${f.to}`);
  } else {
    conds.push(sql<boolean>`not r.merged`, answerDue(f.from, f.to, f.now));
    if (f.metric === 'answer_missed') conds.push(sql<boolean>`(r.responded_at is null or r.responded_at > r.first_response_due_at)`);
  }
  if (f.channel) conds.push(sql<boolean>`r.channel = ${f.channel}`);
  if (f.minAgeDays !== undefined) conds.push(sql<boolean>`r.registered_at <= ${new Date(f.now.getTime() - f.minAgeDays * 86_400_000)}`);
  if (f.maxAgeDays !== undefined) conds.push(sql<boolean>`r.registered_at > ${new Date(f.now.getTime() - f.maxAgeDays * 86_400_000)}`);
  if (f.unitIds) conds.push(sql<boolean>`r.unit_id = any(${f.unitIds}::uuid[])`);
  if (f.categoryId) conds.push(sql<boolean>`r.category_id = ${f.categoryId}`);
  if (f.bbox) conds.push(sql<boolean>`r.lat >= ${f.bbox[0]} and r.lon >= ${f.bbox[1]} and r.lat < ${f.bbox[2]} and r.lon < ${f.bbox[3]}`);
  if (f.cell) {
    const { gy, gx } = cellOf(f.cell.cellM);
    conds.push(sql<boolean>`r.lat is not null and ${gy} = ${f.cell.gy} and ${gx} = ${f.cell.gx}`);
  }
  const where = conds.length ? sql.join(conds, sql` and `) : sql<boolean>`true`;
  const [rows, total] = await Promise.all([
    sql<{ id: string; number: string; report_no: string; registered_at: Date; status: string; unit_id: string | null }>`
      select x.case_id as id, c.number, pr.report_no, x.registered_at, c.status, x.unit_id
      from (select r.case_id, r.registered_at, r.unit_id from report_facts r where ${where} order by r.registered_at desc, r.case_id limit ${f.limit} offset ${f.offset}) x
      join cases c on c.id = x.case_id join problem_reports pr on pr.case_id = x.case_id
      order by x.registered_at desc, x.case_id`.execute(db),
    // Counted up to one past the cap: the figure beside the link has the exact number, and counting a
    // year's 900,000 reports again would cost more than the list (bench/dashboard.ts).
    sql<{ n: number }>`select count(*)::int as n from (select 1 from report_facts r where ${where} limit ${DRILL_COUNT_CAP + 1}) x`.execute(db),
  ]);
  return {
    total: Math.min(total.rows[0]?.n ?? 0, DRILL_COUNT_CAP),
    /** The list has more than `total` reports (the count stops at DRILL_COUNT_CAP). */
    totalAtLeast: (total.rows[0]?.n ?? 0) > DRILL_COUNT_CAP,
    items: rows.rows.map((r) => ({
      caseId: r.id,
      number: r.number,
      reportNo: String(r.report_no),
      registeredAt: r.registered_at,
      status: r.status,
      unitId: r.unit_id,
      href: `/api/v1/cases/${r.id}`,
    })),
  };
}

/** The open backlog's age bands in days: [min, max), the last open-ended. */
export const AGE_BANDS: readonly (readonly [number, number | null])[] = [
  [0, 2],
  [2, 7],
  [7, 30],
  [30, 90],
  [90, null],
];

export interface LiveFilter {
  unitIds: string[] | null;
  categoryId?: number;
  channel?: string;
  cell?: { gy: number; gx: number; cellM: number };
}

function liveFilter(f: LiveFilter): RawBuilder<boolean> {
  const conds: RawBuilder<boolean>[] = [sql<boolean>`r.closed_at is null`, sql<boolean>`not r.merged`];
  if (f.unitIds) conds.push(sql<boolean>`r.unit_id = any(${f.unitIds}::uuid[])`);
  if (f.categoryId) conds.push(sql<boolean>`r.category_id = ${f.categoryId}`);
  if (f.channel) conds.push(sql<boolean>`r.channel = ${f.channel}`);
  if (f.cell) {
    const { gy, gx } = cellOf(f.cell.cellM);
    conds.push(sql<boolean>`r.lat is not null and ${gy} = ${f.cell.gy} and ${gx} = ${f.cell.gx}`);
  }
  return sql.join(conds, sql` and `) as RawBuilder<boolean>;
}

/** The open reports now by age band (AGE_BANDS), and how many of them are late (first answer or resolution). */
export async function backlogByAge(db: DbOrTx, f: LiveFilter & { now: Date }) {
  const age = (days: number) => new Date(f.now.getTime() - days * 86_400_000);
  const r = await sql<Record<string, unknown>>`
    select ${sql.join(
      AGE_BANDS.map(
        ([min, max], i) =>
          sql`count(*) filter (where r.registered_at <= ${age(min)} ${max === null ? sql`` : sql`and r.registered_at > ${age(max)}`})::int as ${sql.ref(`b${i}`)}`,
      ),
    )}, count(*) filter (where ${live('late', f.now)})::int as late, count(*)::int as open
    from report_facts r where ${liveFilter(f)}`.execute(db);
  const row = r.rows[0] ?? {};
  return {
    open: Number(row.open ?? 0),
    late: Number(row.late ?? 0),
    bands: AGE_BANDS.map(([min, max], i) => ({ minDays: min, maxDays: max, count: Number(row[`b${i}`] ?? 0) })),
  };
}

/** Late open reports with a place, for the map: the longest late first. */
export async function latePlaces(db: DbOrTx, f: LiveFilter & { now: Date; limit: number }) {
  const r = await sql<{ case_id: string; lat: number; lon: number; category_id: number; unit_id: string | null; registered_at: Date; unanswered: boolean }>`
    select r.case_id, r.lat, r.lon, r.category_id, r.unit_id, r.registered_at, (r.responded_at is null and r.first_response_due_at <= ${f.now}) as unanswered
    from report_facts r
    where ${liveFilter(f)} and r.lat is not null and ${live('late', f.now)}
    order by r.registered_at, r.case_id limit ${f.limit}`.execute(db);
  return r.rows.map((x) => ({
    caseId: x.case_id,
    lat: x.lat,
    lon: x.lon,
    categoryId: x.category_id,
    unitId: x.unit_id,
    registeredAt: x.registered_at,
    kind: x.unanswered ? ('response' as const) : ('resolution' as const),
  }));
}

/** Live counts (now) of open reports by group of the dashboard's split: open, late on the answer, late on the resolution, late at all. */
export async function liveByGroup(db: DbOrTx, f: LiveFilter & { now: Date; key: RawBuilder<unknown> | null }) {
  const counts = sql`count(*)::int as open, count(*) filter (where ${live('breached', f.now)})::int as breached,
    count(*) filter (where ${live('resolution_overdue', f.now)})::int as resolution_overdue, count(*) filter (where ${live('late', f.now)})::int as late`;
  // One pass over the open reports (an index-only scan of report_facts_open_live): the total and the groups as grouping sets.
  const r = await sql<{ key: string | null; whole: boolean; open: number; breached: number; resolution_overdue: number; late: number }>`
    select grouping(r.gkey) = 1 as whole, r.gkey as key, ${counts}
    from (select r.responded_at, r.first_response_due_at, r.due_at, ${f.key ?? sql`null::text`} as gkey from report_facts r where ${liveFilter(f)}) r
    group by grouping sets ((), (r.gkey))`.execute(db);
  return r.rows
    .filter((x) => x.whole || f.key)
    .map((x) => ({ whole: x.whole, key: x.key, open: x.open, breached: x.breached, resolutionOverdue: x.resolution_overdue, late: x.late }));
}
