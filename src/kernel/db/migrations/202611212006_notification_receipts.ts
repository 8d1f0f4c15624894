import { sql, type Kysely } from 'kysely';

// Every delivery report as received. A receipt can arrive before the send has recorded the
// provider's id; it is then kept with message_id null and matched when the id is recorded.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification_receipts (
      id bigserial primary key,
      channel text not null check (channel in ('sms','email','viber')),
      provider_message_id text not null,
      message_id uuid references notification_messages(id),
      status text not null check (status in ('delivered','failed','expired','seen')),
      detail text,
      reported_at timestamptz not null,
      received_at timestamptz not null default now()
    );
    create index notification_receipts_unmatched on notification_receipts (channel, provider_message_id) where message_id is null;
    create index notification_receipts_message on notification_receipts (message_id) where message_id is not null;
  `.execute(db);
}

export async function down(): Promise<void> {}
