/** SQL for the archive of weekly overviews. */
import type { DbOrTx } from '../../kernel/db/database.ts';
import type { WeeklyOverview } from '../domain/overview.ts';

/** Stores an overview unless its week is already archived; true when this call stored it. */
export async function insertOverview(db: DbOrTx, o: WeeklyOverview, start: Date, end: Date): Promise<boolean> {
  const r = await db
    .insertInto('weekly_overviews')
    .values({
      week: o.week,
      period_start: start,
      period_end: end,
      schema_version: o.version,
      data: JSON.stringify(o),
      generated_at: new Date(o.generatedAt),
    })
    .onConflict((oc) => oc.column('week').doNothing())
    .returning('week')
    .executeTakeFirst();
  return r !== undefined;
}

export async function findOverview(db: DbOrTx, week: string): Promise<WeeklyOverview | undefined> {
  const r = await db.selectFrom('weekly_overviews').select('data').where('week', '=', week).executeTakeFirst();
  return r?.data as WeeklyOverview | undefined;
}

export async function latestOverview(db: DbOrTx): Promise<WeeklyOverview | undefined> {
  const r = await db.selectFrom('weekly_overviews').select('data').orderBy('period_start', 'desc').limit(1).executeTakeFirst();
  return r?.data as WeeklyOverview | undefined;
}

export async function overviewsOf(db: DbOrTx, weeks: string[]): Promise<WeeklyOverview[]> {
  if (!weeks.length) return [];
  const rows = await db.selectFrom('weekly_overviews').select('data').where('week', 'in', weeks).execute();
  return rows.map((r) => r.data as WeeklyOverview);
}

/** Every archived week, newest first, with its period. */
export async function archivedWeeks(db: DbOrTx, limit: number) {
  return db
    .selectFrom('weekly_overviews')
    .select(['week', 'period_start', 'period_end', 'generated_at'])
    .orderBy('period_start', 'desc')
    .limit(limit)
    .execute();
}

/** All archived overviews in week order (the open-data series of headline figures). */
export async function allOverviews(db: DbOrTx): Promise<WeeklyOverview[]> {
  const rows = await db.selectFrom('weekly_overviews').select('data').orderBy('period_start').execute();
  return rows.map((r) => r.data as WeeklyOverview);
}
