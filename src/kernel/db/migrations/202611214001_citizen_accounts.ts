import { sql, type Kysely } from 'kysely';

// Citizen accounts are users with role 'citizen', found by their mobile number (or e-mail). A
// verified timestamp says the citizen proved the contact (a one-time code or link reached them).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users add column phone_verified_at timestamptz, add column email_verified_at timestamptz;
    create unique index users_citizen_phone on users (phone) where role = 'citizen' and phone is not null;
    create unique index users_citizen_email on users (email) where role = 'citizen' and email is not null;
    create index users_citizen_party on users (party_id) where role = 'citizen';
  `.execute(db);
}

export async function down(): Promise<void> {}
