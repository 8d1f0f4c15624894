/**
 * A citizen adds a comment, documents or photos to their own case or report from the portal. The case
 * must be theirs (their scope; anyone else's is "not found"); the files become documents visible to
 * staff only (what a citizen sends may show people, plates or papers the public must not see), and
 * the whole reply is one citizen reply: an unread update in the unit's queue, and a case that waited
 * for the citizen goes back to work with its clock running again.
 */
import type { Readable } from 'node:stream';
import type { Actor } from '../../kernel/types.ts';
import type { Ctx } from '../../kernel/context.ts';
import { forbidden, notFound, invalidAs } from '../../kernel/lib/errors.ts';
import { caseReadScope } from '../../cases/policy.ts';
import { findVisibleCase } from '../../cases/repositories/case-repository.ts';
import { addCaseDocument } from '../../cases/commands/add-case-document.ts';
import { recordCitizenReply } from '../../cases/commands/record-citizen-reply.ts';

export type ReplyPart =
  | { kind: 'field'; name: string; value: string }
  | { kind: 'file'; filename: string; mimetype: string; stream: Readable; truncated: () => boolean };

export const MAX_REPLY_FILES = 5;
const MAX_REPLY_TEXT = 5000;

export async function addPortalReply(ctx: Ctx, actor: Actor, caseId: string, parts: AsyncIterable<ReplyPart>) {
  if (actor.kind !== 'citizen') throw forbidden();
  const c = await findVisibleCase(ctx.db, caseReadScope(actor), { id: caseId });
  if (!c) {
    for await (const p of parts) if (p.kind === 'file') p.stream.resume();
    throw notFound();
  }
  // Documents are filed for the citizen by Glas: citizens may not file documents on cases themselves.
  const filer: Actor = { kind: 'system', name: `${actor.name} (portal)` };
  let text = '';
  const documentIds: string[] = [];
  for await (const p of parts) {
    if (p.kind === 'field') {
      if (p.name === 'text') text = p.value.trim();
      continue;
    }
    if (documentIds.length >= MAX_REPLY_FILES) {
      p.stream.resume();
      throw invalidAs('detail.reply_too_many_files', { limit: MAX_REPLY_FILES }, 'file');
    }
    const doc = await addCaseDocument(ctx, filer, {
      caseId: c.id,
      filename: p.filename,
      declaredType: p.mimetype,
      stream: p.stream,
      visibility: 'internal',
      truncated: p.truncated,
    });
    documentIds.push(doc.id);
  }
  if (text.length > MAX_REPLY_TEXT) throw invalidAs('detail.field_too_long', { field: 'text', limit: MAX_REPLY_TEXT }, 'text');
  if (!text && !documentIds.length) throw invalidAs('detail.reply_empty', {}, 'text');
  return recordCitizenReply(ctx, filer, { caseId: c.id, text: text || null, via: 'portal', documentIds });
}
