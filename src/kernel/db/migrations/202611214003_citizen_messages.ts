import { sql, type Kysely } from 'kysely';

// Messages to citizens that are not about a case event: account activation, one-time codes,
// replies to their SMS, e-mails and Viber messages. A body carrying a secret is replaced by its
// redacted text once sent.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table citizen_messages (
      id uuid primary key default gen_random_uuid(),
      purpose text not null,
      channel text not null check (channel in ('sms','email','viber')),
      recipient text not null,
      party_id uuid references parties(id),
      user_id uuid references users(id) on delete set null,
      case_id uuid references cases(id),
      locale text not null,
      subject text,
      body text not null,
      redacted text,
      keyboard jsonb,
      status text not null default 'queued' check (status in ('queued','sent','failed','expired')),
      attempts int not null default 0,
      last_error text,
      provider_message_id text,
      created_at timestamptz not null,
      not_before timestamptz not null,
      expires_at timestamptz not null,
      sent_at timestamptz
    );
    create index citizen_messages_recipient on citizen_messages (channel, recipient, created_at desc);
    create index citizen_messages_user on citizen_messages (user_id, purpose, created_at desc) where user_id is not null;
  `.execute(db);
}

export async function down(): Promise<void> {}
