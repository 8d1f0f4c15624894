/** The municipality's security switches, changed by an administrator and audited: today, whether administrators must use a second factor. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { canManageOrganisation } from '../policy.ts';
import { readSecuritySettings, writeSecuritySettings } from '../repositories/second-factor-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';

export async function setSecuritySettings(ctx: Ctx, actor: Actor, input: { adminSecondFactorRequired: boolean }) {
  if (!canManageOrganisation(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const before = await readSecuritySettings(tx);
    await writeSecuritySettings(tx, input);
    await audit(tx, actor, 'update', 'security_settings', null, before, input);
    return input;
  });
}
