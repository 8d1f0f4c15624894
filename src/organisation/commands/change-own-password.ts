/**
 * A signed-in staff user changes their own password: the current one is required (a session left open on
 * a shared computer is not enough), and every other session of theirs ends; the one in use stays.
 */
import { verify } from '@node-rs/argon2';
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden } from '../../kernel/lib/errors.ts';
import { checkStaffPassword, hashPassword } from './create-staff-user.ts';
import { findUser, setPasswordHash } from '../repositories/org-repository.ts';
import { deleteUserSessions } from '../../kernel/repositories/auth-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';
import { count, refuseIfLocked, type Limit } from '../../kernel/throttle.ts';

// The same guard as sign-in: an open session must not become a way to guess the password.
const guesses = (userId: string): Limit => ({ key: `pw:${userId}`, windowMs: 15 * 60_000, limit: 5, lockMs: 15 * 60_000 });

export async function changeOwnPassword(ctx: Ctx, actor: Actor, input: { currentPassword: string; newPassword: string; sessionIdHash: string | null }) {
  if (actor.kind !== 'staff' || actor.scopes) throw forbidden();
  checkStaffPassword(input.newPassword, 'newPassword');
  const user = await findUser(ctx.db, actor.userId);
  if (!user?.password_hash || !user.active) throw forbidden();
  const limit = guesses(user.id);
  await refuseIfLocked(ctx.db, [limit.key], ctx.now());
  if (!(await verify(user.password_hash, input.currentPassword))) {
    await count(ctx.db, [limit], ctx.now());
    throw new AppError('wrong_current_password', {}, { field: 'currentPassword' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction().execute(async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash);
    const sessionsEnded = await deleteUserSessions(tx, user.id, input.sessionIdHash ?? undefined);
    await audit(tx, actor, 'change_password', 'user', user.id, undefined, { sessionsEnded });
    return { changed: true };
  });
}
