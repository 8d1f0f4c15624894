/** SQL for problem reports: their rows, nearby open reports, public lists, work queues and caller lookup. */
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';
import { recordset } from '../../kernel/db/recordset.ts';
import type { Database } from '../../kernel/db/schema.ts';
import type { CaseStatus } from '../../kernel/types.ts';
import type { CaseScope } from '../../cases/policy.ts';
import { scopeFilter, type RowsWithCase } from '../../cases/repositories/case-repository.ts';
import type { BBox } from '../domain/geo.ts';
import { streetKey } from '../domain/streets.ts';
import { maskContacts, maskFieldValues, nameMasker } from '../../kernel/lib/public-text.ts';

export interface NewReport {
  caseId: string;
  categoryId: number;
  lat: number | null;
  lon: number | null;
  address: string | null;
  addressKey: string | null;
  locationSource: 'given' | 'photo' | 'address';
  fieldValues: Record<string, unknown>;
  routingRuleId: number | null;
  routedBy: 'rule' | 'fallback' | 'none';
  contactConsent: boolean;
  slaHours: number;
  slaClock: 'calendar' | 'working';
  firstResponseDueAt: Date;
  firstResponseWarnAt: Date;
  externalClient: string | null;
  mediaUrl?: string | null;
  createdAt: Date;
  awaitingReview?: boolean;
  /** Only for imported history, answered before Glas. */
  respondedAt?: Date | null;
}

/**
 * A new report's row, inserted by the statement that registers its case (registerCaseInTx's `withCase`):
 * it returns the report's public number.
 */
export function reportWithCase(r: Omit<NewReport, 'caseId'>): RowsWithCase {
  return (db, caseId) =>
    db
      .insertInto('problem_reports')
      .values({
        case_id: caseId,
        category_id: r.categoryId,
        lat: r.lat,
        lon: r.lon,
        address: r.address,
        address_key: r.addressKey,
        location_source: r.locationSource,
        field_values: JSON.stringify(r.fieldValues),
        routing_rule_id: r.routingRuleId,
        routed_by: r.routedBy,
        contact_consent: r.contactConsent,
        sla_hours: r.slaHours,
        sla_clock: r.slaClock,
        first_response_due_at: r.firstResponseDueAt,
        first_response_warn_at: r.firstResponseWarnAt,
        external_client: r.externalClient,
        media_url: r.mediaUrl ?? null,
        created_at: r.createdAt,
        awaiting_review: r.awaitingReview ?? false,
      })
      .returning('report_no as value');
}

export async function lockReport(tx: Tx, caseId: string) {
  return tx.selectFrom('problem_reports').selectAll().where('case_id', '=', caseId).forUpdate().executeTakeFirst();
}

export async function updateReport(
  tx: Tx,
  caseId: string,
  patch: Partial<{
    responded_at: Date | null;
    first_response_due_at: Date;
    first_response_warn_at: Date;
    planned_resolution_at: Date | null;
    merged_into: string;
    reroute_count: number;
  }>,
) {
  await tx.updateTable('problem_reports').set(patch).where('case_id', '=', caseId).execute();
}

export async function caseIdByReportNo(db: DbOrTx, reportNo: string): Promise<string | undefined> {
  if (!/^\d{1,18}$/.test(reportNo)) return undefined;
  return (
    await db
      .selectFrom('problem_reports')
      .select('case_id')
      .where('report_no', '=', reportNo as never)
      .executeTakeFirst()
  )?.case_id;
}

export async function caseIdByTrackingCode(db: DbOrTx, code: string): Promise<string | undefined> {
  return (
    await db
      .selectFrom('problem_reports')
      .innerJoin('cases', 'cases.id', 'problem_reports.case_id')
      .select('cases.id')
      .where('cases.tracking_code', '=', code)
      .executeTakeFirst()
  )?.id;
}

/** What a duplicate suggestion shows of an open report (its distance is added by each search). */
const SUGGESTION_COLUMNS = [
  'problem_reports.case_id',
  'problem_reports.report_no',
  'cases.number',
  'cases.status',
  'cases.registered_at',
  'cases.description',
  'problem_reports.public_description',
  'problem_reports.awaiting_review',
  'problem_reports.address',
  'problem_reports.address_key',
  'problem_reports.lat',
  'problem_reports.lon',
] as const;

