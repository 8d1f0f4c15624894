/**
 * Attaches a document to a case. The upload is streamed to a temporary file (never held in memory),
 * its size and real content type checked, and only then is it recorded and moved into place in
 * one transaction, so a refused or interrupted upload leaves neither a row nor a file behind.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Actor, Visibility } from '../../kernel/types.ts';
import { AppError, forbidden, invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { sniffContentType } from '../../kernel/lib/content-type.ts';
import { caseReadScope, canActOnCase } from '../policy.ts';
import { findVisibleCase, lockVisibleCase } from '../repositories/case-repository.ts';
import { insertDocument } from '../repositories/document-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { recordCaseEvent } from './record-case-event.ts';
import { acceptsWork } from '../domain/case-status.ts';

export interface DocumentUpload {
  caseId: string;
  filename: string;
  declaredType: string;
  stream: Readable;
  visibility?: Visibility;
  truncated: () => boolean;
}

export function documentPath(dataDir: string, storageKey: string): string {
  return path.join(dataDir, 'documents', storageKey);
}

export async function addCaseDocument(ctx: Ctx, actor: Actor, up: DocumentUpload) {
  const scope = caseReadScope(actor);
  const visible = await findVisibleCase(ctx.db, scope, { id: up.caseId });
  if (!visible) {
    up.stream.resume();
    throw notFound();
  }
  if (!canActOnCase(actor, 'document')) {
    up.stream.resume();
    throw forbidden();
  }
  // An archived case's file is closed; refused before the upload is read (and again under the lock below).
  if (!acceptsWork(visible.status, 'document')) {
    up.stream.resume();
    throw new AppError('case_archived');
  }
  const filename = path.basename(up.filename || 'document').slice(0, 200);
  if (!filename || filename === '.' || filename === '..') {
    up.stream.resume();
    throw invalidAs('detail.file_needs_name', {}, 'file');
  }

  const id = randomUUID();
  const tmpDir = path.join(ctx.config.dataDir, 'documents', 'tmp');
  await fs.mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, id);
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const limit = ctx.config.maxUploadBytes;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > limit) return cb(new AppError('payload_too_large', { limit: `${Math.round((limit / 1024 / 1024) * 10) / 10} MB` }));
      if (head.length < 4096) head = Buffer.concat([head, chunk.subarray(0, 4096 - head.length)]);
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(up.stream, meter, createWriteStream(tmp));
    if (up.truncated()) throw new AppError('payload_too_large', { limit: `${Math.round((limit / 1024 / 1024) * 10) / 10} MB` });
    if (size === 0) throw invalidAs('detail.file_empty', {}, 'file');
    const actual = sniffContentType(head, up.declaredType);
    if (!actual || !ctx.config.uploadTypes.includes(actual)) throw new AppError('unsupported_media_type', { type: actual ?? up.declaredType });

    const storageKey = `${up.caseId}/${id}`;
    const finalPath = documentPath(ctx.config.dataDir, storageKey);
    await fs.mkdir(path.dirname(finalPath), { recursive: true });
    let moved = false;
    try {
      return await ctx.db.transaction().execute(async (tx) => {
        const c = await lockVisibleCase(tx, scope, up.caseId);
        if (!c) throw notFound();
        if (!acceptsWork(c.status, 'document')) throw new AppError('case_archived');
        const doc = await insertDocument(tx, {
          id,
          caseId: c.id,
          filename,
          contentType: actual,
          sizeBytes: size,
          sha256: hash.digest('hex'),
          storageKey,
          visibility: up.visibility ?? 'public',
          uploadedBy: actor.kind === 'system' ? null : actor.userId,
        });
        await recordCaseEvent(tx, ctx, c, actor, {
          type: 'case.document_added',
          visibility: up.visibility ?? 'public',
          data: { documentId: id, filename, contentType: actual, sizeBytes: size },
        });
        await fs.rename(tmp, finalPath);
        moved = true;
        return doc;
      });
    } catch (e) {
      if (moved) await fs.rm(finalPath, { force: true });
      throw e;
    }
  } finally {
    await fs.rm(tmp, { force: true });
  }
}
