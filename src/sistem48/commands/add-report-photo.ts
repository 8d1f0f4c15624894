/**
 * Adds a photo to an existing report: staff from the field (public at once: staff took it for the
 * public record) or a citizen later (waits for approval like the ones sent with the report).
 */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { recordCaseEvent } from '../../cases/commands/record-case-event.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canWorkOnReport, canModeratePhotos } from '../policy.ts';
import { insertPhoto, listPhotos } from '../repositories/photo-repository.ts';
import { storageKeyFor, writePhotos, type PreparedPhoto } from '../photos.ts';
import { lockVisibleReport } from './locked-report.ts';

export async function addReportPhoto(ctx: Ctx, actor: Actor, input: { caseId: string; photo: PreparedPhoto; source: 'field' | 'citizen' }) {
  if (input.source === 'field' ? !canWorkOnReport(actor) && !canModeratePhotos(actor) : actor.kind === 'staff' && !canModeratePhotos(actor)) throw forbidden();
  const cleanup: { undo?: () => Promise<void> } = {};
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const { c } = await lockVisibleReport(tx, actor, input.caseId);
      if ((await listPhotos(tx, c.id)).length >= 50) throw invalidAs('detail.photos_full', { n: 50 }, 'photo');
      const p = input.photo;
      const now = ctx.now();
      const byStaff = input.source === 'field' && actor.kind === 'staff';
      await insertPhoto(tx, {
        id: p.id,
        caseId: c.id,
        source: input.source,
        contentType: p.contentType,
        width: p.width,
        height: p.height,
        sizeBytes: p.data.length,
        sha256: p.sha256,
        storageKey: storageKeyFor(c.id, p),
        uploadedBy: actor.kind === 'system' ? null : actor.userId,
        approvedAt: byStaff ? now : null,
        approvedBy: byStaff ? actor.userId : null,
      });
      await recordCaseEvent(tx, ctx, c, actor, {
        type: 'case.document_added',
        visibility: byStaff ? 'public' : 'internal',
        data: { photoId: p.id, contentType: p.contentType, sizeBytes: p.data.length, source: input.source },
      });
      cleanup.undo = await writePhotos(ctx.config.dataDir, c.id, [p]);
      return { id: p.id, caseId: c.id, width: p.width, height: p.height, approved: byStaff };
    });
  } catch (e) {
    await cleanup.undo?.();
    throw e;
  }
}
