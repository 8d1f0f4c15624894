/**
 * Merges a duplicate report into the one that stays. Every party of the duplicate becomes a party
 * of the surviving case, so each reporter hears of its resolution; both cases record case.merged;
 * the duplicate is closed as resolved (by the surviving report; the rule is checkMergeClose in the
 * case lifecycle) and its SLA jobs are cancelled. A duplicate that is already closed is refused.
 */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { linkParty } from '../../cases/repositories/case-repository.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import { moveCaseStatus } from '../../cases/commands/move-case-status.ts';
import { checkMergeClose, MERGED_DUPLICATE_STATUS } from '../../cases/domain/case-status.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canMerge } from '../policy.ts';
import { partyLinks, updateReport } from '../repositories/report-repository.ts';
import { removeJobs } from '../repositories/sla-repository.ts';
import { slaJobKey } from './file-report.ts';
import { lockVisibleReport } from './locked-report.ts';

export async function mergeReports(ctx: Ctx, actor: Actor, input: { caseId: string; intoCaseId: string; note?: string | null }) {
  if (input.caseId === input.intoCaseId) throw invalidAs('detail.merge_into_itself', {}, 'intoCaseId');
  return ctx.db.transaction().execute(async (tx) => {
    // Lock in a fixed order so two opposite merges cannot deadlock.
    const [firstId, secondId] = [input.caseId, input.intoCaseId].sort();
    const first = await lockVisibleReport(tx, actor, firstId!);
    const second = await lockVisibleReport(tx, actor, secondId!);
    const dup = first.c.id === input.caseId ? first : second;
    const into = dup === first ? second : first;
    if (!canMerge(actor)) throw forbidden();
    if (dup.r.merged_into) throw new AppError('conflict', {}, { reason: 'the report is already merged' });
    if (!checkMergeClose(dup.c.status).ok) throw new AppError('report_closed', {}, { status: dup.c.status });
    if (into.r.merged_into || !into.c.is_open) throw new AppError('conflict', {}, { reason: 'the report to merge into is closed or merged' });
    const now = ctx.now();
    const dupReportNo = String(dup.r.report_no);
    const intoReportNo = String(into.r.report_no);

    const links = await partyLinks(tx, dup.c.id);
    for (const l of links) await linkParty(tx, into.c.id, l.party_id, l.role === 'applicant' ? 'reporter' : l.role);
    await updateReport(tx, dup.c.id, { merged_into: into.c.id });
    await removeJobs(tx, [slaJobKey(dup.c.id, 'warning'), slaJobKey(dup.c.id, 'breach')]);

    await moveCaseStatus(tx, ctx, dup.c, actor, {
      to: MERGED_DUPLICATE_STATUS,
      rule: 'merge_close',
      event: {
        type: 'case.merged',
        note: input.note ?? null,
        at: now,
        data: { role: 'duplicate', from: dup.c.status, to: MERGED_DUPLICATE_STATUS, intoCaseId: into.c.id, intoNumber: into.c.number, intoReportNo },
      },
    });
    await recordCaseEvent(tx, ctx, into.c, actor, {
      type: 'case.merged',
      note: input.note ?? null,
      data: { role: 'surviving', mergedCaseId: dup.c.id, mergedNumber: dup.c.number, mergedReportNo: dupReportNo, partiesAdded: links.length },
    });
    return { caseId: dup.c.id, intoCaseId: into.c.id, intoNumber: into.c.number, partiesAdded: links.length };
  });
}
