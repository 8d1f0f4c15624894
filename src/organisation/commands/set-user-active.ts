/**
 * Deactivates or reactivates a staff account. Deactivation ends the user's sessions and revokes their API
 * tokens in the same transaction, so someone who leaves loses access at once; their cases keep them as
 * assignee, so the history still shows who had them.
 */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden, notFound } from '../../kernel/lib/errors.ts';
import { canManageOrganisation } from '../policy.ts';
import { findUser, setUserActive } from '../repositories/org-repository.ts';
import { deleteUserSessions, revokeUserApiTokens } from '../../kernel/repositories/auth-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';

export async function setStaffUserActive(ctx: Ctx, actor: Actor, userId: string, active: boolean) {
  if (!canManageOrganisation(actor)) throw forbidden();
  // An administrator who deactivated themselves could leave the municipality without anyone to undo it.
  if (!active && actor.kind === 'staff' && actor.userId === userId) throw new AppError('own_account');
  return ctx.db.transaction().execute(async (tx) => {
    const before = await findUser(tx, userId);
    if (!before || before.role === 'citizen') throw notFound();
    const user = await setUserActive(tx, userId, active);
    if (!user) throw notFound();
    let sessionsEnded = 0;
    let tokensRevoked: { id: string; name: string }[] = [];
    if (!active) {
      sessionsEnded = await deleteUserSessions(tx, userId);
      tokensRevoked = await revokeUserApiTokens(tx, userId, ctx.now());
    }
    await audit(tx, actor, active ? 'reactivate' : 'deactivate', 'user', userId, { active: before.active }, { active, sessionsEnded, tokensRevoked });
    return { id: user.id, username: user.username, displayName: user.display_name, role: user.role, unitId: user.unit_id, active: user.active };
  });
}
