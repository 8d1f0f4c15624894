/**
 * Who may read and change what in the reports. Public reports and open data carry no personal data
 * and need no account; unit reports go to the unit's head (or the head of a unit above it) and to
 * leadership; the dashboard to leadership; budget lines are the administrator's to edit.
 */
import type { Actor } from '../kernel/types.ts';
import { canManageOrganisation } from '../organisation/policy.ts';

const readsAggregates = (actor: Actor) => actor.kind !== 'staff' || actor.scopes === null || actor.scopes.includes('cases:read');

/** A unit's report: leadership for every unit, a unit head for their unit and the units below it. */
export function canReadUnitReport(actor: Actor, unitPath: string): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'staff' || !readsAggregates(actor)) return false;
  if (actor.role === 'leadership') return true;
  return actor.role === 'unit_head' && actor.unitPath !== null && unitPath.startsWith(actor.unitPath);
}

/** The live dashboard across all units. */
export const canReadDashboard = (actor: Actor) => actor.kind === 'system' || (actor.kind === 'staff' && actor.role === 'leadership' && readsAggregates(actor));

/** Publishing a week's overview by hand (a missed week, or before the scheduled job). */
export const canPublishOverview = (actor: Actor) => actor.kind === 'system' || canManageOrganisation(actor);

export const canManageBudget = (actor: Actor) => canManageOrganisation(actor);

/** Budget lines: the administrator, leadership, and unit heads for their own subtree. */
export function canReadBudget(actor: Actor, unitPath: string): boolean {
  return canManageBudget(actor) || canReadUnitReport(actor, unitPath);
}
