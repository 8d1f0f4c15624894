/**
 * A moderator changes what the public reads of a report: edits or redacts its description, restores
 * it to the text as written, or approves a report that awaited review (publishing it and the updates
 * that waited with it). The citizen's text is never changed: staff keep reading it. Each change is a
 * case.text_moderated event (who, why, what the public reads now) and an audit entry.
 */
import type { Actor } from '../../kernel/types.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canModerateText } from '../policy.ts';
import { approvePendingUpdates, saveReportModeration } from '../repositories/report-repository.ts';
import { checkModeration, type ModerationInput } from '../domain/moderation.ts';
import { lockVisibleReport } from './locked-report.ts';

export async function moderateReport(ctx: Ctx, actor: Actor, caseId: string, input: ModerationInput<'edit' | 'redact' | 'restore' | 'approve'>) {
  const m = checkModeration(input);
  return ctx.db.transaction().execute(async (tx) => {
    // Out of scope answers like a missing report; in scope without the right, forbidden.
    const { c, r } = await lockVisibleReport(tx, actor, caseId);
    if (!canModerateText(actor)) throw forbidden();
    const before = { publicDescription: r.public_description, awaitingReview: r.awaiting_review };
    // Any decision of a moderator on the text is a review: the report is published with it.
    const after = { publicDescription: m.action === 'approve' ? r.public_description : m.publicText, awaitingReview: false };
    await saveReportModeration(tx, c.id, after);
    if (before.awaitingReview) await approvePendingUpdates(tx, c.id, ctx.now());
    const e = await recordCaseEvent(tx, ctx, c, actor, {
      type: 'case.text_moderated',
      visibility: 'internal',
      note: m.reason,
      data: { target: 'report', action: m.action, publicText: after.publicDescription, published: before.awaitingReview },
    });
    await audit(tx, actor, `moderate_${m.action}`, 'problem_report', c.id, before, after);
    return { caseId: c.id, eventId: e.id, publicDescription: after.publicDescription, awaitingReview: false };
  });
}
