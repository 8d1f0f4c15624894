import { sql, type Kysely } from 'kysely';

// Field results by the unit that held the report when the result was recorded, so a unit report
// counts its field work through one index instead of the event log. Kept by the reports module's
// outbox writer in the transaction of each case.field_result event; filled here from the log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_field_results (
      event_id bigint primary key,
      case_id uuid not null references cases(id),
      unit_id uuid references org_units(id),
      occurred_at timestamptz not null
    );
    insert into report_field_results
      select e.id, e.case_id, c.unit_id, e.occurred_at from case_events e join cases c on c.id = e.case_id where e.type = 'case.field_result';
    create index report_field_results_unit on report_field_results (unit_id, occurred_at);
  `.execute(db);
}

export async function down(): Promise<void> {}