/** Open reports of a category whose address is on the street (whole words), the same address first, then the newest. */
export async function openReportsOnStreet(db: DbOrTx, f: { categoryId: number; street: string; house: string; limit: number }) {
  return (
    db
      .selectFrom('problem_reports')
      .innerJoin('cases', 'cases.id', 'problem_reports.case_id')
      .select([...SUGGESTION_COLUMNS, sql<number | null>`null::int`.as('distance_m')])
      .where('problem_reports.category_id', '=', f.categoryId)
      .where('problem_reports.merged_into', 'is', null)
      .where('cases.is_open', '=', true)
      // The key holds only letters, digits and single spaces, so it carries no LIKE wildcards.
      .where(sql<boolean>`' ' || problem_reports.address_key || ' ' like ${`% ${f.street} %`}`)
      .orderBy(sql`' ' || problem_reports.address_key || ' ' like ${`% ${f.house} %`}`, 'desc')
      .orderBy('cases.registered_at', 'desc')
      .limit(f.limit)
      .execute()
  );
}

/** Open, unmerged reports of a category registered since a time, newest first (candidates for text similarity). */
export async function recentOpenReports(db: DbOrTx, f: { categoryId: number; since: Date; limit: number }) {
  return db
    .selectFrom('problem_reports')
    .innerJoin('cases', 'cases.id', 'problem_reports.case_id')
    .select([...SUGGESTION_COLUMNS, sql<number | null>`null::int`.as('distance_m')])
    .where('problem_reports.category_id', '=', f.categoryId)
    .where('problem_reports.merged_into', 'is', null)
    .where('cases.is_open', '=', true)
    .where('cases.registered_at', '>=', f.since)
    .orderBy('cases.registered_at', 'desc')
    .limit(f.limit)
    .execute();
}

/** Open, unmerged reports of a category within `radiusM` of a point, nearest first (earthdistance on a GiST index). */
export async function nearbyOpenReports(
  db: DbOrTx,
  f: { categoryId: number; lat: number; lon: number; radiusM: number; excludeCaseId?: string; limit: number },
) {
  let q = db
    .selectFrom('problem_reports')
    .innerJoin('cases', 'cases.id', 'problem_reports.case_id')
    .select([
      ...SUGGESTION_COLUMNS,
      sql<number>`round(earth_distance(ll_to_earth(problem_reports.lat, problem_reports.lon), ll_to_earth(${f.lat}, ${f.lon})))::int`.as('distance_m'),
    ])
    .where('problem_reports.category_id', '=', f.categoryId)
    .where('problem_reports.merged_into', 'is', null)
    .where('cases.is_open', '=', true)
    .where('problem_reports.lat', 'is not', null)
    .where(sql<boolean>`earth_box(ll_to_earth(${f.lat}, ${f.lon}), ${f.radiusM}) @> ll_to_earth(problem_reports.lat, problem_reports.lon)`)
    .where(sql<boolean>`earth_distance(ll_to_earth(problem_reports.lat, problem_reports.lon), ll_to_earth(${f.lat}, ${f.lon})) <= ${f.radiusM}`);
  if (f.excludeCaseId) q = q.where('problem_reports.case_id', '!=', f.excludeCaseId);
  return q.orderBy('distance_m').orderBy('cases.registered_at').limit(f.limit).execute();
}

export interface ReportFilter {
  reportNos?: string[];
  caseIds?: string[];
  categoryIds?: number[];
  unitId?: string;
  statuses?: CaseStatus[];
  open?: boolean;
  from?: Date;
  to?: Date;
  updatedAfter?: Date;
  updatedBefore?: Date;
  bbox?: BBox;
  located?: boolean;
  /** Typed words: the report's number, its address, or its published description (see textMatch). */
  text?: string;
  /** A street key (streetKey): some word of the address starts with it. */
  streetKey?: string;
  limit: number;
  offset: number;
}

function baseReports(db: DbOrTx) {
  return db
    .selectFrom('problem_reports')
    .innerJoin('cases', 'cases.id', 'problem_reports.case_id')
    .innerJoin('problem_categories as cat', 'cat.id', 'problem_reports.category_id')
    .leftJoin('org_units as unit', 'unit.id', 'cases.unit_id')
    .leftJoin('problem_reports as target', 'target.case_id', 'problem_reports.merged_into');
}

