import { sql, type Kysely } from 'kysely';

// Category → unit, optionally narrowed to an area (GeoJSON, with its bounding box for a cheap
// first test) or a list of streets (kept as search keys). Lower priority numbers are tried first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table routing_rules (
      id serial primary key,
      category_id int references problem_categories(id),
      unit_id uuid not null references org_units(id),
      area jsonb,
      min_lat double precision, max_lat double precision, min_lon double precision, max_lon double precision,
      streets text[] not null default '{}',
      street_keys text[] not null default '{}',
      priority int not null default 100,
      note text,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index routing_rules_category on routing_rules (category_id, priority, id) where active;
  `.execute(db);
}

export async function down(): Promise<void> {}
