/**
 * Changes a staff account's name, e-mail, role, unit or language. Every change is personal data or access,
 * so the audit row keeps the fields before and after. An administrator cannot change their own role: a
 * slip would leave the municipality without anyone to undo it.
 */
import type { Actor, StaffRole } from '../../kernel/types.ts';
import { AppError, forbidden, notFound, invalidAs } from '../../kernel/lib/errors.ts';
import { canManageOrganisation } from '../policy.ts';
import { findUnit, findUser, updateUser } from '../repositories/org-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';
import { UNIT_ROLES } from './create-staff-user.ts';

export interface StaffUserPatch {
  displayName?: string;
  email?: string | null;
  role?: StaffRole;
  unitId?: string | null;
  locale?: string | null;
}

export async function updateStaffUser(ctx: Ctx, actor: Actor, userId: string, patch: StaffUserPatch) {
  if (!canManageOrganisation(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const before = await findUser(tx, userId);
    if (!before || before.role === 'citizen') throw notFound();
    if (patch.role !== undefined && patch.role !== before.role && actor.kind === 'staff' && actor.userId === userId) throw new AppError('own_role');
    const role = patch.role ?? (before.role as StaffRole);
    const unitId = patch.unitId !== undefined ? patch.unitId : before.unit_id;
    if (UNIT_ROLES.includes(role) && !unitId) throw invalidAs('detail.role_needs_unit', { role }, 'unitId');
    if (patch.unitId) {
      const unit = await findUnit(tx, patch.unitId);
      if (!unit || unit.kind === 'external_institution') throw new AppError('unknown_unit');
    }
    const set = {
      ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.unitId !== undefined ? { unit_id: patch.unitId } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
    };
    const after = await updateUser(tx, userId, set);
    if (!after) throw notFound();
    // Only the fields that changed, before and after, so the trail reads as what was done.
    const changed = (Object.keys(set) as (keyof typeof set)[]).filter((k) => before[k] !== after[k]);
    if (changed.length > 0) {
      await audit(
        tx,
        actor,
        'update',
        'user',
        userId,
        Object.fromEntries(changed.map((k) => [k, before[k]])),
        Object.fromEntries(changed.map((k) => [k, after[k]])),
      );
    }
    return after;
  });
}
