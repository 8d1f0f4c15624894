import { sql, type Kysely } from 'kysely';

// The costs of each UTC day per unit (issue 15): the dashboard sets a year's spending against the
// budget lines, and summing a year of recorded costs (300,000 rows in the benchmark) took longer than
// the rest of a view. Kept exactly by a trigger on report_costs (the sums are additive; costs are
// recorded by hand, a few at a time, so one row per day and unit is no point of contention).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_cost_days (
      day date not null,
      unit_id uuid not null,
      labour_hours numeric not null,
      materials numeric not null,
      contractor numeric not null,
      primary key (day, unit_id)
    );

    create function report_cost_days_keep() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' and old.unit_id is not null then
        update report_cost_days set labour_hours = labour_hours - old.labour_hours, materials = materials - old.materials, contractor = contractor - old.contractor
        where day = (old.recorded_at at time zone 'UTC')::date and unit_id = old.unit_id;
      end if;
      if tg_op <> 'DELETE' and new.unit_id is not null then
        insert into report_cost_days (day, unit_id, labour_hours, materials, contractor)
        values ((new.recorded_at at time zone 'UTC')::date, new.unit_id, new.labour_hours, new.materials, new.contractor)
        on conflict (day, unit_id) do update set labour_hours = report_cost_days.labour_hours + excluded.labour_hours,
          materials = report_cost_days.materials + excluded.materials, contractor = report_cost_days.contractor + excluded.contractor;
      end if;
      return null;
    end $$;
    create trigger report_cost_days_keep after insert or update or delete on report_costs
      for each row execute function report_cost_days_keep();

    insert into report_cost_days (day, unit_id, labour_hours, materials, contractor)
    select (recorded_at at time zone 'UTC')::date, unit_id, sum(labour_hours), sum(materials), sum(contractor)
    from report_costs where unit_id is not null group by 1, 2;
  `.execute(db);
}

export async function down(): Promise<void> {}
