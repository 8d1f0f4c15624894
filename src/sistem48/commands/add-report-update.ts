/**
 * A comment on a report from an Open311 client (FixMyStreet's POST servicerequestupdates), recorded as a
 * public note. In a category that asks for review, the note waits for a moderator before the public
 * (and the case's other citizens) read it.
 */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, invalid, invalidAs } from '../../kernel/lib/errors.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import { findCaseEventByDataKey } from '../../cases/repositories/case-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canFileReport } from '../policy.ts';
import { descriptionProblem } from '../../kernel/lib/public-text.ts';
import { lockVisibleReport } from './locked-report.ts';
import { findCategory } from '../repositories/category-repository.ts';
import { saveUpdateModeration } from '../repositories/report-repository.ts';

export async function addReportUpdate(
  ctx: Ctx,
  actor: Actor,
  input: { caseId: string; description: string; externalUpdateId?: string | null; mediaUrl?: string | null },
) {
  if (!canFileReport(actor, 'open311')) throw forbidden();
  const text = input.description.trim();
  if (!text) throw invalidAs('detail.update_needs_text', {}, 'description');
  if (text.length > 5000) throw invalidAs('detail.field_too_long', { field: 'description', limit: 5000 }, 'description');
  const markup = descriptionProblem(text);
  if (markup) throw invalid(markup, 'description');
  return ctx.db.transaction().execute(async (tx) => {
    // Open311 clients file for anyone: the report is reached through the system scope, the act is the client's.
    const { c, r } = await lockVisibleReport(tx, { kind: 'system', name: actor.name }, input.caseId);
    // A client that retries (its update_id is the same) gets the update it already made, not a second note.
    if (input.externalUpdateId) {
      const earlier = await findCaseEventByDataKey(tx, {
        caseId: c.id,
        type: 'case.note_added',
        actorId: actor.kind === 'system' ? null : actor.userId,
        dataKey: 'externalUpdateId',
        value: input.externalUpdateId,
      });
      if (earlier) return { updateId: earlier.id, caseId: c.id, at: new Date(earlier.occurred_at) };
    }
    const awaitingReview = r.awaiting_review || Boolean((await findCategory(tx, { id: r.category_id }))?.review_required);
    const e = await recordCaseEvent(tx, ctx, c, actor, {
      type: 'case.note_added',
      visibility: 'public',
      note: text,
      // awaitingReview keeps the text out of the messages to the case's citizens (src/notifications/domain/render.ts).
      data: {
        source: 'open311',
        externalUpdateId: input.externalUpdateId ?? null,
        mediaUrl: input.mediaUrl ?? null,
        ...(awaitingReview ? { awaitingReview: true } : {}),
      },
    });
    if (awaitingReview) await saveUpdateModeration(tx, c.id, e.id, { publicNote: null, hidden: false, awaitingReview: true }, ctx.now());
    return { updateId: e.id, caseId: c.id, at: e.occurredAt };
  });
}
