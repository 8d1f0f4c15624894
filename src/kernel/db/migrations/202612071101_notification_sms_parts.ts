import { sql, type Kysely } from 'kysely';

// The parts of a multipart SMS the SMS centre accepted, one row per part. A retry after a refused
// part (ESME_RTHROTTLED on part 2 of 3) submits only the parts not here, under the same concatenation
// reference and total, instead of the whole message again under a new reference; and each part's
// delivery receipt is matched to its message through its SMSC message id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification_sms_parts (
      message_id uuid not null references notification_messages(id) on delete cascade,
      part smallint not null,
      total smallint not null,
      reference integer not null check (reference between 0 and 65535),
      provider_message_id text not null,
      accepted_at timestamptz not null,
      primary key (message_id, part),
      check (total between 2 and 255 and part between 1 and total)
    );
    create index notification_sms_parts_provider on notification_sms_parts (provider_message_id);
  `.execute(db);
}

export async function down(): Promise<void> {}
