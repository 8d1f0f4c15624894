import { sql, type Kysely } from 'kysely';

// The audit trail records the browser (user agent) of a change made over HTTP beside its address (`ip`, which
// existed but was never filled).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log add column user_agent text`.execute(db);
}

export async function down(): Promise<void> {}
