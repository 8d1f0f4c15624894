/** Who may configure notifications, manage a party's contacts and consent, and post registry events. */
import type { Actor } from '../kernel/types.ts';
import { canManageOrganisation } from '../organisation/policy.ts';
import { canFindParties } from '../cases/party-policy.ts';

/** Event-type levels and templates: the administrator (VOPI: "the system administrator decides"). */
export function canConfigureNotifications(actor: Actor): boolean {
  return canManageOrganisation(actor);
}

/** Templates and settings are read by staff who write to citizens, not only by the administrator. */
export function canReadNotificationSettings(actor: Actor): boolean {
  return actor.kind !== 'citizen';
}

/** Contacts and consent at the counter: whoever may register a case for the party (registry clerk, operator, officer). */
export function canManagePartyNotifications(actor: Actor): boolean {
  return canFindParties(actor);
}

/** A citizen manages only the party their account belongs to. */
export function ownParty(actor: Actor): string | null {
  return actor.kind === 'citizen' ? actor.partyId : null;
}

/** External registries post with an API token scoped 'registry:events'; a browser session never can. */
export function canPostRegistryEvents(actor: Actor): boolean {
  return actor.kind === 'staff' && actor.scopes !== null && actor.scopes.includes('registry:events');
}
