/** Creates a staff account with a role and a unit; the password is stored only as an argon2id hash. */
import { hash } from '@node-rs/argon2';
import type { Actor, StaffRole } from '../../kernel/types.ts';
import { AppError, forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { canManageOrganisation } from '../policy.ts';
import { findUnit, findUserByUsername, insertUser } from '../repositories/org-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';

export const hashPassword = (password: string) => hash(password, { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 });

/** The one password rule for staff, whether the password is chosen at creation, by a reset link or by its owner. */
export function checkStaffPassword(password: string, field = 'password') {
  if (password.length < 10) throw invalidAs('detail.password_too_short', { limit: 10 }, field);
}

export interface NewStaffUser {
  username: string;
  displayName: string;
  password: string;
  role: StaffRole;
  unitId?: string | null;
  email?: string | null;
  locale?: string | null;
}

// Roles whose work is tied to one unit's cases.
export const UNIT_ROLES: StaffRole[] = ['registry_clerk', 'case_officer', 'unit_head'];

export async function createStaffUser(ctx: Ctx, actor: Actor, input: NewStaffUser) {
  if (!canManageOrganisation(actor)) throw forbidden();
  checkStaffPassword(input.password);
  if (UNIT_ROLES.includes(input.role) && !input.unitId) throw invalidAs('detail.role_needs_unit', { role: input.role }, 'unitId');
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (tx) => {
    if (input.unitId && !(await findUnit(tx, input.unitId))) throw new AppError('unknown_unit');
    if (await findUserByUsername(tx, input.username)) throw new AppError('conflict', {}, { field: 'username' });
    const user = await insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      unitId: input.unitId ?? null,
      email: input.email ?? null,
      locale: input.locale ?? null,
    });
    await audit(tx, actor, 'create', 'user', user.id, undefined, user);
    return user;
  });
}
