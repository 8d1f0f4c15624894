import { sql, type Kysely } from 'kysely';

// Problem categories (the Open311 services). The SLA policy of the first response lives on the
// category because every report of a category is promised the same clock.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table problem_categories (
      id serial primary key,
      code text not null unique check (code ~ '^[a-z0-9_-]{1,40}$'),
      case_type_id int not null references case_types(id),
      name jsonb not null,
      description jsonb not null default '{}',
      icon text not null default 'alert' check (icon ~ '^[a-z0-9-]{1,40}$'),
      group_code text,
      keywords text[] not null default '{}',
      fields jsonb not null default '[]',
      sla_hours int not null default 48 check (sla_hours between 1 and 8760),
      sla_clock text not null default 'calendar' check (sla_clock in ('calendar','working')),
      warn_percent int not null default 75 check (warn_percent between 1 and 99),
      resolution_days int check (resolution_days between 1 and 3650),
      sort_order int not null default 100,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(): Promise<void> {}
