import { sql, type Kysely } from 'kysely';

// Every message that came in (SMS, e-mail, Viber) with what was done with it: the log of refusals,
// the de-duplication of provider retries and replays, and the per-sender rate. No message text is
// kept here; what a message said lives in the case it became.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inbound_messages (
      id uuid primary key default gen_random_uuid(),
      channel text not null check (channel in ('sms','email','viber')),
      sender text not null,
      external_id text,
      received_at timestamptz not null,
      outcome text not null,
      detail text,
      size_bytes int,
      case_id uuid references cases(id)
    );
    create unique index inbound_messages_dedupe on inbound_messages (channel, external_id) where external_id is not null;
    create index inbound_messages_sender on inbound_messages (channel, sender, received_at desc);
  `.execute(db);
}

export async function down(): Promise<void> {}
