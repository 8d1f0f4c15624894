/**
 * A problem report from a citizen's SMS, e-mail or Viber message (Kotor Varoš's call centre takes the first two): the
 * sender becomes the reporting party (their account's party when they have one), the channel they
 * wrote on is recorded as consented to for answers about it (they wrote to us there; STOP or the
 * portal turns it off), and the report is filed in the configured category, routed like any other
 * (the dispatcher's queue when no rule matches). The case-registered notification then carries
 * its number back; if none was queued, the caller replies itself. A Viber user files only once linked to
 * their party (consent to Viber was recorded at linking), and only after confirming what they wrote.
 */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { DEFAULT_LOCALE, t, type Locale } from '../../i18n/index.ts';
import { searchKey } from '../../i18n/search-key.ts';
import { insertParty } from '../../cases/repositories/party-repository.ts';
import { recordConsentInTx } from '../../notifications/commands/record-consent.ts';
import { fileReport, type FiledReport } from '../../sistem48/commands/file-report.ts';
import { findAccountByEmail, findAccountByPhone } from '../repositories/account-repository.ts';

export interface InboundReport {
  channel: 'sms' | 'email' | 'viber';
  description: string;
  name: string | null;
  phone?: string | null;
  email?: string | null;
  /** The reporter's party when it is known already: a Viber user linked to theirs, who consented to Viber then. */
  partyId?: string;
  locale: Locale;
  inboundId: string;
}

const ACTOR_NAME = { sms: 'SMS', email: 'E-mail', viber: 'Viber' } as const;

export async function fileInboundReport(ctx: Ctx, r: InboundReport): Promise<FiledReport & { partyId: string }> {
  const actor: Actor = { kind: 'system', name: ACTOR_NAME[r.channel] };
  let partyId = r.partyId;
  if (!partyId) {
    if (r.channel === 'viber') throw new Error('a report by Viber is filed only for the party the Viber user is linked to');
    partyId = await senderParty(ctx, actor, { ...r, channel: r.channel });
  }
  const filed = await fileReport(ctx, actor, {
    via: 'web',
    channel: r.channel,
    category: { code: ctx.config.inboundCategory },
    description: r.description,
    // The sender's words say where; the dispatcher reads them and sets the place.
    address: t(DEFAULT_LOCALE, 'citizens.location_in_text'),
    partyId,
  });
  return { ...filed, partyId };
}

/** The party of an SMS or e-mail sender (their account's, or a new one), consenting to the channel they wrote on. */
async function senderParty(ctx: Ctx, actor: Actor, r: InboundReport & { channel: 'sms' | 'email' }): Promise<string> {
  return ctx.db.transaction().execute(async (tx) => {
    const account = r.phone ? await findAccountByPhone(tx, r.phone) : r.email ? await findAccountByEmail(tx, r.email) : undefined;
    let id = account?.party_id ?? null;
    if (!id) {
      const name = r.name?.trim() || t(r.locale, r.channel === 'sms' ? 'citizens.sms_reporter' : 'citizens.email_reporter');
      id = (await insertParty(tx, { kind: 'person', name, phone: r.phone ?? null, email: r.email ?? null, locale: r.locale }, searchKey(name))).id;
    }
    await recordConsentInTx(tx, ctx, actor, {
      partyId: id,
      channel: r.channel,
      action: 'given',
      method: 'written_application',
      documentRef: `inbound:${r.inboundId}`,
    });
    return id;
  });
}
