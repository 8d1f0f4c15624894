import { sql, type Kysely } from 'kysely';

// Alerts: an e-mail address asks for a daily digest of new public reports in a category, on a street or in an
// area (west, south, east, north). It counts once the link e-mailed to it is opened (confirmed_at, with the
// consent text's version); covered_until is the end of the last digest's period, so each report is told once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_alerts (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      locale text not null,
      category_codes text[],
      street text,
      street_key text,
      bbox double precision[] check (bbox is null or cardinality(bbox) = 4),
      token text not null unique,
      created_at timestamptz not null,
      confirmed_at timestamptz,
      consent_text_version text,
      stopped_at timestamptz,
      covered_until timestamptz
    );
    create index report_alerts_due on report_alerts (covered_until) where confirmed_at is not null and stopped_at is null;
  `.execute(db);
}

export async function down(): Promise<void> {}
