/** SQL for the one row of Sistem 48 settings and the holiday calendar. */
import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db/database.ts';

export async function getSettingsRow(db: DbOrTx) {
  return db.selectFrom('sistem48_settings').selectAll().where('id', '=', true).executeTakeFirstOrThrow();
}

export async function updateSettingsRow(
  db: DbOrTx,
  patch: Partial<{
    boundary: unknown;
    dispatcher_unit_id: string | null;
    duplicate_radius_m: number;
    working_days: number[];
    working_day_start: number;
    working_day_end: number;
    intake_per_ip_per_hour: number;
    photo_max_bytes: number;
    photo_max_dimension: number;
    photo_max_count: number;
    auto_route_threshold: number;
  }>,
  now: Date,
) {
  const { boundary, ...rest } = patch;
  return db
    .updateTable('sistem48_settings')
    .set({ ...rest, ...(boundary !== undefined ? { boundary: boundary === null ? null : JSON.stringify(boundary) } : {}), updated_at: now })
    .where('id', '=', true)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Holidays from a date on, as YYYY-MM-DD strings. */
export async function holidaysFrom(db: DbOrTx, fromDay: string) {
  return db
    .selectFrom('holidays')
    .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'name'])
    .where('day', '>=', fromDay)
    .orderBy('day')
    .limit(2000)
    .execute();
}

export async function upsertHoliday(db: DbOrTx, day: string, name: string) {
  await db
    .insertInto('holidays')
    .values({ day, name })
    .onConflict((oc) => oc.column('day').doUpdateSet({ name }))
    .execute();
}

export async function deleteHoliday(db: DbOrTx, day: string) {
  return (await db.deleteFrom('holidays').where('day', '=', day).executeTakeFirst()).numDeletedRows > 0n;
}
