/** SQL for the public map's helpers: the street names Glas knows and the addresses of earlier reports. */
import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db/database.ts';

/** Every street name listed in an active routing rule, once each. */
export async function routingRuleStreets(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectFrom('routing_rules').select(sql<string>`unnest(streets)`.as('street')).where('active', '=', true).distinct().execute();
  return rows.map((r) => r.street);
}

// Only the newest reports are searched (walking the report_no index backwards), so one keystroke
// costs the same on a municipality with a million reports as on a new one.
const RECENT_REPORTS = 50_000;

/**
 * Addresses of earlier reports whose search key has a word starting with `key` (already a street
 * key: letters, digits and single spaces, so it holds no LIKE wildcards), with the mean position
 * of the located ones. Addresses are public already: the public list and map show them.
 */
export async function reportAddresses(db: DbOrTx, key: string, limit: number) {
  const recent = db
    .selectFrom('problem_reports')
    .select(['address', 'address_key', 'lat', 'lon'])
    .where('address_key', 'is not', null)
    .where('address_key', '<>', '')
    .orderBy('report_no', 'desc')
    .limit(RECENT_REPORTS)
    .as('r');
  return db
    .selectFrom(recent)
    .select([
      sql<string>`min(r.address)`.as('address'),
      'r.address_key',
      sql<number | null>`avg(r.lat)`.as('lat'),
      sql<number | null>`avg(r.lon)`.as('lon'),
      sql<number>`count(*)::int`.as('reports'),
    ])
    .where((eb) => eb.or([eb('r.address_key', 'like', `${key}%`), eb('r.address_key', 'like', `% ${key}%`)]))
    .groupBy('r.address_key')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('r.address_key')
    .limit(limit)
    .execute();
}

/** The units that routing rules (or the dispatcher setting) send reports to: the public list's unit filter. */
export async function routedUnits(db: DbOrTx, dispatcherUnitId: string | null) {
  return db
    .selectFrom('org_units')
    .select(['id', 'name'])
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        eb('id', 'in', eb.selectFrom('routing_rules').select('unit_id').where('active', '=', true)),
        ...(dispatcherUnitId ? [eb('id', '=', dispatcherUnitId)] : []),
      ]),
    )
    .orderBy('name')
    .execute();
}
