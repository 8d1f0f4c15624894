/** SQL for what filing a report reads before its transaction: the category, the settings and the category's routing rules. */
import { sql, type Selectable } from 'kysely';
import type { DbOrTx } from '../../kernel/db/database.ts';
import type { RoutingRuleTable, Sistem48SettingsTable } from '../../kernel/db/schema.ts';
import type { CategoryRow } from './category-repository.ts';
import { RULE_ORDER, ruleAppliesTo } from './routing-repository.ts';

export type SettingsValues = Omit<Selectable<Sistem48SettingsTable>, 'id' | 'updated_at'>;

/** What toRule needs of a routing rule. */
export type FilingRule = Pick<Selectable<RoutingRuleTable>, 'id' | 'category_id' | 'unit_id' | 'area' | 'street_keys' | 'priority'>;

/**
 * The category (by id or code), the settings and the active routing rules for the category (its own and
 * the catch-all ones, in listRules's order), in one statement: each read is a round trip of its own, and
 * every report makes all three. The settings and rules come as JSON (all their values are JSON's own:
 * text, numbers, arrays, the areas' GeoJSON); the category comes as its row. No row: no such category.
 */
export async function findFilingContext(
  db: DbOrTx,
  where: { id: number } | { code: string },
): Promise<{ category: CategoryRow; settings: SettingsValues; rules: FilingRule[] } | undefined> {
  const { rows } = await sql<CategoryRow & { filing_settings: SettingsValues | null; filing_rules: FilingRule[] }>`
    select c.*,
      (select to_jsonb(s) - 'id' - 'updated_at' from sistem48_settings s where s.id) as filing_settings,
      (select coalesce(jsonb_agg(jsonb_build_object('id', routing_rules.id, 'category_id', routing_rules.category_id, 'unit_id', routing_rules.unit_id,
          'area', routing_rules.area, 'street_keys', routing_rules.street_keys, 'priority', routing_rules.priority) order by ${RULE_ORDER}), '[]')
        from routing_rules where routing_rules.active and ${ruleAppliesTo(sql.ref('c.id'))}) as filing_rules
    from problem_categories c where ${'id' in where ? sql`c.id = ${where.id}` : sql`c.code = ${where.code}`}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { filing_settings: settings, filing_rules: rules, ...category } = row;
  if (!settings) throw new Error('sistem48_settings has no row');
  return { category, settings, rules };
}
