/**
 * The figures of src/reports/domain/definitions.ts in SQL, each written once and used by the weekly
 * overview, the unit reports, the dashboard and the open data alike.
 *
 * One pass over the reports "alive" in a period computes every period figure. A report is alive in
 * [start, end) when it was registered in [start − LOOKBACK, end), or registered earlier and not
 * closed before the start. Every figure's population lies inside that set: a report answered,
 * decided or due in the period was not closed before it, and the 48-hour cohort starts 48 hours
 * before the period. Everything is read from report_facts (one row per report, kept by triggers;
 * migration 202611215004), through its indexes on registered_at and closed_at (per unit for unit reports).
 */
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../db/database.ts';
import { ANSWER_WINDOW_HOURS, OLDEST_OPEN_ITEMS } from '../domain/definitions.ts';

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

const COLUMNS = sql`case_id as id, registered_at, closed_at, due_at, channel, unit_id, category_id, responded_at, first_response_due_at,
  reroute_count, merged, decided_at, decided_status`;

/** The reports alive in the period (three disjoint parts, so UNION ALL). */
function alive(s: Scope): RawBuilder<unknown> {
  const unit = s.unitIds ? sql`unit_id = any(${s.unitIds}::uuid[]) and` : sql``;
  const from = sql`${s.start}::timestamptz - interval '${sql.raw(LOOKBACK)}'`;
  return sql`
    select ${COLUMNS} from report_facts where ${unit} registered_at >= ${from} and registered_at < ${s.end}
    union all
    select ${COLUMNS} from report_facts where ${unit} registered_at < ${from} and closed_at >= ${s.start}
    union all
    select ${COLUMNS} from report_facts where ${unit} registered_at < ${from} and closed_at is null`;
}

/** Every period figure, in total and by category, by unit and by channel, in one pass. */
export async function periodFigures(db: DbOrTx, s: Scope, o: { grouped: boolean } = { grouped: true }): Promise<GroupedFigures> {
  const hours = (to: RawBuilder<unknown>) => sql`extract(epoch from (${to} - r.registered_at)) / 3600.0`;
  const inPeriod = (col: RawBuilder<unknown>) => sql`(${col} >= ${s.start} and ${col} < ${s.end})`;
  const own = sql`not r.merged`;
  const rows = await sql<Record<string, unknown>>`
    with r as (${alive(s)})
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
    select decided_status as status, count(*) as count from report_facts
    where decided_at >= ${s.start} and decided_at < ${s.end} and not merged ${s.unitIds ? sql`and unit_id = any(${s.unitIds}::uuid[])` : sql``}
    group by decided_status order by count(*) desc, decided_status`.execute(db);
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
  const unit = f.unitIds ? sql`and unit_id = any(${f.unitIds}::uuid[])` : sql``;
  const limit = f.limit ?? OLDEST_OPEN_ITEMS;
  const r = await sql<Record<string, unknown>>`
    select x.case_id as id, c.number, pr.report_no, x.category_id, x.unit_id, x.registered_at, x.first_response_due_at, x.responded_at, x.due_at
    from (
      (select * from report_facts where closed_at is null and registered_at < ${f.at} and not merged ${unit} order by registered_at, case_id limit ${limit})
      union all
      (select * from report_facts where closed_at >= ${f.at} and registered_at < ${f.at} and not merged ${unit} order by registered_at, case_id limit ${limit})
    ) x join cases c on c.id = x.case_id join problem_reports pr on pr.case_id = x.case_id
    order by x.registered_at, x.case_id limit ${limit}`.execute(db);
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

export interface CostRow { unitId: string | null; categoryId: number; labourHours: number; materials: number; contractor: number; reports: number }

/** Costs recorded on reports in [from, to), by the unit that recorded them and the report's category. */
export async function costsBetween(db: DbOrTx, f: { from: Date; to: Date; unitIds: string[] }): Promise<CostRow[]> {
  const r = await sql<Record<string, unknown>>`
    select rc.unit_id, pr.category_id, sum(rc.labour_hours) as labour_hours, sum(rc.materials) as materials, sum(rc.contractor) as contractor,
           count(distinct rc.case_id) as reports
    from report_costs rc join report_facts pr on pr.case_id = rc.case_id
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

