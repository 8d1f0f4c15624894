/**
 * Open311 use cases on top of Sistem 48: file a request, list and read requests, resolve a token,
 * and FixMyStreet's request updates.
 */
import type { Ctx } from '../../kernel/context.ts';
import type { Locale } from '../../i18n/index.ts';
import { invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { normaliseTrackingCode } from '../../cases/domain/tracking-code.ts';
import { fileReport } from '../commands/file-report.ts';
import { addReportUpdate } from '../commands/add-report-update.ts';
import type { PreparedPhoto } from '../photos.ts';
import { findCategory, listCategories } from '../repositories/category-repository.ts';
import {
  caseIdByReportNo,
  caseIdByTrackingCode,
  listPublicReports,
  publicEventsBetween,
  publicEventsOf,
  type ReportFilter,
} from '../repositories/report-repository.ts';
import { actorForApiKey } from './api-key.ts';
import { fmsStatus, service, serviceDefinition, serviceRequest } from './format.ts';

export type Params = Record<string, unknown>;

const one = (v: unknown): string | undefined =>
  Array.isArray(v) ? (v.length ? String(v[0]) : undefined) : v === undefined || v === null ? undefined : String(v);

function date(v: unknown, name: string): Date | undefined {
  const s = one(v);
  if (s === undefined || s === '') return undefined;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw invalidAs('detail.bad_datetime', { field: name }, name);
  return d;
}

function int(v: unknown, name: string, min: number, max: number): number | undefined {
  const s = one(v);
  if (s === undefined || s === '') return undefined;
  if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max)
    throw invalidAs('detail.whole_number_range', { field: name, min: String(min), max: String(max) }, name);
  return Number(s);
}

export async function listServices(ctx: Ctx, locale: Locale) {
  return (await listCategories(ctx.db, true)).map((c) => service(c, locale));
}

export async function getServiceDefinition(ctx: Ctx, code: string, locale: Locale) {
  const c = await findCategory(ctx.db, { code });
  if (!c || !c.active) throw notFound();
  return serviceDefinition(c, locale);
}

/** POST requests: files the report through the same command as the web form. */
export async function postServiceRequest(ctx: Ctx, p: Params, photos: PreparedPhoto[] = []) {
  const actor = await actorForApiKey(ctx, one(p.api_key));
  const code = one(p.service_code);
  if (!code) throw invalidAs('detail.v_required', { field: 'service_code' }, 'service_code');
  const attributes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
    if (m) attributes[m[1]!] = v;
  }
  if (p.attribute && typeof p.attribute === 'object' && !Array.isArray(p.attribute)) Object.assign(attributes, p.attribute);
  const lat = one(p.lat);
  const lon = one(p.long ?? p.lon);
  const num = (s: string | undefined, name: string) => {
    if (s === undefined || s === '') return null;
    const n = Number(s);
    if (!Number.isFinite(n)) throw invalidAs('detail.v_type', { field: name, type: 'number' }, name);
    return n;
  };
  const address = one(p.address_string) ?? (one(p.address_id) ? `address_id ${one(p.address_id)}` : undefined);
  const name = [one(p.first_name), one(p.last_name)].filter(Boolean).join(' ').trim();
  const email = one(p.email);
  const phone = one(p.phone);
  const mediaUrl = one(p.media_url);
  if (mediaUrl && !/^https?:\/\/\S{1,2000}$/.test(mediaUrl)) throw invalidAs('detail.media_url', {}, 'media_url');
  const r = await fileReport(ctx, actor, {
    via: 'open311',
    channel: 'api',
    category: { code },
    unknownCategory: () => invalidAs('detail.unknown_service', { code }, 'service_code'),
    description: one(p.description) ?? null,
    lat: num(lat, 'lat'),
    lon: num(lon, 'long'),
    address: address ?? null,
    fields: attributes,
    // A client passes the citizen's contact so that they hear back: that is the consent.
    contact: name || email || phone ? { name: name || null, email: email ?? null, phone: phone ?? null, consent: Boolean(email || phone) } : null,
    photos,
    externalClient: actor.name,
    mediaUrl: mediaUrl ?? null,
  });
  return [{ service_request_id: r.reportNo, service_notice: '', account_id: one(p.account_id) ?? null }];
}

