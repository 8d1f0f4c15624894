/**
 * Reads a report from the web form or the operator console, sent as JSON or as multipart/form-data
 * with photos. Photos are read into memory within the configured size and count (small by design)
 * and prepared (checked, resized, stripped) before anything is written.
 */
import type { FastifyRequest } from 'fastify';
import { invalidAs, pathOfNul } from '../../kernel/lib/errors.ts';
import type { Sistem48Settings } from '../settings.ts';
import { photoLimitError, photoTooLarge, preparePhoto, type PreparedPhoto } from '../photos.ts';
import type { ReportContact } from '../commands/file-report.ts';

export interface ReportForm {
  category: { id: number } | { code: string };
  description: string | null;
  lat: number | null;
  lon: number | null;
  address: string | null;
  fields: Record<string, unknown>;
  contact: ReportContact | null;
  partyId: string | null;
  photos: PreparedPhoto[];
}

const num = (v: unknown, field: string): number | null => {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(String(v).replace(',', '.'));
  if (!Number.isFinite(n)) throw invalidAs('detail.v_type', { field, type: 'number' }, field);
  return n;
};
const str = (v: unknown, field: string, max: number): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw invalidAs('detail.v_type', { field, type: 'string' }, field);
  if (v.length > max) throw invalidAs('detail.field_too_long', { field, limit: max }, field);
  return v;
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const bool = (v: unknown) => v === true || v === 'true' || v === '1' || v === 'on' || v === 'yes';

export function categoryRef(v: unknown): { id: number } | { code: string } {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return { id: v };
  if (typeof v === 'string' && /^\d{1,9}$/.test(v)) return { id: Number(v) };
  if (typeof v === 'string' && /^[a-z0-9_-]{1,40}$/.test(v)) return { code: v };
  throw invalidAs('sistem48.err_unknown_category', {}, 'category');
}

/** Builds the report from flat values: JSON bodies may nest contact and fields; form bodies use contact_name, field[code]. */
export function reportFromValues(b: Record<string, unknown>, photos: PreparedPhoto[]): ReportForm {
  // JSON bodies were checked by the app's hook; multipart fields arrive here unchecked.
  const nul = pathOfNul(b);
  if (nul !== null) throw invalidAs('detail.nul_char', { field: nul }, nul);
  const contactObj = (typeof b.contact === 'object' && b.contact !== null ? b.contact : {}) as Record<string, unknown>;
  const fields: Record<string, unknown> = typeof b.fields === 'object' && b.fields !== null ? { ...(b.fields as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(b)) {
    const m = /^(?:field|fields|attribute)\[([a-z0-9_]{1,40})\](\[\])?$/.exec(k);
    if (m) fields[m[1]!] = v;
  }
  const name = str(contactObj.name ?? b.contact_name, 'contact.name', 200);
  const phone = str(contactObj.phone ?? b.contact_phone, 'contact.phone', 30);
  const email = str(contactObj.email ?? b.contact_email, 'contact.email', 254);
  // Form bodies name it contact_consent like the other contact fields; plain consent is accepted too.
  const consent = bool(contactObj.consent ?? b.contact_consent ?? b.consent);
  const locale = str(contactObj.locale ?? b.locale, 'locale', 10);
  const partyId = str(b.partyId, 'partyId', 36);
  if (partyId && !UUID.test(partyId)) throw invalidAs('detail.v_format', { field: 'partyId' }, 'partyId');
  return {
    category: categoryRef(b.category ?? b.categoryId),
    description: str(b.description, 'description', 5000),
    lat: num(b.lat, 'lat'),
    lon: num(b.lon ?? b.long, 'lon'),
    address: str(b.address, 'address', 300),
    fields,
    contact: name || phone || email ? { name, phone, email, consent, locale } : null,
    partyId,
    photos,
  };
}

export async function readReportForm(req: FastifyRequest, settings: Sistem48Settings): Promise<ReportForm> {
  if (!req.isMultipart()) {
    const body = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidAs('detail.report_body_shape', {}, 'body');
    return reportFromValues(body as Record<string, unknown>, []);
  }
  const { values, raw } = await readParts(req, settings).catch((e: unknown) => {
    throw photoLimitError(e, { maxBytes: settings.photoMaxBytes, maxCount: settings.photoMaxCount });
  });
  const photos: PreparedPhoto[] = [];
  for (const buf of raw) photos.push(await preparePhoto(buf, { maxBytes: settings.photoMaxBytes, maxDimension: settings.photoMaxDimension }));
  return reportFromValues(values, photos);
}

async function readParts(req: FastifyRequest, settings: Sistem48Settings): Promise<{ values: Record<string, unknown>; raw: Buffer[] }> {
  const values: Record<string, unknown> = {};
  const raw: Buffer[] = [];
  const parts = req.parts({ limits: { files: settings.photoMaxCount, fileSize: settings.photoMaxBytes, fields: 60, parts: 80, fieldSize: 10_000 } });
  for await (const part of parts) {
    if (part.type === 'file') {
      if (part.fieldname !== 'photos' && part.fieldname !== 'photo' && part.fieldname !== 'media') {
        part.file.resume();
        throw invalidAs('detail.unexpected_file_field', { field: part.fieldname }, part.fieldname);
      }
      const buf = await part.toBuffer();
      if (part.file.truncated) throw photoTooLarge(settings.photoMaxBytes);
      if (buf.length) raw.push(buf);
    } else {
      const v = part.value;
      if (part.fieldname.endsWith('[]')) {
        const key = part.fieldname;
        values[key] = [...((values[key] as unknown[]) ?? []), v];
      } else values[part.fieldname] = v;
    }
  }
  return { values, raw };
}
