/** The administrator adds a routing rule: category (or every category), optionally an area or streets, to a unit. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canConfigureSistem48 } from '../policy.ts';
import { insertRule, type RuleValues } from '../repositories/routing-repository.ts';
import { ruleValues, type RuleInput } from './rule-input.ts';

export async function createRoutingRule(ctx: Ctx, actor: Actor, input: RuleInput) {
  if (!canConfigureSistem48(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const v = await ruleValues(tx, { area: null, streets: [], priority: 100, note: null, active: true, ...input });
    const row = await insertRule(tx, v as RuleValues);
    await audit(tx, actor, 'create', 'routing_rule', String(row.id), undefined, row);
    return row;
  });
}
