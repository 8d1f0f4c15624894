/**
 * An administrator issues a one-time password reset link for a staff user. The token is shown once, in
 * this answer; only its hash is kept, it expires, and issuing a new one voids the older ones.
 */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden } from '../../kernel/lib/errors.ts';
import { randomToken, sha256 } from '../../kernel/lib/secrets.ts';
import { canManageOrganisation } from '../policy.ts';
import { findUser } from '../repositories/org-repository.ts';
import { insertPasswordReset } from '../../kernel/repositories/auth-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';

// Long enough to pass the link on during a working day, short enough that a forgotten one is soon useless.
export const PASSWORD_RESET_HOURS = 24;

export async function issuePasswordReset(ctx: Ctx, actor: Actor, userId: string) {
  if (!canManageOrganisation(actor)) throw forbidden();
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const user = await findUser(tx, userId);
    if (!user || user.role === 'citizen') throw new AppError('not_found');
    if (!user.active) throw new AppError('unknown_user');
    const token = randomToken(32);
    const row = await insertPasswordReset(tx, {
      userId,
      tokenHash: sha256(token),
      createdBy: actor.kind === 'system' ? null : actor.userId,
      expiresAt: new Date(now.getTime() + PASSWORD_RESET_HOURS * 3_600_000),
      now,
    });
    await audit(tx, actor, 'issue_password_reset', 'user', userId, undefined, { resetId: row.id, expiresAt: row.expires_at });
    return { userId, token, path: `/password-reset#${token}`, expiresAt: row.expires_at };
  });
}
