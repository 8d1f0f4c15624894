/**
 * Staff ask the citizen something about their case (a detail, a photo) without declaring the file
 * incomplete: the question is a public note the citizen is told of at once (kind `question`), and the
 * answer clock pauses until the citizen replies (record-citizen-reply.ts) or staff move the case on.
 */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden, notFound, invalidAs } from '../../kernel/lib/errors.ts';
import { caseReadScope, canActOnCase } from '../policy.ts';
import { isOpen } from '../domain/case-status.ts';
import { lockVisibleCase } from '../repositories/case-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { recordCaseEvent } from './record-case-event.ts';

export async function askCitizen(ctx: Ctx, actor: Actor, input: { caseId: string; text: string }) {
  const text = input.text.trim();
  if (!text) throw invalidAs('detail.question_missing', {}, 'text');
  return ctx.db.transaction().execute(async (tx) => {
    const c = await lockVisibleCase(tx, caseReadScope(actor), input.caseId);
    if (!c) throw notFound();
    if (!canActOnCase(actor, 'note')) throw forbidden();
    if (!isOpen(c.status)) throw new AppError('conflict', {}, { reason: 'the case is closed' });
    const now = ctx.now();
    const e = await recordCaseEvent(tx, ctx, c, actor, {
      type: 'case.note_added',
      visibility: 'public',
      note: text,
      data: { question: true, ...(c.paused_at ? {} : { pausedAt: now.toISOString() }) },
      casePatch: c.paused_at ? {} : { paused_at: now },
      at: now,
    });
    return { seq: e.seq, pausedAt: c.paused_at ?? now };
  });
}
