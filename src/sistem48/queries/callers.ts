/** The operator's caller lookup: who is calling (parties with this phone number) and what they reported before. */
import type { Actor } from '../../kernel/types.ts';
import type { Locale } from '../../i18n/index.ts';
import { forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { normalisePhone } from '../../kernel/lib/phone.ts';
import { searchParties } from '../../cases/repositories/party-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canLookUpCallers } from '../policy.ts';
import { caseReadScope } from '../../cases/policy.ts';
import { reportsOfParties } from '../repositories/report-repository.ts';
import { presentPublicReport } from './present.ts';

export async function lookUpCaller(ctx: Ctx, actor: Actor, phone: string, locale: Locale) {
  if (!canLookUpCallers(actor)) throw forbidden();
  const e164 = normalisePhone(phone, ctx.config.phoneCountryCode);
  if (!e164) throw invalidAs('detail.bad_phone', { value: phone }, 'phone');
  const parties = await searchParties(ctx.db, { phone: e164 }, 20);
  const reports = await reportsOfParties(
    ctx.db,
    caseReadScope(actor),
    parties.map((p) => p.id),
    20,
  );
  const now = ctx.now();
  return {
    phone: e164,
    parties: parties.map((p) => ({ id: p.id, name: p.name, phone: p.phone, email: p.email, address: p.address, locale: p.locale })),
    reports: reports.map((r) => ({
      ...presentPublicReport({ ...r, photo_ids: [], moderated: false, awaiting_review: false }, locale, now),
      caseId: r.case_id,
      partyId: r.party_id,
    })),
  };
}
