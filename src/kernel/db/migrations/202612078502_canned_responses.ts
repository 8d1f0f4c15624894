import { sql, type Kysely } from 'kysely';

// Canned responses: answer templates a clerk picks in the answer panel and edits before sending. Each has a
// title and a text per language; it belongs to one unit (kept by that unit's head) or to the whole
// municipality (unit_id null, kept by administrators), and may be limited to one category and one status.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table canned_responses (
      id uuid primary key default gen_random_uuid(),
      unit_id uuid references org_units(id),
      category_id int references problem_categories(id),
      status text,
      title jsonb not null,
      body jsonb not null,
      active boolean not null default true,
      created_by uuid references users(id),
      updated_at timestamptz not null default now()
    );
    create index canned_responses_unit on canned_responses (unit_id);
  `.execute(db);
}

export async function down(): Promise<void> {}
