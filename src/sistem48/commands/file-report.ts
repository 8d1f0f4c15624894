/**
 * Files a problem report from any channel (web form, operator console, Open311, and later SMS and
 * e-mail): checks category, location, boundary and extra fields, routes it to the responsible unit,
 * registers the case already delivered there, stores its photos, and schedules exactly two SLA jobs
 * (the 75 % warning and the breach) — all in one transaction, so a refused report leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import type { Actor, Channel, PartyRole } from '../../kernel/types.ts';
import { forbidden, invalid, invalidAs, type AppError } from '../../kernel/lib/errors.ts';
import { registerCaseInTx, type PartyRef } from '../../cases/commands/register-case.ts';
import { recordReporterConsent } from './reporter-consent.ts';
import { enqueueJobs } from '../../kernel/jobs.ts';
import pLimit from 'p-limit';
import type { Ctx } from '../../kernel/context.ts';
import type { Tx } from '../../kernel/db/database.ts';
import { canFileReport } from '../policy.ts';
import { settingsFrom, slaPolicy } from '../settings.ts';
import { findCategory, listCategories, type CategoryRow } from '../repositories/category-repository.ts';
import { listRules } from '../repositories/routing-repository.ts';
import { findFilingContext } from '../repositories/filing-repository.ts';
import { reportWithCase } from '../repositories/report-repository.ts';
import { insertPhoto } from '../repositories/photo-repository.ts';
import { contains, isValidPoint, parseArea, bboxOf, type Point } from '../domain/geo.ts';
import { chooseRoute, type RoutingRule } from '../domain/routing.ts';
import { streetKey } from '../domain/streets.ts';
import { checkFieldValues, pickText, type CategoryField, type FieldProblem } from '../domain/fields.ts';
import { descriptionProblem } from '../../kernel/lib/public-text.ts';
import { firstResponseSchedule } from '../domain/sla-clock.ts';
import { adviseCategory, type RouterAdvice } from '../router.ts';
import { setReportRouterAdvice } from '../repositories/router-repository.ts';
import { storageKeyFor, writePhotos, type PreparedPhoto } from '../photos.ts';

export const SLA_TASK = 'sistem48.sla_threshold';
export const slaJobKey = (caseId: string, level: 'warning' | 'breach') => `s48:${caseId}:${level}`;

export interface ReportContact {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  locale?: string | null;
  consent?: boolean;
}

export interface FileReportInput {
  via: 'web' | 'staff' | 'open311';
  channel: Channel;
  /** The category by id or code. */
  category: { id: number } | { code: string };
  /** The error for a category that does not exist, when the channel names it otherwise (Open311: the service). */
  unknownCategory?: () => AppError;
  description?: string | null;
  lat?: number | null;
  lon?: number | null;
  address?: string | null;
  fields?: Record<string, unknown>;
  contact?: ReportContact | null;
  /** An existing party (the operator found the caller, or the signed-in citizen). */
  partyId?: string | null;
  photos?: PreparedPhoto[];
  externalClient?: string | null;
  /** A link to media held elsewhere (Open311 media_url); never fetched. */
  mediaUrl?: string | null;
}

export interface FiledReport {
  caseId: string;
  reportNo: string;
  number: string;
  trackingCode: string;
  status: string;
  unitId: string | null;
  routedBy: string;
  registeredAt: Date;
  firstResponseDueAt: Date;
  firstResponseWarnAt: Date;
  lat: number | null;
  lon: number | null;
  locationSource: string;
}

const ANONYMOUS = 'Anonymous reporter';

/**
 * Reports filed at once by this process, the rest waiting their turn in order (p-limit is first come,
 * first served). They take numbers of the same series, one at a time under its row lock; let through all
 * at once (32 at the benchmark's peak), they would wait on that lock in PostgreSQL, where waiters are not
 * served in order: at each commit they all wake and race again, backends busy on the lock manager and
 * some requests passed over many times. Waiting here costs nothing; a few at once are enough that the next
 * one already waits on the lock when the holder commits. Four: while one holds the lock, the next waits on
 * it and two more do their writes before it. With two, bench/sistem48.ts measured PostgreSQL CPU 3.6 ms per report, with four 4.2, with no limit 5.3;
 * reports/s within the noise of a shared machine between two and four.
 */
const filing = pLimit(4);

