import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table cases (
      id uuid primary key default gen_random_uuid(),
      number text not null unique,
      case_type_id int not null references case_types(id),
      subject text not null,
      description text not null default '',
      channel text not null check (channel in ('counter','web','phone','sms','email','viber','post','api')),
      classification_code text,
      tracking_code text not null unique,
      status text not null check (status in ('received','delivered','accepted','in_progress','awaiting_opinion','incomplete','approved','rejected','dismissed','suspended','resolved','appeal_received','returned_to_registry','archived')),
      is_open boolean generated always as (status not in ('approved','rejected','dismissed','suspended','resolved','archived')) stored,
      status_changed_at timestamptz not null,
      registry_unit_id uuid references org_units(id),
      unit_id uuid references org_units(id),
      clerk_id uuid references users(id),
      awaiting_unit_id uuid references org_units(id),
      registered_by uuid references users(id),
      registered_at timestamptz not null,
      due_at timestamptz,
      closed_at timestamptz,
      external_system text,
      external_id text,
      search_key text not null,
      last_event_seq int not null default 0,
      last_event_hash text not null,
      updated_at timestamptz not null default now()
    );
    create index cases_unit_queue on cases (unit_id, due_at, id) where is_open;
    create index cases_clerk_queue on cases (clerk_id, due_at, id) where is_open;
    create index cases_registry on cases (registry_unit_id, registered_at desc, id);
    create index cases_registered on cases (registered_at desc, id);
    create index cases_status on cases (status, registered_at desc);
    create index cases_search on cases using gin (search_key gin_trgm_ops);
    create unique index cases_external on cases (external_system, external_id) where external_id is not null;

    create table case_parties (
      case_id uuid not null references cases(id),
      party_id uuid not null references parties(id),
      role text not null check (role in ('applicant','co_applicant','representative','reporter','opposing')),
      primary key (case_id, party_id, role)
    );
    create index case_parties_party on case_parties (party_id);
  `.execute(db);
}

export async function down(): Promise<void> {}
