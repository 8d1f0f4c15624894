import { sql, type Kysely } from 'kysely';

// pg_trgm powers the diacritic- and script-insensitive search; the others serve map features.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists cube`.execute(db);
  await sql`create extension if not exists earthdistance`.execute(db);
}

export async function down(): Promise<void> {}
