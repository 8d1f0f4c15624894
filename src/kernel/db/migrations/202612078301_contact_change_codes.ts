import { sql, type Kysely } from 'kysely';

// A citizen who changes their phone or e-mail in the portal proves the new one with a one-time code sent to it
// (purpose 'contact_change'); until then the party keeps its old contact and nothing else goes to the new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table citizen_codes drop constraint if exists citizen_codes_purpose_check;
    alter table citizen_codes add constraint citizen_codes_purpose_check
      check (purpose in ('activation','sign_in','sign_up','email_link','viber_link','contact_change'));
    create index citizen_codes_user_pending on citizen_codes (user_id, purpose, created_at desc) where used_at is null;
  `.execute(db);
}

export async function down(): Promise<void> {}
