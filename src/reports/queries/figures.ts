/**
 * The figures of src/reports/domain/definitions.ts in SQL, each written once and used by the weekly
 * overview, the unit reports, the dashboard and the open data alike.
 *
 * One pass over the reports "alive" in a period computes every period figure. A report is alive in
 * [start, end) when it was registered in [start − LOOKBACK, end), or registered earlier and not
 * closed before the start. Every figure's population lies inside that set: a report answered,
 * decided or due in the period was not closed before it, and the 48-hour cohort starts 48 hours
 * before the period. The set is found through indexes on (unit, registered_at) and (unit, closed_at).
 */
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../db/database.ts';
import { ANSWER_WINDOW_HOURS, OLDEST_OPEN_ITEMS, RESOLUTION_STATUSES } from '../domain/definitions.ts';

// Long enough that a report whose first-response deadline (category SLA, possibly working hours)
// falls in the period was registered inside it, so the SLA cohort never misses one closed early.
const LOOKBACK = '14 days';
const WINDOW = `${ANSWER_WINDOW_HOURS} hours`;

export interface Scope { start: Date; end: Date; /** null: every unit */ unitIds: string[] | null; /** the instant "now" for overdue items: min(end, now) */ at: Date }

export interface Duration { count: number; median: number | null; p90: number | null }
export interface PeriodFigures {
  received: number; rerouted: number;
  due48: number; answered48: number;
  dueSla: number; answeredSla: number;
  firstResponse: Duration; resolution: Duration;
  decided: number; decidedWithDeadline: number; decidedInTime: number;
  openAtStart: number; openAtEnd: number;
  overdueResponse: number; overdueResolution: number;
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
  count: num(count), median: median === null || median === undefined ? null : Number(median), p90: p90 === null || p90 === undefined ? null : Number(p90),
});

function aliveIds(s: Scope): RawBuilder<unknown> {
  const unit = s.unitIds ? sql`unit_id = any(${s.unitIds}::uuid[]) and` : sql``;
  return sql`
    select id from cases where ${unit} registered_at >= ${s.start}::timestamptz - interval '${sql.raw(LOOKBACK)}' and registered_at < ${s.end}
    union
    select id from cases where ${unit} registered_at < ${s.start}::timestamptz - interval '${sql.raw(LOOKBACK)}' and closed_at >= ${s.start}
    union
    select id from cases where ${unit} registered_at < ${s.start}::timestamptz - interval '${sql.raw(LOOKBACK)}' and closed_at is null`;
}

const decisions = sql.raw(RESOLUTION_STATUSES.map((x) => `'${x}'`).join(','));

