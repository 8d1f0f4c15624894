import { sql, type Kysely } from 'kysely';

// Consent is a record, and so is its withdrawal: append-only, the latest record per party and
// channel is the one in force, and every message names the record it was sent under.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification_consents (
      id bigserial primary key,
      party_id uuid not null references parties(id),
      channel text not null check (channel in ('sms','email','viber')),
      action text not null check (action in ('given','withdrawn')),
      method text not null check (method in ('counter_signed','written_application','portal','viber_subscription','viber_unsubscribed')),
      address text,
      text_version text,
      document_ref text,
      recorded_by uuid references users(id),
      recorded_by_name text not null,
      at timestamptz not null,
      created_at timestamptz not null default now()
    );
    create index notification_consents_current on notification_consents (party_id, channel, id desc);

    create function notification_consents_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'notification_consents is append-only';
    end $$;
    create trigger notification_consents_no_update before update or delete on notification_consents
      for each row execute function notification_consents_append_only();
  `.execute(db);
}

export async function down(): Promise<void> {}
