import { sql, type Kysely } from 'kysely';

// What a problem report adds to its case: where, what kind, the category's extra fields, how it
// was routed, and its first-response clock. report_no is the short public id (Open311 service_request_id).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table problem_reports (
      case_id uuid primary key references cases(id),
      report_no bigint generated always as identity unique,
      category_id int not null references problem_categories(id),
      lat double precision,
      lon double precision,
      address text,
      address_key text,
      location_source text not null check (location_source in ('given','photo','address')),
      field_values jsonb not null default '{}',
      routing_rule_id int references routing_rules(id),
      routed_by text not null check (routed_by in ('rule','fallback','none')),
      reroute_count int not null default 0,
      contact_consent boolean not null default false,
      merged_into uuid references cases(id),
      sla_hours int not null,
      sla_clock text not null,
      first_response_due_at timestamptz not null,
      first_response_warn_at timestamptz not null,
      responded_at timestamptz,
      planned_resolution_at timestamptz,
      external_client text,
      media_url text,
      created_at timestamptz not null default now(),
      check ((lat is null) = (lon is null))
    );
    create index problem_reports_near on problem_reports using gist (ll_to_earth(lat, lon)) where lat is not null;
    create index problem_reports_category on problem_reports (category_id, created_at desc);
    create index problem_reports_unanswered on problem_reports (first_response_due_at) where responded_at is null;
    create index problem_reports_merged on problem_reports (merged_into) where merged_into is not null;
  `.execute(db);
}

export async function down(): Promise<void> {}
