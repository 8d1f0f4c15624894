/** Who may read and change the organisation: units, staff, case types and API tokens. */
import type { Actor } from '../kernel/types.ts';
import { tokenAllows } from '../kernel/token-scope.ts';

export function canManageOrganisation(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'staff' && actor.role === 'admin' && tokenAllows(actor, 'admin'));
}

/** Leadership and administrators read the organisation's structure; everyone on staff reads unit names. */
export function canReadOrganisation(actor: Actor): boolean {
  return actor.kind !== 'citizen';
}

/**
 * The audit trail holds personal data (who changed whose contact details, from which address), so only
 * administrators read it, as only they see it in the web app's menu; leadership reads figures, not the trail.
 */
export function canReadAuditLog(actor: Actor): boolean {
  return canManageOrganisation(actor);
}
