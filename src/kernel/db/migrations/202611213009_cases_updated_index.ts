import { sql, type Kysely } from 'kysely';

// Open311 clients poll with updated_after/updated_before; without this they scan every case.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index cases_updated on cases (updated_at, id)`.execute(db);
}

export async function down(): Promise<void> {}
