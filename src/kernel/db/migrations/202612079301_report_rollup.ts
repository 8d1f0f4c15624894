import { sql, type Kysely } from 'kysely';

// The dashboard's roll-up (issue 15): per UTC day and per UTC month, for the whole municipality,
// per unit, category, channel and area, and per pair of unit, category and channel, the counts behind the period figures and histograms of the
// two durations (src/reports/domain/duration-bins.ts), so that a year's view reads a few thousand
// rows instead of a million reports. It is computed by the reports:rollup task from report_facts with
// the same definitions as the figures read at request time (queries/figures.ts).
//
// report_rollup_changes lists the days and months whose roll-up no longer matches report_facts: a
// trigger appends the UTC day and month of every instant a changed report has (before and after the
// change). It is append-only, without a unique key, so a registration never waits on another's
// uncommitted mark; the task deletes a bucket's marks in the transaction that recomputes it, and a
// view reads every bucket that still has a mark from report_facts itself.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_rollup (
      level char(1) not null check (level in ('d', 'm')),
      bucket date not null,
      -- 'all', 'unit', 'category', 'channel', 'area', or a pair for a view filtered by one and split by the other ('unit.category': key "unit|category").
      dim text not null,
      key text not null,
      received int not null,
      due_sla int not null,
      answered_sla int not null,
      fr_n int not null,
      res_n int not null,
      fr_bins int[] not null,
      fr_counts int[] not null,
      res_bins int[] not null,
      res_counts int[] not null,
      primary key (level, dim, bucket, key)
    );

    create table report_rollup_changes (
      level char(1) not null,
      bucket date not null
    );
    create index report_rollup_changes_bucket on report_rollup_changes (level, bucket);

    create function report_rollup_mark() returns trigger language plpgsql as $$
    declare
      instants timestamptz[] := '{}';
    begin
      if tg_op <> 'INSERT' then
        instants := instants || array[old.registered_at, old.first_response_due_at, old.responded_at, old.decided_at];
      end if;
      if tg_op <> 'DELETE' then
        instants := instants || array[new.registered_at, new.first_response_due_at, new.responded_at, new.decided_at];
      end if;
      insert into report_rollup_changes (level, bucket)
      select distinct x.level, x.bucket
      from unnest(instants) t(at)
      cross join lateral (values ('d', (t.at at time zone 'UTC')::date), ('m', date_trunc('month', t.at at time zone 'UTC')::date)) x(level, bucket)
      where t.at is not null;
      return null;
    end $$;
    create trigger report_rollup_insert after insert or delete on report_facts
      for each row execute function report_rollup_mark();
    create trigger report_rollup_update after update on report_facts
      for each row when (old.registered_at is distinct from new.registered_at or old.first_response_due_at is distinct from new.first_response_due_at
        or old.responded_at is distinct from new.responded_at or old.decided_at is distinct from new.decided_at
        or old.unit_id is distinct from new.unit_id or old.category_id is distinct from new.category_id or old.channel is distinct from new.channel
        or old.merged is distinct from new.merged or old.lat is distinct from new.lat or old.lon is distinct from new.lon)
      execute function report_rollup_mark();

    -- Every bucket that holds a report now is still to be computed (the task does it, oldest first).
    insert into report_rollup_changes (level, bucket)
    select distinct x.level, x.bucket
    from report_facts f
    cross join lateral unnest(array[f.registered_at, f.first_response_due_at, f.responded_at, f.decided_at]) t(at)
    cross join lateral (values ('d', (t.at at time zone 'UTC')::date), ('m', date_trunc('month', t.at at time zone 'UTC')::date)) x(level, bucket)
    where t.at is not null;
  `.execute(db);
}

export async function down(): Promise<void> {}
