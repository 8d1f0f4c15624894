import { sql, type Kysely } from 'kysely';

// Versioned message templates. A save inserts the next version; nothing is updated in place, so
// every message can name the exact text it was rendered from. Without any row the built-in default
// (version 0) applies.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification_templates (
      id bigserial primary key,
      kind text not null,
      channel text not null check (channel in ('sms','email_subject','email_body','viber')),
      locale text not null check (locale in ('sr-Latn','sr-Cyrl','bs','hr','cnr','sl','en')),
      version int not null check (version >= 1),
      body text not null,
      created_by uuid references users(id),
      created_by_name text not null,
      created_at timestamptz not null default now(),
      unique (kind, channel, locale, version)
    );
  `.execute(db);
}

export async function down(): Promise<void> {}
