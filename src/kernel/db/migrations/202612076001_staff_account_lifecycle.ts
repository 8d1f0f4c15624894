import { sql, type Kysely } from 'kysely';

// One-time password reset links for staff. Only the SHA-256 of the link's token is kept (like sessions and
// API tokens); a link is used once (used_at) and expires; issuing a new one for a user voids the older ones.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table password_resets (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id),
      token_hash text not null unique,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index password_resets_user on password_resets (user_id) where used_at is null;
  `.execute(db);
}

export async function down(): Promise<void> {}