/** Every period figure, in total and by category, by unit and by channel, in one pass. */
export async function periodFigures(db: DbOrTx, s: Scope, o: { grouped: boolean } = { grouped: true }): Promise<GroupedFigures> {
  const hours = (to: RawBuilder<unknown>) => sql`extract(epoch from (${to} - r.registered_at)) / 3600.0`;
  const inPeriod = (col: RawBuilder<unknown>) => sql`(${col} >= ${s.start} and ${col} < ${s.end})`;
  const own = sql`r.merged_into is null`;
  const rows = await sql<Record<string, unknown>>`
    with r as (
      select c.id, c.registered_at, c.closed_at, c.due_at, c.channel, c.unit_id, pr.category_id, pr.responded_at,
             pr.first_response_due_at, pr.reroute_count, pr.merged_into, d.decided_at, d.status as decided_status
      from (${aliveIds(s)}) a
      join cases c on c.id = a.id
      join problem_reports pr on pr.case_id = c.id
      left join case_decisions d on d.case_id = c.id
    )
    select ${o.grouped
      ? sql`grouping(r.category_id) as g_cat, grouping(r.unit_id) as g_unit, grouping(r.channel) as g_chan, r.category_id, r.unit_id, r.channel,`
      : sql`1 as g_cat, 1 as g_unit, 1 as g_chan,`}
      count(*) filter (where ${inPeriod(sql`r.registered_at`)}) as received,
      count(*) filter (where ${inPeriod(sql`r.registered_at`)} and r.reroute_count > 0) as rerouted,
      count(*) filter (where ${own} and r.registered_at >= ${s.start}::timestamptz - interval '${sql.raw(WINDOW)}' and r.registered_at < ${s.end}::timestamptz - interval '${sql.raw(WINDOW)}') as due48,
      count(*) filter (where ${own} and r.registered_at >= ${s.start}::timestamptz - interval '${sql.raw(WINDOW)}' and r.registered_at < ${s.end}::timestamptz - interval '${sql.raw(WINDOW)}'
                       and r.responded_at <= r.registered_at + interval '${sql.raw(WINDOW)}') as answered48,
      count(*) filter (where ${own} and ${inPeriod(sql`r.first_response_due_at`)}) as due_sla,
      count(*) filter (where ${own} and ${inPeriod(sql`r.first_response_due_at`)} and r.responded_at <= r.first_response_due_at) as answered_sla,
      count(*) filter (where ${own} and ${inPeriod(sql`r.responded_at`)}) as fr_n,
      percentile_cont(0.5) within group (order by ${hours(sql`r.responded_at`)}) filter (where ${own} and ${inPeriod(sql`r.responded_at`)}) as fr_median,
      percentile_cont(0.9) within group (order by ${hours(sql`r.responded_at`)}) filter (where ${own} and ${inPeriod(sql`r.responded_at`)}) as fr_p90,
      count(*) filter (where ${own} and ${inPeriod(sql`r.decided_at`)}) as res_n,
      percentile_cont(0.5) within group (order by ${hours(sql`r.decided_at`)}) filter (where ${own} and ${inPeriod(sql`r.decided_at`)}) as res_median,
      percentile_cont(0.9) within group (order by ${hours(sql`r.decided_at`)}) filter (where ${own} and ${inPeriod(sql`r.decided_at`)}) as res_p90,
      count(*) filter (where ${own} and ${inPeriod(sql`r.decided_at`)} and r.due_at is not null) as decided_deadline,
      count(*) filter (where ${own} and ${inPeriod(sql`r.decided_at`)} and r.decided_at <= r.due_at) as decided_in_time,
      count(*) filter (where ${own} and r.registered_at < ${s.start} and (r.closed_at is null or r.closed_at >= ${s.start})) as open_start,
      count(*) filter (where ${own} and r.registered_at < ${s.end} and (r.closed_at is null or r.closed_at >= ${s.end})) as open_end,
      count(*) filter (where ${own} and r.registered_at < ${s.at} and (r.closed_at is null or r.closed_at >= ${s.at})
                       and (r.responded_at is null or r.responded_at > ${s.at}) and r.first_response_due_at < ${s.at}) as overdue_response,
      count(*) filter (where ${own} and r.registered_at < ${s.at} and (r.closed_at is null or r.closed_at >= ${s.at}) and r.due_at < ${s.at}) as overdue_resolution
    from r
    ${o.grouped ? sql`group by grouping sets ((r.category_id), (r.unit_id), (r.channel), ())` : sql``}`.execute(db);

  const out: GroupedFigures = { total: empty(), byCategory: new Map(), byUnit: new Map(), byChannel: new Map(), outcomes: [] };
  for (const row of rows.rows) {
    const f: PeriodFigures = {
      received: num(row.received), rerouted: num(row.rerouted), due48: num(row.due48), answered48: num(row.answered48),
      dueSla: num(row.due_sla), answeredSla: num(row.answered_sla),
      firstResponse: dur(row.fr_n, row.fr_median, row.fr_p90), resolution: dur(row.res_n, row.res_median, row.res_p90),
      decided: num(row.res_n), decidedWithDeadline: num(row.decided_deadline), decidedInTime: num(row.decided_in_time),
      openAtStart: num(row.open_start), openAtEnd: num(row.open_end),
      overdueResponse: num(row.overdue_response), overdueResolution: num(row.overdue_resolution),
    };
    if (num(row.g_cat) === 0) out.byCategory.set(Number(row.category_id), f);
    else if (num(row.g_unit) === 0) out.byUnit.set((row.unit_id as string | null) ?? null, f);
    else if (num(row.g_chan) === 0) out.byChannel.set(String(row.channel), f);
    else out.total = f;
  }
  if (!o.grouped) return out;
  const outcomes = await sql<{ status: string; count: string }>`
    select d.status, count(*) as count
    from case_decisions d join problem_reports pr on pr.case_id = d.case_id join cases c on c.id = d.case_id
    where d.decided_at >= ${s.start} and d.decided_at < ${s.end} and pr.merged_into is null
      ${s.unitIds ? sql`and c.unit_id = any(${s.unitIds}::uuid[])` : sql``}
    group by d.status order by count(*) desc, d.status`.execute(db);
  out.outcomes = outcomes.rows.map((r) => ({ status: r.status, count: Number(r.count) }));
  return out;
}

export function empty(): PeriodFigures {
  const d = { count: 0, median: null, p90: null };
  return {
    received: 0, rerouted: 0, due48: 0, answered48: 0, dueSla: 0, answeredSla: 0, firstResponse: d, resolution: d, decided: 0,
    decidedWithDeadline: 0, decidedInTime: 0, openAtStart: 0, openAtEnd: 0, overdueResponse: 0, overdueResolution: 0,
  };
}

export interface OpenItem { caseId: string; number: string; reportNo: string; categoryId: number; unitId: string | null; registeredAt: Date; firstResponseDueAt: Date; respondedAt: Date | null; dueAt: Date | null }

