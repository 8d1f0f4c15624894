/** The administrator changes or switches off a routing rule; reports already routed stay where they are. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, notFound } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canConfigureSistem48 } from '../policy.ts';
import { findRule, updateRule } from '../repositories/routing-repository.ts';
import { ruleValues, type RuleInput } from './rule-input.ts';

export async function updateRoutingRule(ctx: Ctx, actor: Actor, id: number, patch: Partial<RuleInput>) {
  if (!canConfigureSistem48(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const before = await findRule(tx, id);
    if (!before) throw notFound();
    const after = await updateRule(tx, id, await ruleValues(tx, patch), ctx.now());
    await audit(tx, actor, 'update', 'routing_rule', String(id), before, after);
    return after!;
  });
}
