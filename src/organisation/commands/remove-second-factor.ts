/**
 * Removing a second factor: its owner, with their password (an open session alone is not enough), unless
 * they are an administrator and the municipality requires one; or an administrator for someone who lost
 * their phone and their recovery codes, which ends that person's sessions too. Both are audited.
 */
import { verify } from '@node-rs/argon2';
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden, notFound } from '../../kernel/lib/errors.ts';
import { canManageOrganisation } from '../policy.ts';
import { findUser } from '../repositories/org-repository.ts';
import { deleteSecondFactor, readSecuritySettings } from '../repositories/second-factor-repository.ts';
import { clearSessionsSecondFactor, deleteUserSessions } from '../../kernel/repositories/auth-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';
import { count, refuseIfLocked, type Limit } from '../../kernel/throttle.ts';

const guesses = (userId: string): Limit => ({ key: `pw:${userId}`, windowMs: 15 * 60_000, limit: 5, lockMs: 15 * 60_000 });

export async function removeOwnSecondFactor(ctx: Ctx, actor: Actor, password: string) {
  if (actor.kind !== 'staff' || actor.scopes) throw forbidden();
  const user = await findUser(ctx.db, actor.userId);
  if (!user?.password_hash) throw forbidden();
  if (user.role === 'admin' && (await readSecuritySettings(ctx.db)).adminSecondFactorRequired) throw new AppError('second_factor_required');
  const limit = guesses(user.id);
  await refuseIfLocked(ctx.db, [limit.key], ctx.now());
  if (!(await verify(user.password_hash, password))) {
    await count(ctx.db, [limit], ctx.now());
    throw new AppError('wrong_current_password', {}, { field: 'password' });
  }
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await deleteSecondFactor(tx, user.id))) throw notFound();
    // Should it become required of them (as an administrator), these sessions no longer count as having passed it.
    await clearSessionsSecondFactor(tx, user.id);
    await audit(tx, actor, 'remove_second_factor', 'user', user.id);
    return { removed: true };
  });
}

export async function resetUserSecondFactor(ctx: Ctx, actor: Actor, userId: string) {
  if (!canManageOrganisation(actor)) throw forbidden();
  if (actor.kind === 'staff' && actor.userId === userId) throw new AppError('own_account');
  return ctx.db.transaction().execute(async (tx) => {
    const user = await findUser(tx, userId);
    if (!user || user.role === 'citizen') throw notFound();
    if (!(await deleteSecondFactor(tx, userId))) throw notFound();
    const sessionsEnded = await deleteUserSessions(tx, userId);
    await audit(tx, actor, 'reset_second_factor', 'user', userId, undefined, { sessionsEnded });
    return { removed: true };
  });
}