/** GET requests with every filter of the specification and the common extensions. */
export async function getServiceRequests(ctx: Ctx, p: Params, opts: { locale: Locale; publicUrl: string }) {
  const ids = one(p.service_request_id)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids?.some((id) => !/^\d{1,18}$/.test(id))) throw invalidAs('detail.request_ids', {}, 'service_request_id');
  const pageSize = int(p.page_size, 'page_size', 1, 1000) ?? 1000;
  const page = int(p.page, 'page', 1, 1_000_000) ?? 1;
  const extensions = one(p.extensions) === 'true';
  let filter: ReportFilter;
  if (ids?.length) {
    // The specification: with service_request_id, every other filter is ignored.
    filter = { reportNos: ids.slice(0, 1000), limit: 1000, offset: 0 };
  } else {
    const codes = one(p.service_code)
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const categoryIds: number[] = [];
    for (const code of codes ?? []) {
      const c = await findCategory(ctx.db, { code });
      if (c) categoryIds.push(c.id);
    }
    const statuses = one(p.status)
      ?.split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw invalidAs('detail.v_enum', { field: 'status', allowed: '"open", "closed"' }, 'status');
    const start = date(p.start_date, 'start_date');
    const end = date(p.end_date, 'end_date');
    const updatedAfter = date(p.updated_after, 'updated_after');
    const updatedBefore = date(p.updated_before, 'updated_before');
    if (start && end && start > end) throw invalidAs('detail.dates_order', {}, 'start_date');
    const defaultWindow = !start && !end && !updatedAfter && !updatedBefore;
    filter = {
      categoryIds: codes ? categoryIds : undefined,
      open: statuses?.length === 1 ? statuses[0] === 'open' : undefined,
      from: start ?? (defaultWindow ? new Date(ctx.now().getTime() - 90 * 86_400_000) : undefined),
      to: end,
      updatedAfter,
      updatedBefore,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    };
  }
  const rows = await listPublicReports(ctx.db, filter);
  // The notes of a page of 1,000 requests, grouped once (filtering the whole list per request was quadratic).
  const eventsOf = new Map<string, Awaited<ReturnType<typeof publicEventsOf>>>();
  for (const e of extensions
    ? await publicEventsOf(
        ctx.db,
        rows.map((r) => r.case_id),
      )
    : []) {
    const list = eventsOf.get(e.case_id);
    if (list) list.push(e);
    else eventsOf.set(e.case_id, [e]);
  }
  const now = ctx.now();
  return rows.map((r) => serviceRequest(r, { ...opts, now, extensions, events: eventsOf.get(r.case_id) ?? [] }));
}

export async function getServiceRequest(ctx: Ctx, id: string, p: Params, opts: { locale: Locale; publicUrl: string }) {
  if (!(await caseIdByReportNo(ctx.db, id))) throw notFound();
  return getServiceRequests(ctx, { ...p, service_request_id: id }, opts);
}

/** Our requests exist as soon as they are posted, so a token (the tracking code) always resolves at once. */
export async function getToken(ctx: Ctx, token: string) {
  const caseId = await caseIdByTrackingCode(ctx.db, normaliseTrackingCode(token));
  if (!caseId) throw notFound();
  const [row] = await listPublicReports(ctx.db, { caseIds: [caseId], limit: 1, offset: 0 });
  if (!row) throw notFound();
  return [{ service_request_id: String(row.report_no), token }];
}

export async function getRequestUpdates(ctx: Ctx, p: Params, _opts: { locale: Locale }) {
  const end = date(p.end_date, 'end_date') ?? ctx.now();
  const start = date(p.start_date, 'start_date') ?? new Date(end.getTime() - 86_400_000);
  if (start > end) throw invalidAs('detail.dates_order', {}, 'start_date');
  const rows = await publicEventsBetween(ctx.db, { from: start, to: end, limit: 1000 });
  return rows.map((e) => {
    const d = (e.data ?? {}) as Record<string, unknown>;
    const statusThen = (typeof d.to === 'string' ? d.to : typeof d.status === 'string' ? d.status : e.status) as Parameters<typeof fmsStatus>[0];
    return {
      update_id: String(e.id),
      service_request_id: String(e.report_no),
      status: fmsStatus(statusThen, e.type === 'case.merged' && d.role === 'duplicate', e.type),
      updated_datetime: new Date(e.occurred_at),
      description: (e.type === 'case.note_added' || e.type === 'case.field_result' || e.type === 'case.response_given') && e.note ? e.note : '',
      media_url: '',
    };
  });
}

export async function postRequestUpdate(ctx: Ctx, p: Params) {
  const actor = await actorForApiKey(ctx, one(p.api_key));
  const id = one(p.service_request_id);
  if (!id) throw invalidAs('detail.v_required', { field: 'service_request_id' }, 'service_request_id');
  const caseId = await caseIdByReportNo(ctx.db, id);
  if (!caseId) throw notFound();
  const r = await addReportUpdate(ctx, actor, {
    caseId,
    description: one(p.description) ?? '',
    externalUpdateId: one(p.update_id) ?? null,
    mediaUrl: one(p.media_url) ?? null,
  });
  return [{ update_id: r.updateId }];
}
