/** Read side of problem reports: public list, map and detail, duplicates, and the staff view with its clock. */
import { textSimilarity } from '../domain/text-classifier.ts';
import type { Actor, CaseStatus } from '../../kernel/types.ts';
import type { Locale } from '../../i18n/index.ts';
import { forbidden, invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { houseOf, streetKey, streetOf } from '../domain/streets.ts';
import { caseReadScope } from '../../cases/policy.ts';
import type { Ctx } from '../../kernel/context.ts';
import { normaliseTrackingCode } from '../../cases/domain/tracking-code.ts';
import { pickText } from '../domain/fields.ts';
import { isValidPoint, type BBox } from '../domain/geo.ts';
import { loadSettings } from '../settings.ts';
import { findCategory } from '../repositories/category-repository.ts';
import {
  caseIdByReportNo,
  caseIdByTrackingCode,
  findVisibleReport,
  listPublicReports,
  nearbyOpenReports,
  recentOpenReports,
  openReportsOnStreet,
  personNamesOf,
  publicEventsOf,
  publicTextOf,
  reportUpdatesForStaff,
  type ReportFilter,
} from '../repositories/report-repository.ts';
import { findPhoto, listPhotos } from '../repositories/photo-repository.ts';
import { costsOf } from '../repositories/cost-repository.ts';
import { escalationsOf } from '../repositories/sla-repository.ts';
import { presentClock, presentPublicReport, presentTimelineItem } from './present.ts';
import { supportCounts } from '../repositories/follower-repository.ts';

export interface PublicListQuery {
  category?: string[];
  unitId?: string;
  status?: (CaseStatus | 'open' | 'closed')[];
  from?: Date;
  to?: Date;
  bbox?: BBox;
  /** Words in the report's number, address or published description (never in what is masked). */
  text?: string;
  /** A street: a word of the address starting with it, in any script. */
  street?: string;
  page?: number;
  pageSize?: number;
}

async function categoryIds(ctx: Ctx, codes: string[] | undefined): Promise<number[] | undefined> {
  if (!codes?.length) return undefined;
  const ids: number[] = [];
  for (const code of codes) {
    const c = /^\d+$/.test(code) ? await findCategory(ctx.db, { id: Number(code) }) : await findCategory(ctx.db, { code });
    if (c) ids.push(c.id);
  }
  return ids;
}

/** Translates the public filters into the repository's; "open" and "closed" stand for every open or closed status. */
export async function publicFilter(ctx: Ctx, q: PublicListQuery, maxPageSize: number): Promise<ReportFilter> {
  const pageSize = Math.min(q.pageSize ?? 50, maxPageSize);
  const page = Math.max(1, q.page ?? 1);
  const statuses = q.status?.filter((s): s is CaseStatus => s !== 'open' && s !== 'closed');
  const wantsOpen = q.status?.includes('open');
  const wantsClosed = q.status?.includes('closed');
  return {
    categoryIds: await categoryIds(ctx, q.category),
    unitId: q.unitId,
    statuses: statuses?.length ? statuses : undefined,
    open: wantsOpen && !wantsClosed ? true : wantsClosed && !wantsOpen ? false : undefined,
    from: q.from,
    to: q.to,
    bbox: q.bbox,
    text: q.text,
    streetKey: q.street ? streetKey(q.street) || undefined : undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
}

export async function listReportsPublic(ctx: Ctx, q: PublicListQuery, locale: Locale) {
  const f = await publicFilter(ctx, q, 500);
  const rows = await listPublicReports(ctx.db, { ...f, limit: f.limit + 1 });
  const now = ctx.now();
  return {
    items: rows.slice(0, f.limit).map((r) => presentPublicReport(r, locale, now)),
    page: q.page ?? 1,
    pageSize: f.limit,
    hasMore: rows.length > f.limit,
  };
}

/** The map: located reports as a GeoJSON FeatureCollection. */
export async function reportsGeoJson(ctx: Ctx, q: PublicListQuery, locale: Locale) {
  const f = await publicFilter(ctx, { ...q, pageSize: q.pageSize ?? 2000 }, 5000);
  const now = ctx.now();
  const rows = await listPublicReports(ctx.db, { ...f, located: true });
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => {
      const p = presentPublicReport(r, locale, now);
      return {
        type: 'Feature' as const,
        id: p.id,
        geometry: { type: 'Point' as const, coordinates: [r.lon!, r.lat!] },
        properties: {
          number: p.number,
          category: p.category.code,
          categoryName: p.category.name,
          status: p.status,
          statusLabel: p.statusLabel,
          open: p.open,
          unit: p.unit,
          address: p.address,
          registeredAt: p.registeredAt,
          clock: p.firstResponse.state,
        },
      };
    }),
  };
}

