import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_types (
      id serial primary key,
      code text not null unique check (code ~ '^[A-Za-z0-9_-]{1,20}$'),
      name jsonb not null,
      number_pattern text not null,
      resolution_days int,
      problem_report boolean not null default false,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );

    -- One row per number series (the pattern with everything but the sequence filled in). The row
    -- is incremented inside the registering transaction, so a rolled-back registration leaves no gap.
    create table number_series (
      series_key text primary key,
      last_seq int not null
    );
  `.execute(db);
}

export async function down(): Promise<void> {}
