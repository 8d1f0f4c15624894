/**
 * Where a party of a case can be asked something now (the "is it fixed?" question): the first channel
 * in their order of preference that is enabled here, consented to (a withdrawn consent is never asked
 * through) and has an address, with their language. Null: nobody may be asked.
 */
import type { DbOrTx } from '../../kernel/db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { Locale } from '../../i18n/index.ts';
import { DEFAULT_CHANNEL_ORDER, usableChannels, type MessageChannel } from '../domain/recipients.ts';
import { consentsInForce } from '../repositories/contact-repository.ts';
import { caseRecipients } from '../repositories/message-repository.ts';
import { enabledChannels } from '../service.ts';
import { recipientLocale } from '../commands/queue-messages.ts';

export interface ReachableParty {
  partyId: string;
  name: string;
  channel: MessageChannel;
  address: string;
  locale: Locale;
}

export async function reachableParty(db: DbOrTx, ctx: Ctx, caseId: string, partyId: string): Promise<ReachableParty | null> {
  const [r] = await caseRecipients(db, caseId, partyId);
  if (!r) return null;
  const consents = (await consentsInForce(db, [r.id])).map((c) => ({ id: c.id, channel: c.channel, action: c.action }));
  const prefs = {
    channelOrder: (r.channel_order as MessageChannel[] | null) ?? DEFAULT_CHANNEL_ORDER,
    scope: r.scope ?? 'all',
    quietFrom: r.quiet_from,
    quietTo: r.quiet_to,
  };
  const usable = usableChannels(prefs, { phone: r.phone, email: r.email, viberUserId: r.viber_user_id }, consents, enabledChannels(ctx.config));
  const first = usable[0];
  return first ? { partyId: r.id, name: r.name, channel: first.channel, address: first.address, locale: recipientLocale(r) } : null;
}
