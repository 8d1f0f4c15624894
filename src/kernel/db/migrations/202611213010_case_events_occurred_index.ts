import { sql, type Kysely } from 'kysely';

// FixMyStreet-style clients fetch the updates of a date range (GET servicerequestupdates).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index case_events_occurred on case_events (occurred_at, id) where visibility = 'public'`.execute(db);
}

export async function down(): Promise<void> {}
