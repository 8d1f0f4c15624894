/** Staff approve a citizen's photo for the public pages (after checking it shows no faces, plates or private places). */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, notFound } from '../../kernel/lib/errors.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canModeratePhotos } from '../policy.ts';
import { approvePhoto, findPhoto } from '../repositories/photo-repository.ts';
import { lockVisibleReport } from './locked-report.ts';

export async function approveReportPhoto(ctx: Ctx, actor: Actor, photoId: string) {
  return ctx.db.transaction().execute(async (tx) => {
    const photo = await findPhoto(tx, photoId);
    if (!photo) throw notFound();
    const { c } = await lockVisibleReport(tx, actor, photo.case_id);
    if (!canModeratePhotos(actor)) throw forbidden();
    const row = await approvePhoto(tx, photo.id, actor.kind === 'system' ? null : actor.userId, ctx.now());
    if (!row) return { id: photo.id, approved: true, changed: false };
    await recordCaseEvent(tx, ctx, c, actor, { type: 'case.document_added', data: { photoId: photo.id, contentType: photo.content_type, approved: true } });
    return { id: photo.id, approved: true, changed: true };
  });
}