export async function fileReport(ctx: Ctx, actor: Actor, input: FileReportInput): Promise<FiledReport> {
  if (!canFileReport(actor, input.via)) throw forbidden();
  // The category, the settings and the category's routing rules: one round trip.
  const found = await findFilingContext(ctx.db, input.category);
  if (!found && input.unknownCategory) throw input.unknownCategory();
  if (!found || !found.category.active) throw invalidAs('sistem48.err_unknown_category', {}, 'category');
  const given = found.category;
  const settings = settingsFrom(found.settings);
  // A report in the catch-all category (SMS, e-mail, Viber, or a web/Open311 citizen who did not choose)
  // is read by the report router: confident enough, it is categorised and routed at once; otherwise it
  // goes to the dispatcher with the router's suggestions kept beside it.
  const advice =
    input.via !== 'staff' && given.code === ctx.config.inboundCategory
      ? await adviseForCatchAll(ctx, input.description ?? '', settings.autoRouteThreshold)
      : null;
  const routed = advice?.autoRoute ? await findCategory(ctx.db, { code: advice.suggestions[0]!.category }) : undefined;
  const category = routed?.active ? routed : given;
  const autoRouted = category !== given;

  const description = input.description ?? '';
  if (description.length > 5000) throw invalidAs('sistem48.err_description_long', { max: 5000 }, 'description');
  const markup = descriptionProblem(description);
  if (markup) throw invalidAs('sistem48.err_description_markup', {}, 'description');

  const { point, source } = locate(input);
  const address = input.address?.trim() || null;
  if (!point && !address) throw invalidAs('sistem48.err_location_missing', {}, 'location');
  if (point && settings.boundary && !contains(settings.boundary, point)) {
    throw invalidAs('sistem48.err_outside', { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5) }, 'location');
  }
  // The citizen wrote free text and never saw the chosen category's form: its required fields stay for the unit to fill.
  const fields = autoRouted
    ? checkFieldValues(optionalFields(category.fields as CategoryField[]), input.fields ?? {})
    : checkFieldValues(category.fields as CategoryField[], input.fields ?? {});
  if (!fields.ok) throw fieldError(fields);
  if ((input.photos?.length ?? 0) > settings.photoMaxCount) throw invalidAs('sistem48.err_photos_max', { n: settings.photoMaxCount }, 'photos');

  const addressKey = address ? streetKey(address) : null;
  // A report the router moved to another category is routed by that category's rules.
  const rules = (autoRouted ? await listRules(ctx.db, { categoryId: category.id, activeOnly: true }) : found.rules).map(toRule);
  const route = chooseRoute(rules, category.id, { point, addressKey }, settings.dispatcherUnitId);

  const registeredAt = ctx.now();
  const policy = await slaPolicy(ctx.db, ctx.config, settings, category.sla_clock, registeredAt);
  const sla = firstResponseSchedule(registeredAt, category.sla_hours, category.warn_percent, policy);
  const parties = [partyFor(actor, input)];
  const subject = `${pickText(category.name, 'sr-Latn')}${address ? ` — ${address}` : ''}`.slice(0, 300);

  const cat: CategoryRow = category;
  const fieldValues = fields.values;
  const cleanup: { undo?: () => Promise<void> } = {};
  try {
    return await filing(() => ctx.db.transaction().execute((tx) => registerInTx(tx)));
  } catch (e) {
    await cleanup.undo?.();
    throw e;
  }

  async function registerInTx(tx: Tx): Promise<FiledReport> {
    if (input.contact?.consent) parties[0] = await recordReporterConsent(tx, ctx, actor, input.via, parties[0]!);
    // The timers need only the case's id: scheduled before registration takes the number series' lock,
    // so that only the writes that need the case (its report, its photos) wait under it.
    const caseId = randomUUID();
    await enqueueJobs(
      tx,
      (['warning', 'breach'] as const).map((level) => ({
        task: SLA_TASK,
        payload: { caseId, level },
        options: { runAt: level === 'warning' ? sla.warnAt : sla.dueAt, jobKey: slaJobKey(caseId, level), maxAttempts: 10 },
      })),
    );
    const reg = await registerCaseInTx(tx, ctx, actor, {
      id: caseId,
      caseTypeId: cat.case_type_id,
      subject,
      description,
      channel: input.channel,
      parties,
      registryUnitId: actor.kind === 'staff' && input.via === 'staff' ? (actor.unitId ?? settings.dispatcherUnitId) : settings.dispatcherUnitId,
      deliverToUnitId: route.unitId,
      registeredAt,
      dueAt: resolutionDue(cat, registeredAt),
      externalSystem: null,
      externalId: null,
      registeredData: advice
        ? {
            router: { modelVersion: advice.modelVersion, confidence: advice.suggestions[0]!.confidence, category: advice.suggestions[0]!.category, autoRouted },
          }
        : undefined,
      // The report is written by the statement that registers its case: no round trip of its own under the series' lock.
      withCase: reportWithCase({
        categoryId: cat.id,
        lat: point?.lat ?? null,
        lon: point?.lon ?? null,
        address,
        addressKey,
        locationSource: source,
        fieldValues: fieldValues,
        routingRuleId: route.ruleId,
        routedBy: route.routedBy,
        contactConsent: Boolean(input.contact?.consent),
        slaHours: cat.sla_hours,
        slaClock: cat.sla_clock,
        firstResponseDueAt: sla.dueAt,
        firstResponseWarnAt: sla.warnAt,
        externalClient: input.externalClient ?? null,
        mediaUrl: input.mediaUrl ?? null,
        createdAt: registeredAt,
        // The administrator asked for review in this category: the public sees "awaiting review" until a moderator approves.
        awaitingReview: cat.review_required,
      }),
    });
    const reportNo = reg.withCaseValue!;
    if (advice) {
      await setReportRouterAdvice(tx, reg.id, {
        modelVersion: advice.modelVersion,
        confidence: advice.suggestions[0]!.confidence,
        suggestions: advice.suggestions,
      });
    }
    const photos = input.photos ?? [];
    for (const p of photos) {
      await insertPhoto(tx, {
        id: p.id,
        caseId: reg.id,
        source: 'citizen',
        contentType: p.contentType,
        width: p.width,
        height: p.height,
        sizeBytes: p.data.length,
        sha256: p.sha256,
        storageKey: storageKeyFor(reg.id, p),
        uploadedBy: actor.kind === 'staff' ? actor.userId : null,
        approvedAt: null,
        approvedBy: null,
      });
    }
    // Files last: if writing fails the transaction rolls back; if the commit fails, the caller's catch removes them.
    if (photos.length) cleanup.undo = await writePhotos(ctx.config.dataDir, reg.id, photos);
    return {
      caseId: reg.id,
      reportNo,
      number: reg.number,
      trackingCode: reg.trackingCode,
      status: reg.status,
      unitId: route.unitId,
      routedBy: route.routedBy,
      registeredAt,
      firstResponseDueAt: sla.dueAt,
      firstResponseWarnAt: sla.warnAt,
      lat: point?.lat ?? null,
      lon: point?.lon ?? null,
      locationSource: source,
    };
  }
}

