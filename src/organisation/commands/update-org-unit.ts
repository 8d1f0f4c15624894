/** Renames an org unit, sets its head, mailbox or parent, or deactivates it. A unit cannot move under itself or its own sub-units. */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden, notFound, invalidAs } from '../../kernel/lib/errors.ts';
import { canManageOrganisation } from '../policy.ts';
import { findUnit, findUser, moveUnit, updateUnit } from '../repositories/org-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';

export async function updateOrgUnit(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: { name?: string; headUserId?: string | null; parentId?: string | null; email?: string | null; active?: boolean },
) {
  if (!canManageOrganisation(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const before = await findUnit(tx, id);
    if (!before) throw notFound();
    if (patch.headUserId) {
      const head = await findUser(tx, patch.headUserId);
      if (!head || head.role === 'citizen' || !head.active) throw new AppError('unknown_user');
    }
    if (patch.parentId !== undefined && patch.parentId !== before.parent_id) {
      const parent = patch.parentId ? await findUnit(tx, patch.parentId) : undefined;
      if (patch.parentId && !parent) throw new AppError('unknown_unit');
      if (parent?.path.startsWith(before.path)) throw invalidAs('detail.unit_under_itself', {}, 'parentId');
      await moveUnit(tx, id, before.path, parent?.id ?? null, parent?.path ?? null);
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
