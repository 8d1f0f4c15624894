import { sql, type Kysely } from 'kysely';

// One row per report and threshold that fired; the unique key makes a retried job harmless.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sla_escalations (
      id bigserial primary key,
      case_id uuid not null references cases(id),
      level text not null check (level in ('warning','breach')),
      due_at timestamptz not null,
      unit_id uuid references org_units(id),
      recipient_ids uuid[] not null default '{}',
      fired_at timestamptz not null,
      unique (case_id, level)
    );
    create index sla_escalations_fired on sla_escalations (fired_at desc);
  `.execute(db);
}

export async function down(): Promise<void> {}