// What anyone may see of a report: never parties, contact data, clerk names or the tracking code.
const publicColumns = [
  'problem_reports.case_id',
  'problem_reports.report_no',
  'cases.number',
  'cases.status',
  'cases.is_open',
  'cases.description',
  'cases.channel',
  'cases.registered_at',
  'cases.updated_at',
  'cases.due_at',
  'cases.closed_at',
  'cases.unit_id',
  'unit.name as unit_name',
  'problem_reports.lat',
  'problem_reports.lon',
  'problem_reports.address',
  'problem_reports.category_id',
  'cat.code as category_code',
  'cat.name as category_name',
  'problem_reports.field_values',
  'problem_reports.first_response_due_at',
  'problem_reports.first_response_warn_at',
  'problem_reports.responded_at',
  'problem_reports.planned_resolution_at',
  'target.report_no as merged_into_report_no',
  'problem_reports.media_url',
  'problem_reports.sla_hours',
  'problem_reports.sla_clock',
  'cases.paused_at',
  'cases.paused_ms',
] as const;

function applyFilter<O>(
  q: SelectQueryBuilder<
    Database & { unit: Database['org_units']; cat: Database['problem_categories']; target: Database['problem_reports'] },
    'problem_reports' | 'cases' | 'cat' | 'unit' | 'target',
    O
  >,
  f: ReportFilter,
) {
  if (f.reportNos) q = q.where('problem_reports.report_no', 'in', (f.reportNos.length ? f.reportNos : ['0']) as never[]);
  if (f.caseIds) q = q.where('problem_reports.case_id', 'in', f.caseIds.length ? f.caseIds : ['00000000-0000-0000-0000-000000000000']);
  if (f.categoryIds) q = q.where('problem_reports.category_id', 'in', f.categoryIds.length ? f.categoryIds : [0]);
  if (f.unitId) q = q.where('cases.unit_id', '=', f.unitId);
  if (f.statuses?.length) q = q.where('cases.status', 'in', f.statuses);
  if (f.open !== undefined) q = q.where('cases.is_open', '=', f.open);
  if (f.from) q = q.where('cases.registered_at', '>=', f.from);
  if (f.to) q = q.where('cases.registered_at', '<=', f.to);
  if (f.updatedAfter) q = q.where('cases.updated_at', '>', f.updatedAfter);
  if (f.updatedBefore) q = q.where('cases.updated_at', '<', f.updatedBefore);
  if (f.located) q = q.where('problem_reports.lat', 'is not', null);
  if (f.streetKey) {
    const k = likeEscape(f.streetKey);
    q = q.where((eb) => eb.or([eb('problem_reports.address_key', 'like', `${k}%`), eb('problem_reports.address_key', 'like', `% ${k}%`)]));
  }
  if (f.text) {
    const t = textTerms(f.text);
    q = q.where((eb) =>
      eb.or([
        ...(t.number ? [eb('problem_reports.report_no', '=', t.number as never)] : []),
        ...(t.addressLike ? [eb('problem_reports.address_key', 'like', t.addressLike)] : []),
        ...(t.textLike
          ? [
              eb.and([
                eb('problem_reports.awaiting_review', '=', false),
                eb(sql<string>`lower(coalesce(problem_reports.public_description, cases.description))`, 'like', t.textLike),
                eb.not(
                  eb.exists(
                    eb
                      .selectFrom('case_parties as tp')
                      .innerJoin('parties as tpp', 'tpp.id', 'tp.party_id')
                      .select(sql`1`.as('one'))
                      .whereRef('tp.case_id', '=', 'problem_reports.case_id')
                      .where(sql<string>`lower(tpp.name)`, 'like', t.textLike),
                  ),
                ),
              ]),
            ]
          : []),
      ]),
    );
  }
  if (f.bbox) {
    q = q
      .where('problem_reports.lat', '>=', f.bbox.minLat)
      .where('problem_reports.lat', '<=', f.bbox.maxLat)
      .where('problem_reports.lon', '>=', f.bbox.minLon)
      .where('problem_reports.lon', '<=', f.bbox.maxLon);
  }
  return q;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * The public list's text search. The description is searched only as the public reads it (the
 * moderator's version, nothing while it awaits review), and never for what masking hides: a term
 * with an "@" or a run of digits (a phone, an e-mail, an ID number) or one inside the name of a
 * party of the report does not match the description, or the search would tell which report holds
 * a person's contact or name.
 */
function textTerms(text: string) {
  const term = text.toLowerCase();
  const key = streetKey(text);
  return {
    number: /^\d{1,18}$/.test(term) ? term : null,
    addressLike: key ? `%${likeEscape(key)}%` : null,
    textLike: /@|\d{3}/.test(term) ? null : `%${likeEscape(term)}%`,
  };
}

/**
 * A report's typed text as the public reads it: nothing while it awaits review, else the moderator's
 * version if there is one, else what was typed; contacts masked either way.
 */
export function publicTextOf(
  r: { description: string; public_description: string | null; awaiting_review: boolean; field_values: unknown },
  names: readonly string[] = [],
) {
  if (r.awaiting_review) return { description: '', field_values: {} as Record<string, unknown> };
  const maskNames = nameMasker(names);
  const values = maskFieldValues(r.field_values as Record<string, unknown>);
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') values[k] = maskNames(v);
  return { description: maskNames(maskContacts(r.public_description ?? r.description)), field_values: values };
}

/** Names of the people (parties who are persons) of each case: the public projection masks them in what was typed. */
export async function personNamesOf(db: DbOrTx, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!caseIds.length) return out;
  const rows = await db
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .select(['case_parties.case_id', 'parties.name'])
    .where('case_parties.case_id', 'in', [...new Set(caseIds)])
    .where('parties.kind', '=', 'person')
    .execute();
  for (const r of rows) out.set(r.case_id, [...(out.get(r.case_id) ?? []), r.name]);
  return out;
}

