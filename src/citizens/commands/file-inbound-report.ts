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

interface ReportWords {
  description: string;
  locale: Locale;
}

/**
 * An SMS or e-mail sender becomes (or is found as) the reporting party; a Viber user files only under the party
 * they linked to, who consented to Viber then.
 */
export type InboundReport =
  | (ReportWords & { channel: 'sms' | 'email'; name: string | null; phone?: string | null; email?: string | null; inboundId: string })
  | (ReportWords & { channel: 'viber'; partyId: string });

type SenderReport = Extract<InboundReport, { channel: 'sms' | 'email' }>;

const ACTOR_NAME = { sms: 'SMS', email: 'E-mail', viber: 'Viber' } as const;

export async function fileInboundReport(ctx: Ctx, r: InboundReport): Promise<FiledReport & { partyId: string }> {
  const actor: Actor = { kind: 'system', name: ACTOR_NAME[r.channel] };
  const partyId = r.channel === 'viber' ? r.partyId : await senderParty(ctx, actor, r);
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
async function senderParty(ctx: Ctx, actor: Actor, r: SenderReport): Promise<string> {
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