/** One report for anyone, by its public number or its tracking code, with the public timeline. */
export async function publicReport(ctx: Ctx, where: { reportNo: string } | { trackingCode: string }, locale: Locale) {
  const caseId =
    'reportNo' in where ? await caseIdByReportNo(ctx.db, where.reportNo) : await caseIdByTrackingCode(ctx.db, normaliseTrackingCode(where.trackingCode));
  if (!caseId) throw notFound();
  const [row] = await listPublicReports(ctx.db, { caseIds: [caseId], limit: 1, offset: 0 });
  if (!row) throw notFound();
  const events = await publicEventsOf(ctx.db, [caseId]);
  const supportCount = (await supportCounts(ctx.db, [caseId])).get(caseId) ?? 0;
  return { ...presentPublicReport(row, locale, ctx.now()), supportCount, timeline: events.map((e) => presentTimelineItem(e, locale)) };
}

export interface DuplicateQuery {
  category: string;
  lat?: number;
  lon?: number;
  address?: string;
  radiusM?: number;
  /** The description typed so far: open reports that say the same are suggested too. */
  text?: string;
}

/**
 * Open reports of the same category near a point, or, given only an address (most callers give
 * one), on the same street — the same address first: "already reported — follow it". No personal data.
 */
export async function duplicateSuggestions(ctx: Ctx, q: DuplicateQuery, locale: Locale) {
  const hasPoint = q.lat !== undefined && q.lon !== undefined;
  const typed = (q.text ?? '').trim();
  const byText = typed.length >= SIMILAR_MIN_CHARS;
  if (!hasPoint && !q.address?.trim() && !byText) throw invalidAs('sistem48.err_location_missing', {}, 'location');
  if (hasPoint && !isValidPoint(q.lat, q.lon)) throw invalidAs('detail.point_out_of_range', {}, 'lat');
  const category = /^\d{1,9}$/.test(q.category) ? await findCategory(ctx.db, { id: Number(q.category) }) : await findCategory(ctx.db, { code: q.category });
  if (!category) throw invalidAs('sistem48.err_unknown_category', {}, 'category');
  const settings = await loadSettings(ctx.db);
  const radiusM = Math.min(q.radiusM ?? settings.duplicateRadiusM, 1000);
  const addressKey = q.address ? streetKey(q.address) : '';
  const street = streetOf(addressKey);
  const placed = hasPoint
    ? await nearbyOpenReports(ctx.db, { categoryId: category.id, lat: q.lat!, lon: q.lon!, radiusM, limit: 10 })
    : street
      ? await openReportsOnStreet(ctx.db, { categoryId: category.id, street, house: houseOf(addressKey), limit: 10 })
      : [];
  // Also those that say the same: open reports of the category within the radius (when a point is
  // given) from the category's resolution window (30 days when it has none), by text similarity.
  const similarity = new Map<string, number>();
  let rows = placed;
  if (byText) {
    const since = new Date(ctx.now().getTime() - (category.resolution_days ?? SIMILAR_DEFAULT_DAYS) * 86_400_000);
    const candidates = hasPoint
      ? (await nearbyOpenReports(ctx.db, { categoryId: category.id, lat: q.lat!, lon: q.lon!, radiusM, limit: 200 })).filter((r) => r.registered_at >= since)
      : await recentOpenReports(ctx.db, { categoryId: category.id, since, limit: 200 });
    for (const r of [...placed, ...candidates]) similarity.set(r.case_id, textSimilarity(typed, r.description));
    const seen = new Set(placed.map((r) => r.case_id));
    const similar = candidates
      .filter((r) => !seen.has(r.case_id) && similarity.get(r.case_id)! >= SIMILAR_MIN_SCORE)
      .sort((a, b) => similarity.get(b.case_id)! - similarity.get(a.case_id)!)
      .slice(0, 5);
    rows = [...placed, ...similar];
  }
  const names = await personNamesOf(
    ctx.db,
    rows.map((r) => r.case_id),
  );
  return {
    radiusM,
    category: { code: category.code, name: pickText(category.name, locale) },
    items: rows.map((r) => ({
      id: String(r.report_no),
      caseId: r.case_id,
      number: r.number,
      status: r.status,
      distanceM: r.distance_m,
      sameAddress: !!addressKey && houseOf(r.address_key ?? '') === houseOf(addressKey),
      registeredAt: r.registered_at,
      address: r.address,
      description: publicTextOf({ ...r, field_values: {} }, names.get(r.case_id)).description,
      awaitingReview: r.awaiting_review,
      lat: r.lat,
      lon: r.lon,
      ...(similarity.has(r.case_id) ? { textSimilarity: Math.round(similarity.get(r.case_id)! * 100) / 100 } : {}),
    })),
  };
}

