/**
 * A party's new mobile number or e-mail address, proven by its owner (a code sent to it and typed
 * back on the portal), becomes the party's contact. The consent given for the old one ends with it
 * (it was to be told at that number or address), so nothing is sent to the new one until consent
 * for it is given again; the portal asks at once. Audited with the old and the new contact.
 * Runs in the caller's transaction (the citizens' confirmation of the code).
 */
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/types.ts';
import type { Ctx } from '../../kernel/context.ts';
import { notFound } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import { lockParty, updatePartyContacts } from '../repositories/contact-repository.ts';
import { recordConsentInTx } from './record-consent.ts';

export async function applyProvenContact(tx: Tx, ctx: Ctx, actor: Actor, input: { partyId: string; channel: 'sms' | 'email'; address: string }) {
  const party = await lockParty(tx, input.partyId);
  if (!party) throw notFound();
  const field = input.channel === 'sms' ? 'phone' : 'email';
  const old = party[field];
  // The withdrawal is recorded against the old contact, before it is replaced.
  const withdrawn = await recordConsentInTx(tx, ctx, actor, { partyId: input.partyId, channel: input.channel, action: 'withdrawn', method: 'portal' });
  await updatePartyContacts(tx, input.partyId, { [field]: input.address }, ctx.now());
  await audit(tx, actor, 'contact_changed', 'party', input.partyId, { [field]: old }, { [field]: input.address, provenBy: 'one_time_code' });
  return { previous: old, consentEnded: withdrawn.changed };
}
