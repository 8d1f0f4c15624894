import { sql, type Kysely } from 'kysely';

// The reports' read model: one narrow row per problem report with every timestamp and attribute a
// figure reads (from cases, problem_reports and case_decisions). Triggers keep it in step with its
// sources in the same transaction, whatever code path changes them, so the weekly overview, the unit
// reports and the dashboard read one table through a few indexes instead of joining a million cases
// to a million reports (see bench/reports.ts). Filled here for the reports that already exist.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_facts (
      case_id uuid primary key references cases(id),
      registered_at timestamptz not null,
      closed_at timestamptz,
      due_at timestamptz,
      unit_id uuid,
      channel text not null,
      category_id int not null,
      responded_at timestamptz,
      first_response_due_at timestamptz not null,
      first_response_warn_at timestamptz not null,
      reroute_count int not null,
      merged boolean not null,
      decided_at timestamptz,
      decided_status text,
      lat double precision,
      lon double precision
    );

    create function report_facts_from_report() returns trigger language plpgsql as $$
    begin
      insert into report_facts (case_id, registered_at, closed_at, due_at, unit_id, channel, category_id, responded_at, first_response_due_at,
                                first_response_warn_at, reroute_count, merged, decided_at, decided_status, lat, lon)
      select c.id, c.registered_at, c.closed_at, c.due_at, c.unit_id, c.channel, new.category_id, new.responded_at, new.first_response_due_at,
             new.first_response_warn_at, new.reroute_count, new.merged_into is not null, d.decided_at, d.status, new.lat, new.lon
      from cases c left join case_decisions d on d.case_id = c.id
      where c.id = new.case_id
      on conflict (case_id) do update set
        category_id = excluded.category_id, responded_at = excluded.responded_at, first_response_due_at = excluded.first_response_due_at,
        first_response_warn_at = excluded.first_response_warn_at, reroute_count = excluded.reroute_count, merged = excluded.merged,
        lat = excluded.lat, lon = excluded.lon;
      return null;
    end $$;
    create trigger report_facts_report after insert or update on problem_reports
      for each row execute function report_facts_from_report();

    create function report_facts_from_case() returns trigger language plpgsql as $$
    begin
      update report_facts set registered_at = new.registered_at, closed_at = new.closed_at, due_at = new.due_at, unit_id = new.unit_id, channel = new.channel
      where case_id = new.id;
      return null;
    end $$;
    create trigger report_facts_case after update of registered_at, closed_at, due_at, unit_id, channel on cases
      for each row when (old.registered_at is distinct from new.registered_at or old.closed_at is distinct from new.closed_at
        or old.due_at is distinct from new.due_at or old.unit_id is distinct from new.unit_id or old.channel is distinct from new.channel)
      execute function report_facts_from_case();

    create function report_facts_from_decision() returns trigger language plpgsql as $$
    begin
      update report_facts set decided_at = new.decided_at, decided_status = new.status where case_id = new.case_id;
      return null;
    end $$;
    create trigger report_facts_decision after insert on case_decisions
      for each row execute function report_facts_from_decision();

    insert into report_facts
      select c.id, c.registered_at, c.closed_at, c.due_at, c.unit_id, c.channel, pr.category_id, pr.responded_at, pr.first_response_due_at,
             pr.first_response_warn_at, pr.reroute_count, pr.merged_into is not null, d.decided_at, d.status, pr.lat, pr.lon
      from problem_reports pr join cases c on c.id = pr.case_id left join case_decisions d on d.case_id = c.id;

    -- Each period figure starts from the timestamp that defines it; the open backlog at an instant
    -- from the reports still open or closed after it.
    create index report_facts_registered on report_facts (registered_at);
    create index report_facts_unit_registered on report_facts (unit_id, registered_at);
    create index report_facts_closed on report_facts (closed_at) include (registered_at) where closed_at is not null;
    create index report_facts_unit_closed on report_facts (unit_id, closed_at) include (registered_at) where closed_at is not null;
    create index report_facts_open on report_facts (registered_at) include (unit_id) where closed_at is null;
    create index report_facts_due on report_facts (first_response_due_at);
    create index report_facts_geo on report_facts (registered_at) include (category_id, lat, lon) where not merged and lat is not null;
  `.execute(db);
}

export async function down(): Promise<void> {}
