import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table org_units (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('registry_office','department','public_enterprise','inspection','external_institution')),
      code text not null unique check (code ~ '^[A-Za-z0-9_-]{1,20}$'),
      name text not null,
      parent_id uuid references org_units(id),
      -- '/<uuid>/<uuid>/' from the root down: a head sees a subtree with one prefix match
      path text not null,
      head_user_id uuid,
      email text,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    create index org_units_path on org_units (path text_pattern_ops);

    create table users (
      id uuid primary key default gen_random_uuid(),
      username text,
      display_name text not null,
      password_hash text,
      role text not null check (role in ('registry_clerk','case_officer','unit_head','operator','admin','leadership','citizen')),
      unit_id uuid references org_units(id),
      party_id uuid,
      phone text,
      email text,
      locale text,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      last_login_at timestamptz
    );
    create unique index users_username on users (lower(username)) where username is not null;
    create index users_unit on users (unit_id);
    alter table org_units add constraint org_units_head foreign key (head_user_id) references users(id);
  `.execute(db);
}

export async function down(): Promise<void> {}
