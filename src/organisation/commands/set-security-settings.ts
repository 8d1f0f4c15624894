/**
 * The municipality's security switches, changed by an administrator and audited: today, whether administrators
 * must use a second factor. While it is on, an administrator's session opened without one is refused from its
 * next request (src/http/auth.ts; they sign in again and enrol); the administrator turning it on must have one,
 * or they would shut themselves out.
 */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden } from '../../kernel/lib/errors.ts';
import { canManageOrganisation } from '../policy.ts';
import { findSecondFactor, readSecuritySettings, writeSecuritySettings } from '../repositories/second-factor-repository.ts';
import { countAdminSessionsWithoutSecondFactor, sessionHasSecondFactor } from '../../kernel/repositories/auth-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';

/** `sessionIdHash`: the session making the change (null for an API token), which must itself have passed a second factor to turn it on. */
export async function setSecuritySettings(ctx: Ctx, actor: Actor, input: { adminSecondFactorRequired: boolean }, sessionIdHash: string | null = null) {
  if (!canManageOrganisation(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const before = await readSecuritySettings(tx);
    const turningOn = input.adminSecondFactorRequired && !before.adminSecondFactorRequired;
    if (turningOn && actor.kind === 'staff') {
      const ownFactor = sessionIdHash
        ? await sessionHasSecondFactor(tx, sessionIdHash, actor.userId)
        : Boolean((await findSecondFactor(tx, actor.userId))?.confirmed_at);
      if (!ownFactor) throw new AppError('own_second_factor_first');
    }
    await writeSecuritySettings(tx, input);
    const sessionsRefused = turningOn ? await countAdminSessionsWithoutSecondFactor(tx, ctx.now()) : 0;
    await audit(tx, actor, 'update', 'security_settings', null, before, turningOn ? { ...input, sessionsRefused } : input);
    return input;
  });
}
