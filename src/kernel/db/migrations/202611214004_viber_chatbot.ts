import { sql, type Kysely } from 'kysely';

// The Viber chatbot: link tokens (from the portal or the receipt) that tie a Viber user to a
// party, and what the bot remembers of each Viber user (language, a phone waiting for its code).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table viber_link_tokens (
      token_hash text primary key,
      party_id uuid not null references parties(id),
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      used_by text
    );
    create table viber_bot_users (
      viber_user_id text primary key,
      locale text,
      pending_phone text,
      pending_until timestamptz,
      first_seen_at timestamptz not null,
      last_seen_at timestamptz not null
    );
  `.execute(db);
}

export async function down(): Promise<void> {}
