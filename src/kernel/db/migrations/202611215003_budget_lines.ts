import { sql, type Kysely } from 'kysely';

// A unit's budget for a year: in total or for one problem category, for all costs or one kind of
// cost. Unit reports set the costs recorded on the unit's reports against these lines.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table budget_lines (
      id serial primary key,
      unit_id uuid not null references org_units(id),
      year int not null check (year between 2000 and 2100),
      category_id int references problem_categories(id),
      cost_kind text not null default 'total' check (cost_kind in ('total','labour','materials','contractor')),
      amount numeric(14,2) not null check (amount >= 0),
      note text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index budget_lines_key on budget_lines (unit_id, year, coalesce(category_id, 0), cost_kind);
  `.execute(db);
}

export async function down(): Promise<void> {}
