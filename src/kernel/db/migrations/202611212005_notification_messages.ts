import { sql, type Kysely } from 'kysely';

// One row per event, recipient and channel (the unique key makes a second insert a no-op). The
// rendered text, template versions and the consent in force are kept with it as proof of notice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification_messages (
      id uuid primary key default gen_random_uuid(),
      event_id bigint not null references case_events(id),
      case_id uuid not null references cases(id),
      party_id uuid not null references parties(id),
      channel text not null check (channel in ('sms','email','viber')),
      kind text not null,
      level text not null check (level in ('notifiable','key')),
      recipient text not null,
      locale text not null,
      subject text,
      body text not null,
      template_versions jsonb not null,
      consent_id bigint not null references notification_consents(id),
      sms_encoding text,
      sms_parts int,
      status text not null default 'queued'
        check (status in ('queued','sending','sent','delivered','failed_temporary','failed_permanent','expired')),
      status_at timestamptz not null,
      attempts int not null default 0,
      not_before timestamptz not null,
      expires_at timestamptz not null,
      provider_message_id text,
      last_error text,
      fallback_of uuid references notification_messages(id),
      fallback_reason text,
      next_channels text[] not null default '{}',
      created_at timestamptz not null,
      sent_at timestamptz,
      delivered_at timestamptz,
      seen_at timestamptz,
      failed_at timestamptz,
      unique (event_id, party_id, channel)
    );
    create index notification_messages_provider on notification_messages (channel, provider_message_id) where provider_message_id is not null;
    create index notification_messages_case on notification_messages (case_id, created_at);
    create index notification_messages_party on notification_messages (party_id, created_at desc);
    create index notification_messages_pending on notification_messages (status_at) where status in ('queued','sending','failed_temporary');
  `.execute(db);
}

export async function down(): Promise<void> {}