/** The router's advice for a catch-all report, among the active categories other than the catch-all. */
async function adviseForCatchAll(ctx: Ctx, description: string, threshold: number): Promise<RouterAdvice | null> {
  const active = new Set((await listCategories(ctx.db, true)).map((c) => c.code));
  active.delete(ctx.config.inboundCategory);
  return adviseCategory(ctx.db, description, threshold, (code) => active.has(code));
}

function optionalFields(fields: readonly CategoryField[]): CategoryField[] {
  return fields.map((f) => ({ ...f, required: false }));
}

const FIELD_MESSAGES = { required: 'sistem48.err_field_required', option: 'sistem48.err_field_option', number: 'sistem48.err_field_number' } as const;

/** A citizen-facing message where there is one; the developer's detail otherwise (malformed input from a client). */
function fieldError(p: FieldProblem): AppError {
  return p.problem === 'form' ? invalid(p.reason, `fields.${p.field}`) : invalidAs(FIELD_MESSAGES[p.problem], {}, `fields.${p.field}`);
}

function locate(input: FileReportInput): { point: Point | null; source: 'given' | 'photo' | 'address' } {
  const hasLat = input.lat !== undefined && input.lat !== null;
  const hasLon = input.lon !== undefined && input.lon !== null;
  if (hasLat !== hasLon) throw invalidAs('sistem48.err_both_coordinates', {}, hasLat ? 'lon' : 'lat');
  if (hasLat) {
    if (!isValidPoint(input.lat, input.lon)) throw invalidAs('detail.point_out_of_range', {}, 'lat');
    return { point: { lat: input.lat!, lon: input.lon! }, source: 'given' };
  }
  const fromPhoto = input.photos?.find((p) => p.gps)?.gps;
  if (fromPhoto) return { point: fromPhoto, source: 'photo' };
  return { point: null, source: 'address' };
}

function partyFor(actor: Actor, input: FileReportInput): PartyRef {
  const role: PartyRole = 'reporter';
  const partyId = input.partyId ?? (actor.kind === 'citizen' ? actor.partyId : null);
  if (partyId) return { role, partyId };
  const c = input.contact;
  return {
    role,
    kind: 'person',
    name: c?.name?.trim() || ANONYMOUS,
    phone: c?.phone?.trim() || null,
    email: c?.email?.trim() || null,
    locale: c?.locale ?? null,
  };
}

function resolutionDue(cat: CategoryRow, from: Date): Date | null {
  return cat.resolution_days ? new Date(from.getTime() + cat.resolution_days * 86_400_000) : null;
}

export function toRule(r: { id: number; category_id: number | null; unit_id: string; area: unknown; street_keys: string[]; priority: number }): RoutingRule {
  const parsed = r.area ? parseArea(r.area) : null;
  const area = parsed && parsed.ok ? parsed.area : null;
  return { id: r.id, categoryId: r.category_id, unitId: r.unit_id, area, bbox: area ? bboxOf(area) : null, streetKeys: r.street_keys, priority: r.priority };
}
