import { sql, type Kysely } from 'kysely';

// The archive of published weekly overviews: one row per ISO week, written once and never changed,
// so the figures at /reports/weekly/2026-W47 stay what was published that week.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table weekly_overviews (
      week text primary key check (week ~ '^[0-9]{4}-W[0-9]{2}$'),
      period_start timestamptz not null,
      period_end timestamptz not null,
      schema_version int not null,
      data jsonb not null,
      generated_at timestamptz not null
    );
  `.execute(db);
}

export async function down(): Promise<void> {}