/**
 * A page of reports for the public list, the map and Open311, newest first, with approved photo ids.
 * This is the public projection: what a person typed (the description, the extra fields) comes out
 * moderated and with contacts masked, and a report awaiting review without text or photos, so no
 * public surface built on it can forget either.
 */
export async function listPublicReports(db: DbOrTx, f: ReportFilter) {
  const q = applyFilter(
    baseReports(db)
      .select(publicColumns)
      .select(['problem_reports.public_description', 'problem_reports.awaiting_review'])
      .select((eb) => [
        sql<string[]>`array(${eb
          .selectFrom('report_photos')
          .select('report_photos.id')
          .whereRef('report_photos.case_id', '=', 'problem_reports.case_id')
          .where('report_photos.approved_at', 'is not', null)
          .orderBy('report_photos.created_at')})`.as('photo_ids'),
      ]),
    f,
  );
  const rows = await q.orderBy('cases.registered_at', 'desc').orderBy('problem_reports.report_no', 'desc').limit(f.limit).offset(f.offset).execute();
  const names = await personNamesOf(
    db,
    rows.map((r) => r.case_id),
  );
  return rows.map(({ public_description: moderated, ...r }) => ({
    ...r,
    ...publicTextOf({ ...r, public_description: moderated }, names.get(r.case_id)),
    photo_ids: r.awaiting_review ? [] : r.photo_ids,
    moderated: moderated !== null,
  }));
}

export type PublicReportRow = Awaited<ReturnType<typeof listPublicReports>>[number];

// An update's note as the public reads it: none while it awaits review, else the moderator's version or what was typed, masked.
const publicNote = (names: Map<string, string[]>) => {
  const maskers = new Map<string, (text: string) => string>();
  const maskerOf = (caseId: string) => maskers.get(caseId) ?? maskers.set(caseId, nameMasker(names.get(caseId) ?? [])).get(caseId)!;
  return <E extends { case_id: string; note: string | null; public_note: string | null; awaiting_review: boolean | null }>({
    public_note: moderated,
    awaiting_review: pending,
    ...e
  }: E) => {
    const note = pending ? null : (moderated ?? e.note);
    return { ...e, note: note === null ? null : maskerOf(e.case_id)(maskContacts(note)), awaitingReview: Boolean(pending), moderated: moderated !== null };
  };
};

