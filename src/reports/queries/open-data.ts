/** Reads the anonymous open-data records of the reports registered in a period, in batches (report-query module). */
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../kernel/db/database.ts';
import { ANSWER_WINDOW_HOURS } from '../domain/definitions.ts';
import { minuteIso, roundToGrid, type OpenRecord } from '../domain/open-data.ts';

const BATCH = 5000;

/** Every report registered in [start, end), oldest first, as open-data records; yields batches. */
export async function* openReportRecords(db: DbOrTx, f: { start: Date; end: Date; cellM: number; licence: string; now: Date }): AsyncGenerator<OpenRecord[]> {
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const cursor: RawBuilder<unknown> = after ? sql`and (c.registered_at, c.id) > (${after.at}, ${after.id}::uuid)` : sql``;
    const rows: { rows: Record<string, unknown>[] } = await sql<Record<string, unknown>>`
      select c.id, c.registered_at, c.channel, c.status, c.is_open, pr.report_no, pr.first_response_due_at, pr.responded_at,
             pr.reroute_count, pr.lat, pr.lon, cat.code as category, u.code as unit, d.decided_at, d.status as decision, t.report_no as duplicate_of
      from cases c
      join problem_reports pr on pr.case_id = c.id
      join problem_categories cat on cat.id = pr.category_id
      left join org_units u on u.id = c.unit_id
      left join case_decisions d on d.case_id = c.id
      left join problem_reports t on t.case_id = pr.merged_into
      where c.registered_at >= ${f.start} and c.registered_at < ${f.end} ${cursor}
      order by c.registered_at, c.id
      limit ${BATCH}`.execute(db);
    if (!rows.rows.length) return;
    yield rows.rows.map((r) => toRecord(r, f));
    const last: Record<string, unknown> = rows.rows.at(-1)!;
    after = { at: last.registered_at as Date, id: last.id as string };
    if (rows.rows.length < BATCH) return;
  }
}

function toRecord(r: Record<string, unknown>, f: { cellM: number; licence: string; now: Date }): OpenRecord {
  const registered = r.registered_at as Date;
  const answered = (r.responded_at as Date | null) ?? null;
  const windowEnd = new Date(registered.getTime() + ANSWER_WINDOW_HOURS * 3_600_000);
  const within = answered ? answered <= windowEnd : windowEnd <= f.now ? false : null;
  const point = r.lat === null || r.lon === null ? null : roundToGrid(Number(r.lat), Number(r.lon), f.cellM);
  return {
    report_no: String(r.report_no),
    category: r.category as string,
    unit: (r.unit as string | null) ?? null,
    channel: r.channel as string,
    status: r.status as string,
    registered_at: minuteIso(registered),
    answer_due_at: minuteIso(r.first_response_due_at as Date),
    answered_at: minuteIso(answered),
    answered_within_48h: within,
    decided_at: minuteIso((r.decided_at as Date | null) ?? null),
    decision: (r.decision as string | null) ?? null,
    open: Boolean(r.is_open),
    duplicate_of: r.duplicate_of === null ? null : String(r.duplicate_of),
    rerouted: Number(r.reroute_count) > 0,
    lat: point?.lat ?? null,
    lon: point?.lon ?? null,
    licence: f.licence,
  };
}
