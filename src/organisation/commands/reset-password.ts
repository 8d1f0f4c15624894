/**
 * The user opens a one-time reset link and sets a new password: the link is used up, every session of
 * the user ends (whoever knew the old password is out), and the change is audited. A link that is
 * unknown, used or expired gets the same answer.
 */
import type { StaffRole } from '../../kernel/types.ts';
import { AppError } from '../../kernel/lib/errors.ts';
import { sha256 } from '../../kernel/lib/secrets.ts';
import { checkStaffPassword, hashPassword } from './create-staff-user.ts';
import { findUser, setPasswordHash } from '../repositories/org-repository.ts';
import { deleteUserSessions, usePasswordReset } from '../../kernel/repositories/auth-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';

export async function resetPasswordWithLink(ctx: Ctx, input: { token: string; password: string }) {
  checkStaffPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (tx) => {
    const reset = await usePasswordReset(tx, sha256(input.token), ctx.now());
    const user = reset && (await findUser(tx, reset.user_id));
    if (!user || !user.active || user.role === 'citizen') throw new AppError('reset_link_invalid');
    await setPasswordHash(tx, user.id, passwordHash);
    const sessionsEnded = await deleteUserSessions(tx, user.id);
    await audit(
      tx,
      {
        kind: 'staff',
        userId: user.id,
        name: user.display_name,
        role: user.role as StaffRole,
        unitId: user.unit_id,
        unitPath: null,
        locale: user.locale,
        scopes: null,
      },
      'reset_password',
      'user',
      user.id,
      undefined,
      {
        resetId: reset.id,
        sessionsEnded,
      },
    );
    return { userId: user.id };
  });
}
