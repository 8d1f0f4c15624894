import { sql, type Kysely } from 'kysely';

// A problem report written to the Viber chatbot waits here for the citizen's "File the report" button,
// so a greeting or a thank-you is never filed as a report by itself (one per Viber user, for an hour).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table viber_bot_users add column pending_report text, add column pending_report_until timestamptz;
  `.execute(db);
}
