import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table parties (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('person','legal_entity')),
      name text not null,
      id_number text,
      phone text,
      email text,
      address text,
      locale text,
      search_key text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index parties_phone on parties (phone) where phone is not null;
    create index parties_id_number on parties (id_number) where id_number is not null;
    create index parties_search on parties using gin (search_key gin_trgm_ops);
    alter table users add constraint users_party foreign key (party_id) references parties(id);
  `.execute(db);
}

export async function down(): Promise<void> {}
