/** What a staff user sees of their own second factor, and the municipality's security switches. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { canManageOrganisation } from '../policy.ts';
import { countUnusedRecoveryCodes, findSecondFactor, readSecuritySettings } from '../repositories/second-factor-repository.ts';
import type { Ctx } from '../../kernel/context.ts';

export async function getOwnSecondFactor(ctx: Ctx, actor: Actor) {
  if (actor.kind !== 'staff') throw forbidden();
  const [factor, settings, recoveryCodesLeft] = await Promise.all([
    findSecondFactor(ctx.db, actor.userId),
    readSecuritySettings(ctx.db),
    countUnusedRecoveryCodes(ctx.db, actor.userId),
  ]);
  return {
    enabled: Boolean(factor?.confirmed_at),
    recoveryCodesLeft,
    required: actor.role === 'admin' && settings.adminSecondFactorRequired,
  };
}

export async function getSecuritySettings(ctx: Ctx, actor: Actor) {
  if (!canManageOrganisation(actor)) throw forbidden();
  return readSecuritySettings(ctx.db);
}
