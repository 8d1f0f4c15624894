import { sql, type Kysely } from 'kysely';

// Costs of the work on a report, kept apart from the event log so the financial reports can sum them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_costs (
      id bigserial primary key,
      case_id uuid not null references cases(id),
      unit_id uuid references org_units(id),
      labour_hours numeric(10,2) not null default 0 check (labour_hours >= 0),
      materials numeric(14,2) not null default 0 check (materials >= 0),
      contractor numeric(14,2) not null default 0 check (contractor >= 0),
      contractor_name text,
      note text,
      recorded_by uuid references users(id),
      recorded_at timestamptz not null
    );
    create index report_costs_case on report_costs (case_id);
    create index report_costs_recorded on report_costs (recorded_at, unit_id);
  `.execute(db);
}

export async function down(): Promise<void> {}
