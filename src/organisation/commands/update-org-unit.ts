/** Renames an org unit, sets its head or deactivates it. */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden, notFound } from '../../kernel/lib/errors.ts';
import { canManageOrganisation } from '../policy.ts';
import { findUnit, findUser, updateUnit } from '../repositories/org-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';

export async function updateOrgUnit(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: { name?: string; headUserId?: string | null; email?: string | null; active?: boolean },
) {
  if (!canManageOrganisation(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const before = await findUnit(tx, id);
    if (!before) throw notFound();
    if (patch.headUserId) {
      const head = await findUser(tx, patch.headUserId);
      if (!head || head.role === 'citizen') throw new AppError('unknown_user');
    }
    const after = await updateUnit(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.headUserId !== undefined ? { head_user_id: patch.headUserId } : {}),
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    });
    await audit(tx, actor, 'update', 'org_unit', id, before, after);
    return after!;
  });
}
