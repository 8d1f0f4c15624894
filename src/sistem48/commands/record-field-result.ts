/**
 * What the crew found and did on site, with a note for the citizen (public) and the photo ids
 * already uploaded from the field; optionally the report is resolved in the same step.
 */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { canActOnCase } from '../../cases/policy.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import { assertMove, moveCaseStatus } from '../../cases/commands/move-case-status.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canWorkOnReport } from '../policy.ts';
import { listPhotos } from '../repositories/photo-repository.ts';
import { lockVisibleReport } from './locked-report.ts';

export async function recordFieldResult(ctx: Ctx, actor: Actor, input: { caseId: string; note: string; photoIds?: string[]; resolve?: boolean }) {
  if (!input.note.trim()) throw invalidAs('detail.field_result_note', {}, 'note');
  return ctx.db.transaction().execute(async (tx) => {
    const { c } = await lockVisibleReport(tx, actor, input.caseId);
    if (!canWorkOnReport(actor)) throw forbidden();
    const photos = await listPhotos(tx, c.id);
    const unknown = (input.photoIds ?? []).find((id) => !photos.some((p) => p.id === id));
    if (unknown) throw invalidAs('detail.photo_not_of_report', { id: String(unknown) }, 'photoIds');
    const event = await recordCaseEvent(tx, ctx, c, actor, {
      type: 'case.field_result',
      note: input.note,
      data: { photoIds: input.photoIds ?? [], resolved: Boolean(input.resolve) },
    });
    if (input.resolve) {
      assertMove(c.status, 'resolved');
      if (!canActOnCase(actor, 'transition', 'resolved')) throw forbidden();
      await moveCaseStatus(tx, ctx, c, actor, { to: 'resolved', event: { type: 'case.status_changed' } });
    }
    return { caseId: c.id, eventSeq: event.seq, resolved: Boolean(input.resolve) };
  });
}