/** The public events of some cases, oldest first, for timelines and Open311 notes; hidden updates left out, notes as in publicNote. */
export async function publicEventsOf(db: DbOrTx, caseIds: string[]) {
  if (!caseIds.length) return [];
  const rows = await db
    .selectFrom('case_events')
    .leftJoin('public_update_moderations as m', 'm.event_id', 'case_events.id')
    .select([
      'case_events.id',
      'case_events.case_id',
      'case_events.seq',
      'case_events.type',
      'case_events.occurred_at',
      'case_events.data',
      'case_events.note',
      'm.public_note',
      'm.awaiting_review',
    ])
    .where('case_events.case_id', 'in', caseIds)
    .where('case_events.visibility', '=', 'public')
    .where((eb) => eb.or([eb('m.hidden', 'is', null), eb('m.hidden', '=', false)]))
    .orderBy('case_events.case_id')
    .orderBy('case_events.seq')
    .execute();
  return rows.map(publicNote(await personNamesOf(db, caseIds)));
}

/** Public events of problem reports in a period (FixMyStreet's servicerequestupdates); hidden updates left out, notes as in publicNote. */
export async function publicEventsBetween(db: DbOrTx, f: { from: Date; to: Date; limit: number }) {
  const rows = await db
    .selectFrom('case_events')
    .innerJoin('problem_reports', 'problem_reports.case_id', 'case_events.case_id')
    .innerJoin('cases', 'cases.id', 'case_events.case_id')
    .leftJoin('public_update_moderations as m', 'm.event_id', 'case_events.id')
    .select([
      'case_events.id',
      'case_events.case_id',
      'case_events.type',
      'case_events.occurred_at',
      'case_events.data',
      'case_events.note',
      'problem_reports.report_no',
      'problem_reports.merged_into',
      'cases.status',
      'm.public_note',
      'm.awaiting_review',
    ])
    .where('case_events.visibility', '=', 'public')
    .where('case_events.occurred_at', '>=', f.from)
    .where('case_events.occurred_at', '<', f.to)
    .where((eb) => eb.or([eb('m.hidden', 'is', null), eb('m.hidden', '=', false)]))
    .orderBy('case_events.occurred_at')
    .orderBy('case_events.id')
    .limit(f.limit)
    .execute();
  return rows.map(
    publicNote(
      await personNamesOf(
        db,
        rows.map((r) => r.case_id),
      ),
    ),
  );
}

/** A report's public updates (citizens' and Open311 notes) with their moderation, for staff: what was typed and what the public reads. */
export async function reportUpdatesForStaff(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('case_events')
    .leftJoin('public_update_moderations as m', 'm.event_id', 'case_events.id')
    .select(['case_events.id', 'case_events.occurred_at', 'case_events.actor_name', 'case_events.note', 'm.public_note', 'm.hidden', 'm.awaiting_review'])
    .where('case_events.case_id', '=', caseId)
    .where('case_events.type', '=', 'case.note_added')
    .where('case_events.visibility', '=', 'public')
    .orderBy('case_events.seq')
    .execute();
}

/** One public update of a report, locked for moderation. */
export async function lockPublicUpdate(tx: Tx, caseId: string, eventId: string) {
  if (!/^\d{1,18}$/.test(eventId)) return undefined;
  return tx
    .selectFrom('case_events')
    .leftJoin('public_update_moderations as m', 'm.event_id', 'case_events.id')
    .select(['case_events.id', 'case_events.note', 'm.public_note', 'm.hidden', 'm.awaiting_review'])
    .where('case_events.id', '=', eventId)
    .where('case_events.case_id', '=', caseId)
    .where('case_events.type', '=', 'case.note_added')
    .where('case_events.visibility', '=', 'public')
    .forUpdate('case_events')
    .executeTakeFirst();
}

export interface UpdateModeration {
  publicNote: string | null;
  hidden: boolean;
  awaitingReview: boolean;
}

export async function saveUpdateModeration(tx: Tx, caseId: string, eventId: string, m: UpdateModeration, at: Date) {
  await tx
    .insertInto('public_update_moderations')
    .values({ event_id: eventId, case_id: caseId, public_note: m.publicNote, hidden: m.hidden, awaiting_review: m.awaitingReview, updated_at: at })
    .onConflict((oc) => oc.column('event_id').doUpdateSet({ public_note: m.publicNote, hidden: m.hidden, awaiting_review: m.awaitingReview, updated_at: at }))
    .execute();
}

