/** The consent a reporter gives with a report (on the form, on the call), recorded as the notification engine's consent. */
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/types.ts';
import type { Ctx } from '../../kernel/context.ts';
import { invalidAs } from '../../kernel/lib/errors.ts';
import { insertNewParty, type PartyRef } from '../../cases/commands/register-case.ts';
import { findPartiesByIds } from '../../cases/repositories/party-repository.ts';
import { recordConsentInTx, recordNewPartyConsentInTx } from '../../notifications/commands/record-consent.ts';

/**
 * The reporter agreed to hear how the report goes: consent to SMS and e-mail, for whichever of the two
 * the reporter gave, recorded before the case's first event so its first message already goes out.
 * A new reporter becomes a party first (consent needs one); the party is then passed on by id.
 */
export async function recordReporterConsent(
  tx: Tx,
  ctx: Ctx,
  actor: Actor,
  via: 'web' | 'staff' | 'open311',
  ref: PartyRef,
): Promise<PartyRef & { partyId: string }> {
  const isNew = !('partyId' in ref);
  const party = 'partyId' in ref ? (await findPartiesByIds(tx, [ref.partyId]))[0] : await insertNewParty(tx, ctx, ref);
  if (!party) throw invalidAs('detail.unknown_party', { id: 'partyId' in ref ? ref.partyId : '' }, 'partyId');
  const method = actor.kind === 'citizen' ? 'portal' : via === 'staff' ? 'phone_call' : 'web_form';
  const channels = [...(party.phone ? ['sms' as const] : []), ...(party.email ? ['email' as const] : [])];
  for (const channel of channels) {
    // A reporter just made a party has nothing in force to compare with or lock (recordNewPartyConsentInTx).
    if (isNew) await recordNewPartyConsentInTx(tx, ctx, actor, party, { channel, method });
    else await recordConsentInTx(tx, ctx, actor, { partyId: party.id, channel, action: 'given', method });
  }
  return { role: ref.role, partyId: party.id, ...(isNew ? { madeInTx: { name: party.name } } : {}) };
}