const SIMILAR_MIN_CHARS = 12;
const SIMILAR_MIN_SCORE = 0.3;
const SIMILAR_DEFAULT_DAYS = 30;

/** The staff view of a report: routing, clock, photos (approved or not), costs and escalations. */
export async function staffReport(ctx: Ctx, actor: Actor, caseId: string, locale: Locale) {
  if (actor.kind === 'citizen') throw forbidden();
  const r = await findVisibleReport(ctx.db, caseReadScope(actor), caseId);
  if (!r) throw notFound();
  const [photos, costs, escalations, updates, names] = await Promise.all([
    listPhotos(ctx.db, r.case_id),
    costsOf(ctx.db, r.case_id),
    escalationsOf(ctx.db, r.case_id),
    reportUpdatesForStaff(ctx.db, r.case_id),
    personNamesOf(ctx.db, [r.case_id]),
  ]);
  const ownNames = names.get(r.case_id) ?? [];
  const pub = publicTextOf(r, ownNames);
  return {
    caseId: r.case_id,
    id: String(r.report_no),
    number: r.number,
    trackingCode: r.tracking_code,
    subject: r.subject,
    status: r.status,
    open: r.is_open,
    category: { id: r.category_id, code: r.category_code, name: pickText(r.category_name, locale) },
    description: r.description,
    lat: r.lat,
    lon: r.lon,
    address: r.address,
    locationSource: r.location_source,
    fields: r.field_values,
    unitId: r.unit_id,
    unitName: r.unit_name,
    clerkId: r.clerk_id,
    clerkName: r.clerk_name,
    routedBy: r.routed_by,
    routingRuleId: r.routing_rule_id,
    rerouteCount: r.reroute_count,
    contactConsent: r.contact_consent,
    /** "Me too": proven people with the same problem. */
    supportCount: (await supportCounts(ctx.db, [caseId])).get(caseId) ?? 0,
    mergedInto: r.merged_into,
    registeredAt: r.registered_at,
    dueAt: r.due_at,
    plannedResolutionAt: r.planned_resolution_at,
    sla: { hours: r.sla_hours, clock: r.sla_clock },
    firstResponse: presentClock(ctx.now(), r),
    photos: photos.map((p) => ({ id: p.id, source: p.source, width: p.width, height: p.height, approved: p.approved_at !== null, createdAt: p.created_at })),
    costs,
    currency: ctx.config.currency,
    escalations,
    // Staff read both: the text as written (above) and what the public reads of it.
    moderation: { awaitingReview: r.awaiting_review, moderatedDescription: r.public_description, publicDescription: pub.description },
    // What the report router said at intake (null: the citizen or the operator chose the category, or no model yet).
    router:
      r.router_model_version === null
        ? null
        : { modelVersion: r.router_model_version, confidence: r.router_confidence, suggestions: r.router_suggestions ?? [] },
    updates: updates.map((u) => ({
      id: u.id,
      at: u.occurred_at,
      by: u.actor_name,
      note: u.note,
      moderatedNote: u.public_note,
      hidden: Boolean(u.hidden),
      awaitingReview: Boolean(u.awaiting_review),
      publicNote:
        u.hidden || u.awaiting_review
          ? null
          : publicTextOf({ description: u.public_note ?? u.note ?? '', public_description: null, awaiting_review: false, field_values: {} }, ownNames)
              .description,
    })),
  };
}

/** A photo anyone may see: only once staff approved it. */
export async function publicPhoto(ctx: Ctx, id: string) {
  const p = await findPhoto(ctx.db, id);
  if (!p || !p.approved_at) throw notFound();
  return p;
}

/** A photo of a report the staff member may see, approved or not. */
export async function staffPhoto(ctx: Ctx, actor: Actor, id: string) {
  const p = await findPhoto(ctx.db, id);
  if (!p || actor.kind === 'citizen' || !(await findVisibleReport(ctx.db, caseReadScope(actor), p.case_id))) throw notFound();
  return p;
}