export async function saveReportModeration(tx: Tx, caseId: string, m: { publicDescription: string | null; awaitingReview: boolean }) {
  await tx
    .updateTable('problem_reports')
    .set({ public_description: m.publicDescription, awaiting_review: m.awaitingReview })
    .where('case_id', '=', caseId)
    .execute();
}

/** Approving a report publishes the updates that waited with it. */
export async function approvePendingUpdates(tx: Tx, caseId: string, at: Date) {
  await tx
    .updateTable('public_update_moderations')
    .set({ awaiting_review: false, updated_at: at })
    .where('case_id', '=', caseId)
    .where('awaiting_review', '=', true)
    .execute();
}

/** One report with its case, for staff, within the actor's scope. */
export async function findVisibleReport(db: DbOrTx, scope: CaseScope, caseId: string) {
  return baseReports(db)
    .leftJoin('users as clerk', 'clerk.id', 'cases.clerk_id')
    .select(publicColumns)
    .select([
      'cases.tracking_code',
      'cases.clerk_id',
      'clerk.display_name as clerk_name',
      'cases.subject',
      'problem_reports.routed_by',
      'problem_reports.routing_rule_id',
      'problem_reports.reroute_count',
      'problem_reports.contact_consent',
      'problem_reports.location_source',
      'problem_reports.sla_hours',
      'problem_reports.sla_clock',
      'problem_reports.merged_into',
      'cat.fields as category_fields',
      'problem_reports.public_description',
      'problem_reports.awaiting_review',
      'problem_reports.router_model_version',
      'problem_reports.router_confidence',
      'problem_reports.router_suggestions',
    ])
    .where('problem_reports.case_id', '=', caseId)
    .where((eb) => scopeFilter(eb as never, scope))
    .executeTakeFirst();
}

/** Every open report is in at least one open bucket: in_progress holds the answered ones that are neither due soon, overdue nor waiting. */
export const QUEUE_BUCKETS = ['new', 'due_soon', 'overdue', 'in_progress', 'waiting', 'done'] as const;
export type QueueBucket = (typeof QUEUE_BUCKETS)[number];

// The next deadline of a report: the first response while it is unanswered, then the resolution deadline.
const nextDeadline = sql<Date | null>`case when problem_reports.responded_at is null then problem_reports.first_response_due_at else cases.due_at end`;

function bucketCondition(bucket: QueueBucket, now: Date, soonMs: number): RawBuilder<boolean> {
  const soon = new Date(now.getTime() + soonMs);
  switch (bucket) {
    case 'new':
      return sql<boolean>`cases.is_open and cases.status in ('received', 'delivered')`;
    case 'overdue':
      return sql<boolean>`cases.is_open and ${nextDeadline} <= ${now}`;
    case 'due_soon':
      return sql<boolean>`cases.is_open and ${nextDeadline} > ${now} and (${nextDeadline} <= ${soon} or (problem_reports.responded_at is null and problem_reports.first_response_warn_at <= ${now}))`;
    case 'in_progress':
      return sql<boolean>`cases.is_open and not (${bucketCondition('new', now, soonMs)}) and not (${bucketCondition('overdue', now, soonMs)})
      and not (${bucketCondition('due_soon', now, soonMs)}) and not (${bucketCondition('waiting', now, soonMs)})`;
    case 'waiting':
      return sql<boolean>`cases.is_open and cases.status in ('awaiting_opinion', 'incomplete')`;
    case 'done':
      return sql<boolean>`not cases.is_open`;
  }
}

/** A unit's work queue: one bucket, within the actor's scope, most urgent first (done: most recently closed first). */
export async function queuePage(
  db: DbOrTx,
  scope: CaseScope,
  f: { unitId: string; bucket: QueueBucket; now: Date; soonMs: number; limit: number; offset: number },
) {
  let q = baseReports(db)
    .leftJoin('users as clerk', 'clerk.id', 'cases.clerk_id')
    .select(publicColumns)
    .select(['cases.subject', 'cases.clerk_id', 'clerk.display_name as clerk_name', nextDeadline.as('next_deadline')])
    .select(['cases.citizen_update_at', 'cases.paused_at'])
    .where('cases.unit_id', '=', f.unitId)
    .where('problem_reports.merged_into', 'is', null)
    .where((eb) => scopeFilter(eb as never, scope))
    .where(bucketCondition(f.bucket, f.now, f.soonMs));
  q =
    f.bucket === 'done'
      ? q.orderBy('cases.closed_at', 'desc')
      : f.bucket === 'new'
        ? q.orderBy('cases.registered_at', 'asc')
        : q.orderBy(sql`${nextDeadline} asc nulls last`);
  return q.orderBy('problem_reports.report_no').limit(f.limit).offset(f.offset).execute();
}

