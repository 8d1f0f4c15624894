/**
 * Photo intake: only real JPEG and PNG files (checked by their bytes, not their name), within the
 * size limit; the GPS position is read first, then the image is turned upright, shrunk to the
 * maximum dimension and re-encoded, which drops every other piece of EXIF and other metadata.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp, { type OutputInfo } from 'sharp';
import { AppError, invalidAs } from '../kernel/lib/errors.ts';
import { sniffContentType } from '../kernel/lib/content-type.ts';
import { readGpsFromImage } from './domain/exif-gps.ts';
import type { Point } from './domain/geo.ts';

export interface PreparedPhoto {
  id: string;
  data: Buffer;
  contentType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  sha256: string;
  gps: Point | null;
}

const mb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`);

export async function preparePhoto(raw: Buffer, limits: { maxBytes: number; maxDimension: number }): Promise<PreparedPhoto> {
  if (raw.length > limits.maxBytes) throw photoTooLarge(limits.maxBytes);
  if (!raw.length) throw invalidAs('detail.file_empty', {}, 'photos');
  const type = sniffContentType(raw.subarray(0, 64), '');
  if (type !== 'image/jpeg' && type !== 'image/png') throw new AppError('unsupported_media_type', { type: type ?? 'unknown' }, { field: 'photos' });
  const gps = readGpsFromImage(raw);
  let out: { data: Buffer; info: OutputInfo };
  try {
    const img = sharp(raw, { failOn: 'error', limitInputPixels: 60_000_000 })
      .rotate()
      .resize({ width: limits.maxDimension, height: limits.maxDimension, fit: 'inside', withoutEnlargement: true });
    out = await (type === 'image/jpeg' ? img.jpeg({ quality: 82 }) : img.png({ compressionLevel: 8 })).toBuffer({ resolveWithObject: true });
  } catch {
    throw invalidAs('sistem48.err_photo_unreadable', {}, 'photos');
  }
  return {
    id: randomUUID(),
    data: out.data,
    contentType: type,
    width: out.info.width,
    height: out.info.height,
    sha256: createHash('sha256').update(out.data).digest('hex'),
    gps,
  };
}

export function photoPath(dataDir: string, storageKey: string): string {
  return path.join(dataDir, 'photos', storageKey);
}

export function storageKeyFor(caseId: string, p: PreparedPhoto): string {
  return `${caseId}/${p.id}.${p.contentType === 'image/png' ? 'png' : 'jpg'}`;
}

/** Writes photos before the transaction commits; returns an undo for when it does not. */
export async function writePhotos(dataDir: string, caseId: string, photos: readonly PreparedPhoto[]): Promise<() => Promise<void>> {
  const written: string[] = [];
  const undo = async () => {
    for (const f of written) await fs.rm(f, { force: true });
  };
  try {
    for (const p of photos) {
      const file = photoPath(dataDir, storageKeyFor(caseId, p));
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, p.data);
      written.push(file);
    }
  } catch (e) {
    await undo();
    throw e;
  }
  return undo;
}

/** A photo over the size limit, naming the photos' own limit, beside the photos field. */
export const photoTooLarge = (maxBytes: number) => new AppError('payload_too_large', { limit: mb(maxBytes) }, { field: 'photos' });

/**
 * What a multipart limit hit while reading photos means, said about the photos: a file over the size
 * (the multipart reader throws before the size check sees it) or more files than allowed.
 */
export function photoLimitError(e: unknown, limits: { maxBytes: number; maxCount: number }): unknown {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return photoTooLarge(limits.maxBytes);
  if (code === 'FST_FILES_LIMIT') return invalidAs('sistem48.err_photos_max', { n: limits.maxCount }, 'photos');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return invalidAs('detail.form_too_many_parts', {}, 'body');
  return e;
}
