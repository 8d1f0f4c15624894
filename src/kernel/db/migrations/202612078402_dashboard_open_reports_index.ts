import { sql, type Kysely } from 'kysely';

// The dashboard's "now" figures (open, late, backlog by age, late reports' places) read every open
// report; an index holding what they test answers them without visiting the table (index-only).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index report_facts_open_live on report_facts (registered_at)
      include (unit_id, category_id, channel, merged, responded_at, first_response_due_at, first_response_warn_at, due_at, lat, lon)
      where closed_at is null;
  `.execute(db);
}

export async function down(): Promise<void> {}
