import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table event_types (
      code text primary key,
      default_visibility text not null check (default_visibility in ('public','internal')),
      description text not null
    );

    create table case_events (
      id bigserial primary key,
      case_id uuid not null references cases(id),
      seq int not null,
      type text not null references event_types(code),
      actor_id uuid references users(id),
      actor_name text not null,
      actor_role text,
      occurred_at timestamptz not null,
      visibility text not null check (visibility in ('public','internal')),
      data jsonb not null default '{}',
      note text,
      prev_hash text not null,
      hash text not null,
      unique (case_id, seq)
    );

    -- The log is append-only: history shown to anyone is read from here, so nothing may rewrite it.
    create function case_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'case_events is append-only';
    end $$;
    create trigger case_events_no_update before update or delete on case_events
      for each row execute function case_events_append_only();
    create trigger case_events_no_truncate before truncate on case_events
      for each statement execute function case_events_append_only();
  `.execute(db);
}

export async function down(): Promise<void> {}
