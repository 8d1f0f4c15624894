import { sql, type Kysely } from 'kysely';

// Unit reports count the field results recorded in a period; without this they scan the event log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index case_events_field_results on case_events (occurred_at) where type = 'case.field_result'`.execute(db);
}

export async function down(): Promise<void> {}