export async function queueCounts(db: DbOrTx, scope: CaseScope, f: { unitId: string; now: Date; soonMs: number }) {
  const row = await db
    .selectFrom('problem_reports')
    .innerJoin('cases', 'cases.id', 'problem_reports.case_id')
    .select(QUEUE_BUCKETS.map((b) => sql<number>`count(*) filter (where ${bucketCondition(b, f.now, f.soonMs)})::int`.as(b)))
    .where('cases.unit_id', '=', f.unitId)
    .where('problem_reports.merged_into', 'is', null)
    .where((eb) => scopeFilter(eb as never, scope))
    .executeTakeFirstOrThrow();
  return row as unknown as Record<QueueBucket, number>;
}

/** Recent reports of the given parties that the actor may see (the operator's caller lookup). */
export async function reportsOfParties(db: DbOrTx, scope: CaseScope, partyIds: string[], limit: number) {
  if (!partyIds.length) return [];
  return baseReports(db)
    .innerJoin('case_parties', 'case_parties.case_id', 'cases.id')
    .select(publicColumns)
    .select('case_parties.party_id')
    .where('case_parties.party_id', 'in', partyIds)
    .where((eb) => scopeFilter(eb as never, scope))
    .orderBy('cases.registered_at', 'desc')
    .limit(limit)
    .execute();
}

/** The parties of a case, to carry them over to the report a duplicate is merged into. */
export async function partyLinks(db: DbOrTx, caseId: string) {
  return db.selectFrom('case_parties').select(['party_id', 'role']).where('case_id', '=', caseId).execute();
}

/** Inserts many reports in one statement (an import of history); their report numbers follow the order given. */
export async function insertReports(tx: Tx, rs: readonly NewReport[]): Promise<void> {
  if (!rs.length) return;
  const v = recordset(
    rs.map((r) => ({
      case_id: r.caseId,
      category_id: r.categoryId,
      lat: r.lat,
      lon: r.lon,
      address: r.address,
      address_key: r.addressKey,
      location_source: r.locationSource,
      field_values: r.fieldValues,
      routing_rule_id: r.routingRuleId,
      routed_by: r.routedBy,
      contact_consent: r.contactConsent,
      sla_hours: r.slaHours,
      sla_clock: r.slaClock,
      first_response_due_at: r.firstResponseDueAt,
      first_response_warn_at: r.firstResponseWarnAt,
      responded_at: r.respondedAt ?? null,
      external_client: r.externalClient,
      media_url: r.mediaUrl ?? null,
      created_at: r.createdAt,
      awaiting_review: r.awaitingReview ?? false,
    })),
    {
      case_id: 'uuid',
      category_id: 'int',
      lat: 'double precision',
      lon: 'double precision',
      address: 'text',
      address_key: 'text',
      location_source: 'text',
      field_values: 'jsonb',
      routing_rule_id: 'int',
      routed_by: 'text',
      contact_consent: 'boolean',
      sla_hours: 'int',
      sla_clock: 'text',
      first_response_due_at: 'timestamptz',
      first_response_warn_at: 'timestamptz',
      responded_at: 'timestamptz',
      external_client: 'text',
      media_url: 'text',
      created_at: 'timestamptz',
      awaiting_review: 'boolean',
    },
    'v',
  );
  await tx
    .insertInto('problem_reports')
    .columns([
      'case_id',
      'category_id',
      'lat',
      'lon',
      'address',
      'address_key',
      'location_source',
      'field_values',
      'routing_rule_id',
      'routed_by',
      'contact_consent',
      'sla_hours',
      'sla_clock',
      'first_response_due_at',
      'first_response_warn_at',
      'responded_at',
      'external_client',
      'media_url',
      'created_at',
      'awaiting_review',
    ])
    .expression(tx.selectFrom(v).selectAll('v'))
    .execute();
}
