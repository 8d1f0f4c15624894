import { sql, type Kysely } from 'kysely';

// Indexes the reports need at a million reports (see bench/reports.ts and the EXPLAIN notes there):
// each period figure starts from the timestamp that defines it, and the open backlog at an instant
// from the cases still open or closed after it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index problem_reports_responded on problem_reports (responded_at) where responded_at is not null;
    create index problem_reports_due on problem_reports (first_response_due_at);
    create index problem_reports_created_geo on problem_reports (created_at) include (category_id, lat, lon) where merged_into is null and lat is not null;
    create index cases_unit_registered on cases (unit_id, registered_at);
    create index cases_unit_closed on cases (unit_id, closed_at) include (registered_at) where closed_at is not null;
    create index cases_closed on cases (closed_at) include (registered_at) where closed_at is not null;
    create index cases_open_registered on cases (registered_at) include (unit_id) where closed_at is null;
    create index case_events_field_results on case_events (occurred_at) where type = 'case.field_result';
  `.execute(db);
}

export async function down(): Promise<void> {}
