import { sql, type Kysely } from 'kysely';

// Unit reports now count field results from report_field_results (202611215006_report_field_results), so the partial
// index on the event log that 202611215005 added for them only costs writes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists case_events_field_results`.execute(db);
}

export async function down(): Promise<void> {}
