import { sql, type Kysely } from 'kysely';

// An installation's own wording of the catalogue's messages (issue 13): each save of a message in one
// language is a new version, kept like notification templates; the latest version is in force, and one
// whose text is null gives the message back to the shipped file (locales/<locale>.json).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table message_overrides (
      id uuid primary key default gen_random_uuid(),
      key text not null,
      locale text not null check (locale in ('sr-Latn', 'sr-Cyrl', 'bs', 'hr', 'cnr', 'sl', 'en')),
      version integer not null check (version > 0),
      text text,
      created_by uuid references users(id) on delete set null,
      created_by_name text not null,
      created_at timestamptz not null default now(),
      unique (key, locale, version)
    );
  `.execute(db);
}

export async function down(): Promise<void> {}
