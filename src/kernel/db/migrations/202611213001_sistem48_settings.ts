import { sql, type Kysely } from 'kysely';

// One row of Sistem 48 settings the administrator edits at run time (boundary, dispatcher,
// duplicate radius, working hours, intake limits), so they need no restart and leave an audit trail.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sistem48_settings (
      id boolean primary key default true check (id),
      boundary jsonb,
      dispatcher_unit_id uuid references org_units(id),
      duplicate_radius_m int not null default 50 check (duplicate_radius_m between 1 and 5000),
      working_days int[] not null default '{1,2,3,4,5}',
      working_day_start int not null default 420 check (working_day_start between 0 and 1439),
      working_day_end int not null default 900 check (working_day_end between 1 and 1440),
      intake_per_ip_per_hour int not null default 30 check (intake_per_ip_per_hour between 1 and 100000),
      photo_max_bytes int not null default 10485760 check (photo_max_bytes > 0),
      photo_max_dimension int not null default 1600 check (photo_max_dimension between 200 and 8000),
      photo_max_count int not null default 3 check (photo_max_count between 0 and 10),
      updated_at timestamptz not null default now(),
      check (working_day_end > working_day_start)
    );
    insert into sistem48_settings (id) values (true);
  `.execute(db);
}

export async function down(): Promise<void> {}
