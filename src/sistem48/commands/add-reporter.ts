/**
 * "Already reported": a caller whose problem is an open report already becomes one more reporter of
 * it, instead of filing a duplicate. With consent they are told how it goes, like the first reporter
 * (and like the reporters of a merged duplicate). The link is an internal case event; the public
 * timeline shows no one's name.
 */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import type { Ctx } from '../../kernel/context.ts';
import { insertNewParty } from '../../cases/commands/register-case.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import { findPartiesByIds } from '../../cases/repositories/party-repository.ts';
import { caseParties, linkParty } from '../../cases/repositories/case-repository.ts';
import { canLookUpCallers } from '../policy.ts';
import type { ReportContact } from './file-report.ts';
import { lockVisibleReport } from './locked-report.ts';
import { recordReporterConsent } from './reporter-consent.ts';

export interface AddReporterInput {
  caseId: string;
  partyId?: string | null;
  contact?: ReportContact | null;
}

export async function addReporter(ctx: Ctx, actor: Actor, input: AddReporterInput) {
  // The people who take calls, on a report within their own scope (one out of it is "not found").
  if (!canLookUpCallers(actor)) throw forbidden();
  const c = input.contact;
  if (!input.partyId && !(c?.name?.trim() || c?.phone?.trim() || c?.email?.trim())) throw invalidAs('detail.name_caller', {}, 'contact');
  return ctx.db.transaction().execute(async (tx) => {
    const { c: locked, r } = await lockVisibleReport(tx, actor, input.caseId);
    if (r.merged_into || !locked.is_open) throw new AppError('report_closed');
    let partyId: string;
    if (input.partyId) {
      const found = (await findPartiesByIds(tx, [input.partyId]))[0];
      if (!found) throw invalidAs('detail.unknown_party', { id: input.partyId }, 'partyId');
      partyId = found.id;
    } else {
      partyId = (
        await insertNewParty(tx, ctx, {
          kind: 'person',
          name: c?.name?.trim() || 'Anonymous reporter',
          phone: c?.phone?.trim() || null,
          email: c?.email?.trim() || null,
          locale: c?.locale ?? null,
        })
      ).id;
    }
    const already = (await caseParties(tx, locked.id)).some((p) => p.id === partyId);
    if (c?.consent) await recordReporterConsent(tx, ctx, actor, 'staff', { role: 'reporter', partyId });
    if (!already) {
      await linkParty(tx, locked.id, partyId, 'reporter');
      await recordCaseEvent(tx, ctx, locked, actor, { type: 'case.party_added', visibility: 'internal', data: { partyId, role: 'reporter', via: 'phone' } });
    }
    return { caseId: locked.id, number: locked.number, partyId, alreadyReporter: already };
  });
}
