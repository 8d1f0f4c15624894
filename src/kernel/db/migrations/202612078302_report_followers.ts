import { sql, type Kysely } from 'kysely';

// Anyone may follow a public problem report (told of its public updates) or add their "me too" (a support count),
// by a mobile number or an e-mail address proven with a one-time code. One row per report and contact: a contact
// counts once, and only once proven. The consent to be told (its text version and time) is kept on the row; a
// stop token (only its hash is kept... no: it is random and unguessable, and only ends following) ends it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_followers (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id),
      channel text not null check (channel in ('sms', 'email')),
      address text not null,
      locale text not null,
      wants_updates boolean not null default false,
      supports boolean not null default false,
      requested jsonb not null default '{}',
      code_hash text not null,
      salt text not null,
      attempts integer not null default 0,
      created_at timestamptz not null,
      code_expires_at timestamptz not null,
      verified_at timestamptz,
      consent_text_version text,
      consent_at timestamptz,
      stopped_at timestamptz,
      stop_token text not null unique,
      unique (case_id, channel, address)
    );
    create index report_followers_told on report_followers (case_id) where verified_at is not null and wants_updates and stopped_at is null;
    create index report_followers_support on report_followers (case_id) where verified_at is not null and supports;
  `.execute(db);
}

export async function down(): Promise<void> {}
