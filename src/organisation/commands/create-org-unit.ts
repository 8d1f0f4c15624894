/** Creates an org unit (registry office, department, public enterprise, inspection or outside institution) under an optional parent. */
import type { Actor, UnitKind } from '../../kernel/types.ts';
import { AppError, forbidden } from '../../kernel/lib/errors.ts';
import { canManageOrganisation } from '../policy.ts';
import { findUnit, findUnitByCode, insertUnit } from '../repositories/org-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';

export async function createOrgUnit(
  ctx: Ctx,
  actor: Actor,
  input: { kind: UnitKind; code: string; name: string; parentId?: string | null; email?: string | null },
) {
  if (!canManageOrganisation(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const parent = input.parentId ? await findUnit(tx, input.parentId) : undefined;
    if (input.parentId && !parent) throw new AppError('unknown_unit');
    if (await findUnitByCode(tx, input.code)) throw new AppError('conflict', {}, { field: 'code' });
    const unit = await insertUnit(tx, {
      kind: input.kind,
      code: input.code,
      name: input.name,
      parentId: parent?.id ?? null,
      parentPath: parent?.path ?? null,
      email: input.email ?? null,
    });
    await audit(tx, actor, 'create', 'org_unit', unit.id, undefined, unit);
    return unit;
  });
}
