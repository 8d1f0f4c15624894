import { sql, type Kysely } from 'kysely';

// How a party wants to be told: channel order, all events or key events only, language and script,
// quiet hours (minutes after local midnight), and the Viber user id (phone and e-mail live on parties).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table party_notification_preferences (
      party_id uuid primary key references parties(id),
      viber_user_id text unique,
      channel_order text[] not null default '{viber,sms,email}',
      scope text not null default 'all' check (scope in ('all','key')),
      locale text check (locale in ('sr-Latn','sr-Cyrl','bs','hr','cnr','sl','en')),
      quiet_from smallint check (quiet_from between 0 and 1439),
      quiet_to smallint check (quiet_to between 0 and 1439),
      unsubscribe_token text not null unique,
      updated_at timestamptz not null default now(),
      check ((quiet_from is null) = (quiet_to is null)),
      check (channel_order <@ array['viber','sms','email'])
    );
  `.execute(db);
}

export async function down(): Promise<void> {}
