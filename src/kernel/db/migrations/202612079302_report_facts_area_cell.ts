import { sql, type Kysely } from 'kysely';

// The dashboard's area split (issue 15) groups reports by a 1 km grid cell "row,column"; computing the
// cell (a cosine per report) for the 60,000 open reports of a large municipality took a third of a
// view. The cell is stored with each report instead: the same arithmetic as cellOf(1000) in
// src/reports/queries/dashboard.ts, in float8 as there (test/reports/rollup.test.ts compares them).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table report_facts add column area_cell text generated always as (
      case when lat is null then null else
        floor(lat / (1000::float8 / 111320::float8))::int::text || ',' ||
        floor(lon / (1000::float8 / (111320::float8 * cos(radians((floor(lat / (1000::float8 / 111320::float8)) + 0.5) * (1000::float8 / 111320::float8))))))::int::text
      end) stored;
    drop index report_facts_open_live;
    create index report_facts_open_live on report_facts (registered_at)
      include (unit_id, category_id, channel, merged, responded_at, first_response_due_at, first_response_warn_at, due_at, lat, lon, area_cell)
      where closed_at is null;
  `.execute(db);
}

export async function down(): Promise<void> {}
