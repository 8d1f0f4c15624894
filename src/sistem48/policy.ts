/**
 * Who may do what with problem reports, built from the case policy: reading and changing a report
 * always goes through the case scope, so a report out of scope answers exactly like a missing one.
 */
import type { Actor, StaffRole } from '../kernel/types.ts';
import { canActOnCase } from '../cases/policy.ts';
import { canManageOrganisation } from '../organisation/policy.ts';

const staffRole = (actor: Actor, roles: readonly StaffRole[]) => actor.kind === 'staff' && roles.includes(actor.role);
const sessionOrScope = (actor: Actor, scope: 'cases:write' | 'open311') => actor.kind !== 'staff' || actor.scopes === null || actor.scopes.includes(scope);

/** Categories, routing rules, the SLA calendar and intake settings are the administrator's. */
export const canConfigureSistem48 = (actor: Actor) => canManageOrganisation(actor);

/** Anyone may file through the public form (the form's system actor), a signed-in citizen for themselves, intake staff for a caller, and Open311 clients with the open311 scope. */
export function canFileReport(actor: Actor, via: 'web' | 'staff' | 'open311'): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'citizen') return via === 'web';
  if (via === 'open311') return actor.scopes !== null && actor.scopes.includes('open311');
  return sessionOrScope(actor, 'cases:write') && staffRole(actor, ['operator', 'registry_clerk', 'case_officer', 'unit_head']);
}

/** Looking callers up by phone is for the people who take the calls. */
export const canLookUpCallers = (actor: Actor) =>
  actor.kind === 'system' || (sessionOrScope(actor, 'cases:write') && staffRole(actor, ['operator', 'registry_clerk']));

/** Re-routing and merging: the dispatcher (operators, the registry) and the units themselves. */
export const canReroute = (actor: Actor) =>
  actor.kind === 'system' || (canActOnCase(actor, 'note') && staffRole(actor, ['operator', 'registry_clerk', 'case_officer', 'unit_head']));
export const canMerge = canReroute;

/** The first response, field results and costs come from the unit that does the work. */
export const canWorkOnReport = (actor: Actor) => actor.kind === 'system' || (canActOnCase(actor, 'note') && staffRole(actor, ['case_officer', 'unit_head']));

/** Distributing a unit's queue to its people. */
export const canAssignReports = (actor: Actor) =>
  actor.kind === 'system' || (canActOnCase(actor, 'assign') && staffRole(actor, ['unit_head', 'registry_clerk', 'case_officer']));

/** Deciding which citizens' photos the public may see. */
export const canModeratePhotos = (actor: Actor) =>
  actor.kind === 'system' || (canActOnCase(actor, 'note') && staffRole(actor, ['operator', 'registry_clerk', 'case_officer', 'unit_head']));

/** Aggregates (routing statistics, costs) carry no personal data: leadership, unit heads and administrators read them. */
export const canReadReports = (actor: Actor) => actor.kind === 'system' || staffRole(actor, ['leadership', 'unit_head', 'admin']);

/**
 * Moderating what the public reads of a report (editing or redacting its text or an update's, hiding an
 * update, approving a report that awaits review): the dispatcher (operators, the registry) and unit
 * heads. Administrators configure which categories need review but do not read citizens' files.
 */
export const canModerateText = (actor: Actor) =>
  actor.kind === 'system' || (canActOnCase(actor, 'note') && staffRole(actor, ['operator', 'registry_clerk', 'unit_head']));

/**
 * Canned responses: administrators keep the municipality's and every unit's; a unit head keeps only their
 * own unit's (unitId null is the municipality's, which is not theirs).
 */
export function canManageCannedResponses(actor: Actor, unitId: string | null): boolean {
  if (canManageOrganisation(actor)) return true;
  return actor.kind === 'staff' && actor.role === 'unit_head' && actor.scopes === null && unitId !== null && actor.unitId === unitId;
}
