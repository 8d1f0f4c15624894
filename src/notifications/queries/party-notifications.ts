/** A party's contacts, preferences and consent (in force, and the full record) as staff or the citizen see them. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, notFound } from '../../kernel/lib/errors.ts';
import type { Ctx } from '../../kernel/context.ts';
import { findParty } from '../../cases/repositories/party-repository.ts';
import { DEFAULT_CHANNEL_ORDER } from '../domain/recipients.ts';
import { formatClock } from '../domain/quiet-hours.ts';
import { consentHistory, findPreferences } from '../repositories/contact-repository.ts';
import { canManagePartyNotifications, ownParty } from '../policy.ts';

export async function getPartyNotificationSettings(ctx: Ctx, actor: Actor, partyId: string) {
  if (actor.kind === 'citizen' ? ownParty(actor) !== partyId : !canManagePartyNotifications(actor)) {
    if (actor.kind === 'citizen') throw notFound();
    throw forbidden();
  }
  const party = await findParty(ctx.db, partyId);
  if (!party) throw notFound();
  const prefs = await findPreferences(ctx.db, partyId);
  const history = await consentHistory(ctx.db, partyId);
  const inForce = ['sms', 'email', 'viber'].map((channel) => {
    const latest = history.find((h) => h.channel === channel);
    return { channel, consented: latest?.action === 'given', record: latest ?? null };
  });
  return {
    partyId,
    name: party.name,
    contacts: { phone: party.phone, email: party.email, viberUserId: prefs?.viber_user_id ?? null },
    preferences: {
      channelOrder: prefs?.channel_order ?? DEFAULT_CHANNEL_ORDER,
      scope: prefs?.scope ?? 'all',
      locale: prefs?.locale ?? party.locale,
      quietHours: prefs?.quiet_from != null && prefs.quiet_to != null ? { from: formatClock(prefs.quiet_from), to: formatClock(prefs.quiet_to) } : null,
    },
    consents: inForce,
    consentHistory: history,
  };
}

export async function getOwnNotificationSettings(ctx: Ctx, actor: Actor) {
  const partyId = ownParty(actor);
  if (!partyId) throw notFound();
  return getPartyNotificationSettings(ctx, actor, partyId);
}
