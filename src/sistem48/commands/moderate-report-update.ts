/**
 * A moderator changes what the public reads of one update of a report (a citizen's or an Open311
 * client's note): edits or redacts its text, hides or shows it, restores it as written, or approves
 * it when it awaited review. The note as written stays for staff. Each change is a case.text_moderated
 * event (who, why, what the public reads now) and an audit entry.
 */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, notFound } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canModerateText } from '../policy.ts';
import { lockPublicUpdate, saveUpdateModeration, type UpdateModeration } from '../repositories/report-repository.ts';
import { checkModeration, type ModerationInput, type UpdateAction } from '../domain/moderation.ts';
import { lockVisibleReport } from './locked-report.ts';

export async function moderateReportUpdate(ctx: Ctx, actor: Actor, caseId: string, eventId: string, input: ModerationInput<UpdateAction>) {
  const m = checkModeration(input);
  return ctx.db.transaction().execute(async (tx) => {
    const { c } = await lockVisibleReport(tx, actor, caseId);
    if (!canModerateText(actor)) throw forbidden();
    const u = await lockPublicUpdate(tx, c.id, eventId);
    if (!u) throw notFound();
    const before: UpdateModeration = { publicNote: u.public_note, hidden: Boolean(u.hidden), awaitingReview: Boolean(u.awaiting_review) };
    const after: UpdateModeration =
      m.action === 'hide'
        ? { ...before, hidden: true, awaitingReview: false }
        : m.action === 'show'
          ? { ...before, hidden: false, awaitingReview: false }
          : m.action === 'approve'
            ? { ...before, awaitingReview: false }
            : { publicNote: m.publicText, hidden: false, awaitingReview: false };
    await saveUpdateModeration(tx, c.id, u.id, after, ctx.now());
    const e = await recordCaseEvent(tx, ctx, c, actor, {
      type: 'case.text_moderated',
      visibility: 'internal',
      note: m.reason,
      data: { target: 'update', updateId: u.id, action: m.action, publicText: after.publicNote, hidden: after.hidden },
    });
    await audit(tx, actor, `moderate_update_${m.action}`, 'case_event', u.id, before, after);
    return { caseId: c.id, updateId: u.id, eventId: e.id, ...after };
  });
}
