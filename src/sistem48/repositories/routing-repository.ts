/** SQL for routing rules and the routing statistics. */
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../kernel/db/database.ts';

export interface RuleValues {
  category_id: number | null;
  unit_id: string;
  area: unknown | null;
  min_lat: number | null;
  max_lat: number | null;
  min_lon: number | null;
  max_lon: number | null;
  streets: string[];
  street_keys: string[];
  priority: number;
  note: string | null;
  active: boolean;
}

const withJson = (v: Partial<RuleValues>) => ({ ...v, ...(v.area !== undefined ? { area: v.area === null ? null : JSON.stringify(v.area) } : {}) });

/**
 * Which rules may route a report of a category (its own and the catch-all ones), and the order routing
 * tries them in: one definition for listRules and for the read that files a report (filing-repository.ts).
 */
export const ruleAppliesTo = (categoryId: number | RawBuilder<unknown>) =>
  sql<boolean>`(routing_rules.category_id = ${categoryId} or routing_rules.category_id is null)`;
export const RULE_ORDER = sql`routing_rules.priority, routing_rules.id`;

export async function listRules(db: DbOrTx, f: { categoryId?: number; activeOnly: boolean }) {
  let q = db
    .selectFrom('routing_rules')
    .leftJoin('org_units', 'org_units.id', 'routing_rules.unit_id')
    .selectAll('routing_rules')
    .select('org_units.name as unit_name');
  if (f.activeOnly) q = q.where('routing_rules.active', '=', true);
  if (f.categoryId !== undefined) q = q.where(ruleAppliesTo(f.categoryId));
  return q.orderBy(RULE_ORDER).execute();
}

export async function findRule(db: DbOrTx, id: number) {
  return db.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRule(db: DbOrTx, v: RuleValues) {
  return db
    .insertInto('routing_rules')
    .values(withJson(v) as RuleValues & { area: string | null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateRule(db: DbOrTx, id: number, patch: Partial<RuleValues>, now: Date) {
  return db
    .updateTable('routing_rules')
    .set({ ...withJson(patch), updated_at: now } as Record<string, unknown>)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Per category: reports filed, how many were re-routed at least once, and re-routings in all, most re-routed first. */
export async function routingStats(db: DbOrTx, f: { from?: Date; to?: Date }) {
  let q = db
    .selectFrom('problem_reports')
    .innerJoin('problem_categories', 'problem_categories.id', 'problem_reports.category_id')
    .select([
      'problem_categories.id as category_id',
      'problem_categories.code',
      'problem_categories.name',
      sql<number>`count(*)::int`.as('reports'),
      sql<number>`count(*) filter (where problem_reports.reroute_count > 0)::int`.as('rerouted_reports'),
      sql<number>`coalesce(sum(problem_reports.reroute_count), 0)::int`.as('reroutes'),
      sql<number>`count(*) filter (where problem_reports.routed_by = 'fallback')::int`.as('fallback_reports'),
    ])
    .groupBy(['problem_categories.id', 'problem_categories.code', 'problem_categories.name']);
  if (f.from) q = q.where('problem_reports.created_at', '>=', f.from);
  if (f.to) q = q.where('problem_reports.created_at', '<', f.to);
  return q.orderBy(sql`count(*) filter (where problem_reports.reroute_count > 0)::float / count(*)`, 'desc').orderBy('problem_categories.code').execute();
}

/** The most frequent re-routings (from which unit to which), read from the event log. */
export async function rerouteFlows(db: DbOrTx, f: { from?: Date; to?: Date; limit: number }) {
  let q = db
    .selectFrom('case_events')
    .select([
      sql<string | null>`case_events.data->>'fromUnitName'`.as('from_unit'),
      sql<string | null>`case_events.data->>'unitName'`.as('to_unit'),
      sql<string | null>`case_events.data->>'categoryCode'`.as('category_code'),
      sql<number>`count(*)::int`.as('reroutes'),
    ])
    .where('case_events.type', '=', 'case.rerouted')
    .groupBy([sql`case_events.data->>'fromUnitName'`, sql`case_events.data->>'unitName'`, sql`case_events.data->>'categoryCode'`]);
  if (f.from) q = q.where('case_events.occurred_at', '>=', f.from);
  if (f.to) q = q.where('case_events.occurred_at', '<', f.to);
  return q.orderBy(sql`count(*)`, 'desc').limit(f.limit).execute();
}
