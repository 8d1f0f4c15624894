import { sql, type Kysely } from 'kysely';

// The dashboard (issue 15) finds the reports behind a period's figures by four instants: registered,
// first-answer deadline (report_facts_due), answered and decided. The last two had no index, so a
// period's times to first answer and to resolution read every report. Its costs against the budget
// sum a year of costs by unit: an index holding the amounts answers that without the table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index report_facts_responded on report_facts (responded_at) where responded_at is not null;
    create index report_facts_decided on report_facts (decided_at) where decided_at is not null;
    create index report_costs_recorded_amounts on report_costs (recorded_at) include (unit_id, case_id, labour_hours, materials, contractor);
  `.execute(db);
}

export async function down(): Promise<void> {}
