import { sql, type Kysely } from 'kysely';

// A unit report sums one unit's costs over a year; the existing (recorded_at, unit_id) index would read every unit's.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index report_costs_unit_recorded on report_costs (unit_id, recorded_at)`.execute(db);
}

export async function down(): Promise<void> {}
