/** Read side of the organisation: units, staff, case types, event types, tokens and the audit trail. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { canManageOrganisation, canReadOrganisation } from '../policy.ts';
import { listStaff, listUnits } from '../repositories/org-repository.ts';
import { listCaseTypes } from '../repositories/case-type-repository.ts';
import { listEventTypes } from '../repositories/event-type-repository.ts';
import { listApiTokens } from '../../kernel/repositories/auth-repository.ts';
import { listAudit } from '../../kernel/repositories/audit-repository.ts';
import type { Ctx } from '../../kernel/context.ts';

export async function getUnits(ctx: Ctx, actor: Actor) {
  if (!canReadOrganisation(actor)) throw forbidden();
  return listUnits(ctx.db);
}

export async function getStaff(ctx: Ctx, actor: Actor, unitId?: string) {
  if (!canReadOrganisation(actor)) throw forbidden();
  return listStaff(ctx.db, unitId);
}

export async function getCaseTypes(ctx: Ctx, actor: Actor) {
  if (!canReadOrganisation(actor)) throw forbidden();
  return listCaseTypes(ctx.db);
}

export async function getEventTypes(ctx: Ctx, actor: Actor) {
  if (!canReadOrganisation(actor)) throw forbidden();
  return listEventTypes(ctx.db);
}

export async function getApiTokens(ctx: Ctx, actor: Actor) {
  if (!canManageOrganisation(actor)) throw forbidden();
  return listApiTokens(ctx.db);
}

export async function getAuditTrail(ctx: Ctx, actor: Actor, f: { entity?: string; entityId?: string; limit?: number; beforeId?: string }) {
  const allowed = canManageOrganisation(actor) || (actor.kind === 'staff' && actor.role === 'leadership');
  if (!allowed) throw forbidden();
  return listAudit(ctx.db, { ...f, limit: Math.min(f.limit ?? 100, 500) });
}
