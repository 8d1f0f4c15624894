import { sql, type Kysely } from 'kysely';

// One-time codes (6 digits by SMS) and links (long tokens by SMS or e-mail): only a salted hash is
// kept; each is single-use, expires, and counts its wrong attempts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table citizen_codes (
      id uuid primary key default gen_random_uuid(),
      purpose text not null check (purpose in ('activation','sign_in','sign_up','email_link','viber_link')),
      target text not null,
      user_id uuid references users(id) on delete cascade,
      code_hash text not null,
      salt text not null,
      data jsonb not null default '{}',
      attempts int not null default 0,
      max_attempts int not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index citizen_codes_target on citizen_codes (purpose, target, created_at desc);
    create unique index citizen_codes_link on citizen_codes (code_hash) where salt = '';
  `.execute(db);
}

export async function down(): Promise<void> {}