/** The oldest reports open at an instant (the open backlog's longest waiting), oldest first. */
export async function oldestOpen(db: DbOrTx, f: { at: Date; unitIds: string[] | null; limit?: number }): Promise<OpenItem[]> {
  const unit = f.unitIds ? sql`and c.unit_id = any(${f.unitIds}::uuid[])` : sql``;
  const limit = f.limit ?? OLDEST_OPEN_ITEMS;
  const r = await sql<Record<string, unknown>>`
    select * from (
      (select c.id, c.number, pr.report_no, pr.category_id, c.unit_id, c.registered_at, pr.first_response_due_at, pr.responded_at, c.due_at
       from cases c join problem_reports pr on pr.case_id = c.id
       where c.closed_at is null and c.registered_at < ${f.at} and pr.merged_into is null ${unit}
       order by c.registered_at, c.id limit ${limit})
      union all
      (select c.id, c.number, pr.report_no, pr.category_id, c.unit_id, c.registered_at, pr.first_response_due_at, pr.responded_at, c.due_at
       from cases c join problem_reports pr on pr.case_id = c.id
       where c.closed_at >= ${f.at} and c.registered_at < ${f.at} and pr.merged_into is null ${unit}
       order by c.registered_at, c.id limit ${limit})
    ) x order by registered_at, id limit ${limit}`.execute(db);
  return r.rows.map(toOpenItem);
}

function toOpenItem(r: Record<string, unknown>): OpenItem {
  return {
    caseId: r.id as string, number: r.number as string, reportNo: String(r.report_no), categoryId: Number(r.category_id), unitId: (r.unit_id as string | null) ?? null,
    registeredAt: r.registered_at as Date, firstResponseDueAt: r.first_response_due_at as Date, respondedAt: (r.responded_at as Date | null) ?? null, dueAt: (r.due_at as Date | null) ?? null,
  };
}

/** Reports open at an instant and past a deadline then: the first response, or the resolution. Most overdue first. */
export async function overdueItems(db: DbOrTx, f: { at: Date; unitIds: string[]; limit: number }): Promise<(OpenItem & { kind: 'response' | 'resolution' })[]> {
  const r = await sql<Record<string, unknown>>`
    select c.id, c.number, pr.report_no, pr.category_id, c.unit_id, c.registered_at, pr.first_response_due_at, pr.responded_at, c.due_at,
           case when (pr.responded_at is null or pr.responded_at > ${f.at}) and pr.first_response_due_at < ${f.at} then 'response' else 'resolution' end as kind
    from (
      select id from cases where unit_id = any(${f.unitIds}::uuid[]) and closed_at is null and registered_at < ${f.at}
      union
      select id from cases where unit_id = any(${f.unitIds}::uuid[]) and closed_at >= ${f.at} and registered_at < ${f.at}
    ) a
    join cases c on c.id = a.id join problem_reports pr on pr.case_id = c.id
    where pr.merged_into is null
      and (((pr.responded_at is null or pr.responded_at > ${f.at}) and pr.first_response_due_at < ${f.at}) or c.due_at < ${f.at})
    order by least(case when pr.responded_at is null or pr.responded_at > ${f.at} then pr.first_response_due_at end, c.due_at), c.id
    limit ${f.limit}`.execute(db);
  return r.rows.map((row) => ({ ...toOpenItem(row), kind: row.kind as 'response' | 'resolution' }));
}

export interface CostRow { unitId: string | null; categoryId: number; labourHours: number; materials: number; contractor: number; reports: number }

/** Costs recorded on reports in [from, to), by the unit that recorded them and the report's category. */
export async function costsBetween(db: DbOrTx, f: { from: Date; to: Date; unitIds: string[] }): Promise<CostRow[]> {
  const r = await sql<Record<string, unknown>>`
    select rc.unit_id, pr.category_id, sum(rc.labour_hours) as labour_hours, sum(rc.materials) as materials, sum(rc.contractor) as contractor,
           count(distinct rc.case_id) as reports
    from report_costs rc join problem_reports pr on pr.case_id = rc.case_id
    where rc.recorded_at >= ${f.from} and rc.recorded_at < ${f.to} and rc.unit_id = any(${f.unitIds}::uuid[])
    group by rc.unit_id, pr.category_id`.execute(db);
  return r.rows.map((row) => ({
    unitId: (row.unit_id as string | null) ?? null, categoryId: Number(row.category_id), labourHours: Number(row.labour_hours),
    materials: Number(row.materials), contractor: Number(row.contractor), reports: Number(row.reports),
  }));
}

/** Field results recorded in [from, to) on the reports the units hold, and how many reports they cover. */
export async function fieldResults(db: DbOrTx, f: { from: Date; to: Date; unitIds: string[] }): Promise<{ results: number; reports: number }> {
  const r = await sql<{ results: string; reports: string }>`
    select count(*) as results, count(distinct e.case_id) as reports
    from case_events e join cases c on c.id = e.case_id
    where e.type = 'case.field_result' and e.occurred_at >= ${f.from} and e.occurred_at < ${f.to} and c.unit_id = any(${f.unitIds}::uuid[])`.execute(db);
  return { results: Number(r.rows[0]?.results ?? 0), reports: Number(r.rows[0]?.reports ?? 0) };
}

/** Decision statuses as an SQL list, for other report queries. */
export const decisionList = decisions;
