/**
 * What Viber tells us about a user besides receipts: subscribing to the bot is consent to Viber
 * messages, unsubscribing withdraws it (and the next message goes by the next channel). Users we do
 * not know yet are ignored here; linking a Viber user to a party is done at the counter or on the portal.
 */
import type { Ctx } from '../../kernel/context.ts';
import type { ViberCallback } from '../../channels/viber-callback.ts';
import type { Actor } from '../../kernel/types.ts';
import { findPartyIdByViberUser } from '../repositories/contact-repository.ts';
import { recordConsentInTx } from './record-consent.ts';

const VIBER_ACTOR: Actor = { kind: 'system', name: 'Viber' };

export async function handleViberEvent(ctx: Ctx, event: ViberCallback): Promise<'consent_given' | 'consent_withdrawn' | 'ignored'> {
  if (event.event !== 'subscribed' && event.event !== 'unsubscribed') return 'ignored';
  const userId = event.event === 'subscribed' ? event.user.id : event.userId;
  if (!userId) return 'ignored';
  return ctx.db.transaction().execute(async (tx) => {
    const partyId = await findPartyIdByViberUser(tx, userId);
    if (!partyId) return 'ignored';
    const given = event.event === 'subscribed';
    await recordConsentInTx(tx, ctx, VIBER_ACTOR, {
      partyId,
      channel: 'viber',
      action: given ? 'given' : 'withdrawn',
      method: given ? 'viber_subscription' : 'viber_unsubscribed',
      at: event.timestamp,
    });
    return given ? 'consent_given' : 'consent_withdrawn';
  });
}
