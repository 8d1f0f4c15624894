/**
 * Changes a party's contacts (mobile number, e-mail, Viber user) and notification preferences
 * (channel order, all or key events only, language and script, quiet hours). Staff do it for a
 * party at the counter; a signed-in citizen for their own. Audited with before and after.
 *
 * A clerk changing a number at the counter does not withdraw consent: the clerk acts on the citizen's
 * word, in person, and the change is audited. A citizen cannot change their own contacts here: a new
 * one must first be proven (citizens/commands/change-contact.ts), and then the old consent ends.
 */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden, invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { normaliseEmail, normalisePhone } from '../../kernel/lib/phone.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';
import { MESSAGE_CHANNELS, type MessageChannel, type Scope } from '../domain/recipients.ts';
import { parseClock } from '../domain/quiet-hours.ts';
import { ensurePreferences, lockParty, updatePartyContacts, updatePreferences, viberUserTaken } from '../repositories/contact-repository.ts';
import { canManagePartyNotifications, ownParty } from '../policy.ts';

export interface PreferencesPatch {
  phone?: string | null;
  email?: string | null;
  viberUserId?: string | null;
  channelOrder?: MessageChannel[];
  scope?: Scope;
  locale?: string | null;
  quietHours?: { from: string; to: string } | null;
}

export async function updateNotificationPreferences(ctx: Ctx, actor: Actor, partyId: string, patch: PreferencesPatch) {
  if (actor.kind === 'citizen' ? ownParty(actor) !== partyId : !canManagePartyNotifications(actor)) {
    if (actor.kind === 'citizen') throw notFound();
    throw forbidden();
  }
  // A citizen's own new phone or e-mail is used only once proven by a code sent to it (citizens/commands/change-contact.ts).
  if (actor.kind === 'citizen' && (patch.phone !== undefined || patch.email !== undefined)) {
    throw invalidAs('detail.contact_needs_proof', {}, patch.phone !== undefined ? 'phone' : 'email');
  }
  const contacts: { phone?: string | null; email?: string | null } = {};
  if (patch.phone !== undefined) {
    const phone = patch.phone === null || patch.phone.trim() === '' ? null : normalisePhone(patch.phone, ctx.config.phoneCountryCode);
    if (patch.phone && patch.phone.trim() !== '' && !phone) throw invalidAs('detail.bad_phone', { value: patch.phone }, 'phone');
    contacts.phone = phone;
  }
  if (patch.email !== undefined) {
    const email = patch.email === null || patch.email.trim() === '' ? null : normaliseEmail(patch.email);
    if (patch.email && patch.email.trim() !== '' && !email) throw invalidAs('detail.bad_email', { value: patch.email }, 'email');
    contacts.email = email;
  }
  if (patch.channelOrder) {
    if (new Set(patch.channelOrder).size !== patch.channelOrder.length || patch.channelOrder.some((c) => !MESSAGE_CHANNELS.includes(c))) {
      throw invalidAs('detail.channel_order', { channels: MESSAGE_CHANNELS.join(', ') }, 'channelOrder');
    }
  }
  let quiet: { quiet_from: number | null; quiet_to: number | null } | undefined;
  if (patch.quietHours === null) quiet = { quiet_from: null, quiet_to: null };
  else if (patch.quietHours) {
    const from = parseClock(patch.quietHours.from);
    const to = parseClock(patch.quietHours.to);
    if (from === null || to === null) throw invalidAs('detail.quiet_hours_format', {}, 'quietHours');
    quiet = { quiet_from: from, quiet_to: to };
  }
  const viberUserId = patch.viberUserId === undefined ? undefined : patch.viberUserId?.trim() || null;

  return ctx.db.transaction().execute(async (tx) => {
    const party = await lockParty(tx, partyId);
    if (!party) throw notFound();
    const before = { ...(await ensurePreferences(tx, partyId)), phone: party.phone, email: party.email };
    if (viberUserId && (await viberUserTaken(tx, viberUserId, partyId))) throw new AppError('conflict', {}, { field: 'viberUserId' });
    const now = ctx.now();
    if (Object.keys(contacts).length) await updatePartyContacts(tx, partyId, contacts, now);
    const after = await updatePreferences(
      tx,
      partyId,
      {
        ...(viberUserId !== undefined ? { viber_user_id: viberUserId } : {}),
        ...(patch.channelOrder ? { channel_order: patch.channelOrder } : {}),
        ...(patch.scope ? { scope: patch.scope } : {}),
        ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
        ...(quiet ?? {}),
      },
      now,
    );
    const { unsubscribe_token: _a, ...beforeShown } = before;
    const { unsubscribe_token: _b, ...afterShown } = after;
    await audit(tx, actor, 'update_notification_preferences', 'party', partyId, beforeShown, {
      ...afterShown,
      phone: contacts.phone !== undefined ? contacts.phone : party.phone,
      email: contacts.email !== undefined ? contacts.email : party.email,
    });
    return after;
  });
}
