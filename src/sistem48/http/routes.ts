/**
 * Sistem 48 HTTP API: the public form, list, map and duplicate check (no account, no personal data),
 * the operator console, the units' work, and the administrator's configuration. Thin handlers:
 * validate, call one command or query, present.
 */
import { createReadStream } from 'node:fs';
import type { Ctx } from '../../kernel/context.ts';
import { AppError, invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { requireActor } from '../../http/auth.ts';
import { requestLocale } from '../../http/locale.ts';
import { dateTime, fieldPhotoBody, idParams, localisedName, reportFormBody, text, uuid, type RouteApp } from '../../http/schemas.ts';
import { moderateReport } from '../commands/moderate-report.ts';
import { moderateReportUpdate } from '../commands/moderate-report-update.ts';
import { REPORT_ACTIONS, UPDATE_ACTIONS } from '../domain/moderation.ts';
import { CASE_STATUSES, type Actor } from '../../kernel/types.ts';
import { fileReport } from '../commands/file-report.ts';
import { rerouteReport } from '../commands/reroute-report.ts';
import { addReporter } from '../commands/add-reporter.ts';
import { mergeReports } from '../commands/merge-reports.ts';
import { respondToReport } from '../commands/respond-to-report.ts';
import { bulkAssignReports } from '../commands/bulk-assign-reports.ts';
import { recordFieldResult } from '../commands/record-field-result.ts';
import { recordReportCost } from '../commands/record-report-cost.ts';
import { addReportPhoto } from '../commands/add-report-photo.ts';
import { approveReportPhoto } from '../commands/approve-report-photo.ts';
import { createCategory } from '../commands/create-category.ts';
import { updateCategoryCommand } from '../commands/update-category.ts';
import { createRoutingRule } from '../commands/create-routing-rule.ts';
import { updateRoutingRule } from '../commands/update-routing-rule.ts';
import { updateSistem48Settings } from '../commands/update-settings.ts';
import { removeHoliday, setHoliday } from '../commands/manage-holidays.ts';
import { FIELD_TYPES } from '../domain/fields.ts';
import { loadSettings } from '../settings.ts';
import { confirmFollow, requestFollow, stopFollow } from '../commands/follow-report.ts';
import { atomFeed } from '../domain/atom.ts';
import { confirmAlertLink, stopAlertLink, subscribeAlert } from '../commands/report-alerts.ts';
import { t } from '../../i18n/index.ts';
import { photoPath, preparePhoto } from '../photos.ts';
import { QUEUE_BUCKETS } from '../repositories/report-repository.ts';
import {
  duplicateSuggestions,
  listReportsPublic,
  publicPhoto,
  publicReport,
  reportsGeoJson,
  staffPhoto,
  staffReport,
  type PublicListQuery,
} from '../queries/reports.ts';
import { unitQueue } from '../queries/queues.ts';
import { costReport, routingStatistics } from '../queries/stats.ts';
import { lookUpCaller } from '../queries/callers.ts';
import { adminCategories, holidays, publicCategories, routingRules, sistem48Settings } from '../queries/configuration.ts';
import { intakePerAddress, refusedIntakePerAddress } from './throttle.ts';
import { count, refuseIfLocked } from '../../kernel/throttle.ts';
import { readReportForm } from './report-form.ts';
import { fixQuestionByLink } from '../queries/fix-questions.ts';
import { answerFixQuestion } from '../commands/answer-fix-question.ts';

const tags = ['sistem48'];
const P = '/api/v1/sistem48';
/** The actor of reports filed through the public form. */
export const WEB_FORM_ACTOR: Actor = { kind: 'system', name: 'Web form' };

const categoryField = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'type', 'label'],
  properties: {
    code: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' },
    type: { type: 'string', enum: [...FIELD_TYPES] },
    required: { type: 'boolean', default: false },
    label: localisedName,
    description: localisedName,
    options: {
      type: 'array',
      maxItems: 100,
      items: { type: 'object', additionalProperties: false, required: ['key', 'name'], properties: { key: text(60), name: localisedName } },
    },
  },
} as const;
const categoryBody = {
  code: { type: 'string', pattern: '^[a-z0-9_-]{1,40}$' },
  caseTypeId: { type: 'integer', minimum: 1 },
  name: localisedName,
  description: localisedName,
  icon: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' },
  group: { anyOf: [text(60), { type: 'null' }] },
  keywords: { type: 'array', maxItems: 30, items: text(60) },
  fields: { type: 'array', maxItems: 30, items: categoryField },
  slaHours: { type: 'integer', minimum: 1, maximum: 8760 },
  slaClock: { type: 'string', enum: ['calendar', 'working'] },
  warnPercent: { type: 'integer', minimum: 1, maximum: 99 },
  resolutionDays: { anyOf: [{ type: 'integer', minimum: 1, maximum: 3650 }, { type: 'null' }] },
  sortOrder: { type: 'integer' },
  active: { type: 'boolean' },
  reviewRequired: { type: 'boolean', description: 'Publish reports of this category (and their updates) only after a moderator has read them' },
  fixQuestionDays: {
    anyOf: [{ type: 'integer', minimum: 0, maximum: 365 }, { type: 'null' }],
    description: 'Days after resolution to ask the reporter "is it fixed?" (0: never; null: the case type\'s, else 14)',
  },
} as const;
const ruleBody = {
  categoryId: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] },
  unitId: uuid,
  area: { anyOf: [{ type: 'object' }, { type: 'null' }] },
  streets: { type: 'array', maxItems: 500, items: text(120) },
  priority: { type: 'integer', minimum: -100000, maximum: 100000 },
  note: { anyOf: [text(500), { type: 'null' }] },
  active: { type: 'boolean' },
} as const;
const publicListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    category: text(400),
    unit: uuid,
    status: text(400),
    from: dateTime,
    to: dateTime,
    bbox: text(100),
    q: text(100),
    street: text(100),
    page: { type: 'integer', minimum: 1, maximum: 100000 },
    pageSize: { type: 'integer', minimum: 1, maximum: 5000 },
    lang: text(10),
  },
} as const;
const numberParam = { type: 'object', required: ['no'], properties: { no: { type: 'string', pattern: '^\\d{1,18}$' } } } as const;

function listQuery(q: Record<string, string | number | undefined>): PublicListQuery {
  const list = (s: unknown) =>
    typeof s === 'string'
      ? s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined;
  const status = list(q.status);
  const bad = status?.find((s) => s !== 'open' && s !== 'closed' && !(CASE_STATUSES as readonly string[]).includes(s));
  if (bad) throw invalidAs('detail.v_enum', { field: 'status', allowed: ['open', 'closed', ...CASE_STATUSES].map((x) => `"${x}"`).join(', ') }, 'status');
  let bbox: PublicListQuery['bbox'];
  if (q.bbox) {
    const n = String(q.bbox).split(',').map(Number);
    if (n.length !== 4 || n.some((x) => !Number.isFinite(x))) throw invalidAs('detail.box_order', {}, 'bbox');
    bbox = { minLon: n[0]!, minLat: n[1]!, maxLon: n[2]!, maxLat: n[3]! };
  }
  return {
    category: list(q.category),
    unitId: q.unit as string | undefined,
    status: status as PublicListQuery['status'],
    from: q.from ? new Date(String(q.from)) : undefined,
    to: q.to ? new Date(String(q.to)) : undefined,
    bbox,
    text: typeof q.q === 'string' && q.q.trim() ? q.q.trim() : undefined,
    street: typeof q.street === 'string' && q.street.trim() ? q.street.trim() : undefined,
    page: q.page as number | undefined,
    pageSize: q.pageSize as number | undefined,
  };
}

/** The case id of a route whose params schema is idParams. */
const caseId = (req: { params: { id: string } }) => req.params.id;

export function sistem48Routes(app: RouteApp, ctx: Ctx) {
  // ── Public: the form, the list, the map ─────────────────────────────────────────────────────
  app.get(
    `${P}/public/categories`,
    { config: { auth: 'public' }, schema: { tags, summary: 'Problem categories with their extra fields, in the requested language' } },
    async (req) => ({ items: await publicCategories(ctx, requestLocale(req)) }),
  );

  app.post(
    `${P}/public/reports`,
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Report a problem (JSON, or multipart/form-data with up to a few JPEG/PNG photos in "photos"); no account needed',
        consumes: ['application/json', 'multipart/form-data'],
        body: reportFormBody(false),
      },
    },
    async (req, reply) => {
      const settings = await loadSettings(ctx.db);
      const filed = intakePerAddress(req.ip, settings.intakePerIpPerHour);
      const refused = refusedIntakePerAddress(req.ip);
      await refuseIfLocked(ctx.db, [filed.key, refused.key], ctx.now());
      let r;
      try {
        const form = await readReportForm(req, settings);
        const actor = req.actor?.kind === 'citizen' ? req.actor : WEB_FORM_ACTOR;
        r = await fileReport(ctx, actor, { via: 'web', channel: 'web', ...form, partyId: actor.kind === 'citizen' ? actor.partyId : null });
      } catch (e) {
        // A citizen correcting a mistake is not flooding: refused attempts have their own, larger limit.
        await count(ctx.db, [refused], ctx.now());
        throw e;
      }
      await count(ctx.db, [filed], ctx.now());
      return reply.status(201).send({
        id: r.reportNo,
        number: r.number,
        trackingCode: r.trackingCode,
        status: r.status,
        registeredAt: r.registeredAt,
        firstResponseDueAt: r.firstResponseDueAt,
        location: { lat: r.lat, lon: r.lon, source: r.locationSource },
      });
    },
  );

  app.get(
    `${P}/public/reports`,
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'Reported problems with status, filterable by category (codes, comma-separated), unit, status (open, closed or statuses), period, text (q: number, address or published description) and street; no personal data',
        querystring: publicListQuery,
      },
    },
    async (req) => listReportsPublic(ctx, listQuery(req.query), requestLocale(req)),
  );

  app.get(
    `${P}/public/reports.geojson`,
    { config: { auth: 'public' }, schema: { tags, summary: 'The same reports as GeoJSON points for the map', querystring: publicListQuery } },
    async (req, reply) => {
      reply.type('application/geo+json');
      return reportsGeoJson(ctx, listQuery(req.query), requestLocale(req));
    },
  );

  app.get(
    `${P}/public/reports.atom`,
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'An Atom feed of the newest 50 reports with the same filters as the list (per category, unit, area as bbox, street or text)',
        querystring: publicListQuery,
      },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const base = ctx.config.publicUrl;
      const { page: _p, pageSize: _s, ...filters } = req.query;
      const r = await listReportsPublic(ctx, { ...listQuery(filters), page: 1, pageSize: 50 }, locale);
      const query = new URLSearchParams(Object.entries(filters).map(([k, v]) => [k, String(v)])).toString();
      const listHref = `${base}/problems${query ? `?${query}` : ''}`;
      const entries = r.items.map((i) => ({
        id: `${base}/problems/${i.id}`,
        title: `${i.number}: ${i.category.name}${i.address ? ` — ${i.address}` : ''}`,
        link: `${base}/problems/${i.id}`,
        published: i.registeredAt,
        updated: i.updatedAt,
        category: i.category.code,
        summary: [i.statusLabel, i.unit, i.description].filter(Boolean).join(' · '),
      }));
      reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300');
      return atomFeed({
        id: `${base}${P}/public/reports.atom${query ? `?${query}` : ''}`,
        title: `${ctx.config.municipalityName}: ${t(locale, 's48p.problems_title')}`,
        self: `${base}${req.url}`,
        alternate: listHref,
        updated: ctx.now(),
        lang: locale,
        entries,
      });
    },
  );

  app.get(
    `${P}/public/reports/:no`,
    { config: { auth: 'public' }, schema: { tags, summary: 'One report with its public timeline', params: numberParam } },
    async (req) => publicReport(ctx, { reportNo: req.params.no }, requestLocale(req)),
  );

  // Following a report and "me too": a code to the contact first; only the code typed back counts.
  const followContact = { phone: text(30), email: text(254) } as const;
  app.post(
    `${P}/public/reports/:no/followers`,
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Follow a report (told of its public updates) and/or support it ("me too"): a code goes to the phone or e-mail; give one',
        params: numberParam,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['updates', 'support'],
          minProperties: 3,
          properties: { ...followContact, updates: { type: 'boolean' }, support: { type: 'boolean' }, locale: text(10) },
        } as const,
      },
    },
    async (req, reply) => reply.status(202).send(await requestFollow(ctx, { ...req.body, reportNo: req.params.no, ip: req.ip })),
  );
  app.post(
    `${P}/public/reports/:no/followers/confirm`,
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Confirm following or support with the code the phone or e-mail received; answers the support count',
        params: numberParam,
        body: { type: 'object', additionalProperties: false, required: ['code'], minProperties: 2, properties: { ...followContact, code: text(12) } } as const,
      },
    },
    async (req) => confirmFollow(ctx, { ...req.body, reportNo: req.params.no, ip: req.ip }),
  );
  app.post(
    `${P}/public/alerts`,
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Ask for a daily e-mail of new reports in categories, on a street or in an area (bbox: west, south, east, north); a link confirms it',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email'],
          properties: {
            email: text(254),
            category: { type: 'array', maxItems: 20, items: text(40) },
            street: text(120),
            bbox: { type: 'array', minItems: 4, maxItems: 4, items: { type: 'number' } },
            locale: text(10),
          },
        } as const,
      },
    },
    async (req, reply) =>
      reply.status(202).send(
        await subscribeAlert(ctx, {
          ...req.body,
          category: req.body.category ? [...req.body.category] : undefined,
          bbox: req.body.bbox ? [...req.body.bbox] : undefined,
          ip: req.ip,
        }),
      ),
  );
  for (const [path, run, summary] of [
    ['confirm', confirmAlertLink, 'Confirm an alert (the token from the e-mailed link)'],
    ['stop', stopAlertLink, 'Stop an alert (the token from the link in each digest)'],
  ] as const) {
    app.post(
      `${P}/public/alerts/${path}`,
      {
        config: { auth: 'public' },
        schema: { tags, summary, body: { type: 'object', additionalProperties: false, required: ['token'], properties: { token: text(40) } } as const },
      },
      async (req) => run(ctx, req.body.token),
    );
  }
  app.post(
    `${P}/public/followers/stop`,
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: "Stop a follower's updates (the token from the link in each message)",
        body: { type: 'object', additionalProperties: false, required: ['token'], properties: { token: text(40) } } as const,
      },
    },
    async (req) => stopFollow(ctx, req.body.token),
  );

  app.get(
    `${P}/public/track/:code`,
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Follow a report by its tracking code',
        params: { type: 'object', required: ['code'], properties: { code: text(20) } } as const,
      },
    },
    async (req) => publicReport(ctx, { trackingCode: req.params.code }, requestLocale(req)),
  );

  const tokenParams = { type: 'object', required: ['token'], properties: { token: text(64) } } as const;
  app.get(
    `${P}/public/fix/:token`,
    {
      config: { auth: 'public' },
      schema: { tags, summary: '"Is it fixed?": the question behind an answer link (case number, subject, the answer so far)', params: tokenParams },
    },
    async (req) => {
      const q = await fixQuestionByLink(ctx.db, req.params.token);
      if (!q) throw notFound();
      return q;
    },
  );
  app.post(
    `${P}/public/fix/:token`,
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: '"Is it fixed?": answer (fixed or not_fixed), and optionally rate 1–5 and comment; "not fixed" reopens the report',
        params: tokenParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            answer: { type: 'string', enum: ['fixed', 'not_fixed'] },
            rating: { type: 'integer', minimum: 1, maximum: 5 },
            comment: text(2000, 0),
            via: { type: 'string', enum: ['email', 'portal', 'web'], default: 'web' },
          },
        } as const,
      },
    },
    async (req) => {
      const b = req.body;
      if (!(await fixQuestionByLink(ctx.db, req.params.token))) throw notFound();
      const r = await answerFixQuestion(ctx, {
        question: { token: req.params.token },
        answer: b.answer ?? null,
        rating: b.rating ?? null,
        comment: b.comment ?? null,
        via: b.via ?? 'web',
      });
      return { outcome: r.outcome, answer: r.answer, reopened: r.reopened, number: r.number };
    },
  );

  app.get(
    `${P}/public/duplicates`,
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Open reports of the same category near a point, or on the same street ("already reported: follow it"); give lat and lon, or address',
        querystring: {
          type: 'object',
          required: ['category'],
          additionalProperties: false,
          properties: { category: text(40), lat: { type: 'number' }, lon: { type: 'number' }, address: text(300), lang: text(10), text: text(5000, 0) },
        } as const,
      },
    },
    async (req) => {
      const q = req.query;
      const r = await duplicateSuggestions(ctx, q, requestLocale(req));
      return { ...r, items: r.items.map(({ caseId: _omit, ...rest }) => rest) };
    },
  );

  app.get(`${P}/public/photos/:id`, { config: { auth: 'public' }, schema: { tags, summary: 'An approved photo', params: idParams } }, async (req, reply) => {
    const p = await publicPhoto(ctx, req.params.id);
    reply.header('content-type', p.content_type).header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=86400');
    return reply.send(createReadStream(photoPath(ctx.config.dataDir, p.storage_key)));
  });

  // ── Operator console ────────────────────────────────────────────────────────────────────────
  app.post(
    `${P}/reports`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'File a report for a caller or walk-in (JSON or multipart with photos); partyId picks a caller found by phone',
        consumes: ['application/json', 'multipart/form-data'],
        body: reportFormBody(true),
      },
    },
    async (req, reply) => {
      const settings = await loadSettings(ctx.db);
      const form = await readReportForm(req, settings);
      // The body is documented only (readReportForm reads it); a JSON body alone may name the channel.
      const body: unknown = req.body;
      const channel = typeof body === 'object' && body !== null && 'channel' in body ? body.channel : undefined;
      const r = await fileReport(ctx, requireActor(req), { via: 'staff', channel: channel === 'counter' ? 'counter' : 'phone', ...form });
      return reply.status(201).send({
        caseId: r.caseId,
        id: r.reportNo,
        number: r.number,
        trackingCode: r.trackingCode,
        status: r.status,
        unitId: r.unitId,
        routedBy: r.routedBy,
        firstResponseDueAt: r.firstResponseDueAt,
      });
    },
  );

  app.get(
    `${P}/callers`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Caller lookup by phone: parties with this number and their reports',
        querystring: { type: 'object', required: ['phone'], additionalProperties: false, properties: { phone: text(30) } } as const,
      },
    },
    async (req) => lookUpCaller(ctx, requireActor(req), req.query.phone, requestLocale(req)),
  );

  app.get(
    `${P}/duplicates`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Duplicate suggestions for the operator console: open reports of the category near lat/lon, or on the street of address',
        querystring: {
          type: 'object',
          required: ['category'],
          additionalProperties: false,
          properties: {
            category: text(40),
            lat: { type: 'number' },
            lon: { type: 'number' },
            address: text(300),
            radiusM: { type: 'integer', minimum: 1, maximum: 1000 },
            text: text(5000, 0),
          },
        } as const,
      },
    },
    async (req) => duplicateSuggestions(ctx, req.query, requestLocale(req)),
  );

  // ── Work on reports ─────────────────────────────────────────────────────────────────────────
  app.get(
    `${P}/reports/:id`,
    { config: { auth: 'staff' }, schema: { tags, summary: 'A report with routing, its 48-hour clock, photos, costs and escalations', params: idParams } },
    async (req) => staffReport(ctx, requireActor(req), caseId(req), requestLocale(req)),
  );

  app.post(
    `${P}/reports/:id/reroute`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Send the report to another unit (recorded as case.rerouted)',
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['unitId'], properties: { unitId: uuid, reason: text(2000, 0) } } as const,
      },
    },
    async (req) => rerouteReport(ctx, requireActor(req), { caseId: caseId(req), ...req.body }),
  );

  app.post(
    `${P}/reports/:id/merge`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Merge this duplicate into another report; its reporters become parties of that one',
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['intoCaseId'], properties: { intoCaseId: uuid, note: text(2000, 0) } } as const,
      },
    },
    async (req) => mergeReports(ctx, requireActor(req), { caseId: caseId(req), ...req.body }),
  );

  app.post(
    `${P}/reports/:id/reporters`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Add a caller to an open report of the same problem, instead of filing a duplicate; with consent they are told how it goes',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            partyId: uuid,
            contact: {
              type: 'object',
              additionalProperties: false,
              properties: { name: text(200, 0), phone: text(30, 0), email: text(254, 0), consent: { type: 'boolean' }, locale: text(10, 0) },
            },
          },
        } as const,
      },
    },
    async (req, reply) => reply.status(201).send(await addReporter(ctx, requireActor(req), { caseId: caseId(req), ...req.body })),
  );

  app.post(
    `${P}/reports/:id/response`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Answer the report: a status and the planned resolution date (stops the 48-hour clock)',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['status', 'plannedResolutionAt'],
          properties: { status: { type: 'string', enum: [...CASE_STATUSES] }, plannedResolutionAt: dateTime, note: text(5000, 0) },
        } as const,
      },
    },
    async (req) => {
      const b = req.body;
      return respondToReport(ctx, requireActor(req), {
        caseId: caseId(req),
        status: b.status,
        plannedResolutionAt: new Date(b.plannedResolutionAt),
        note: b.note ?? null,
      });
    },
  );

  app.post(
    `${P}/reports/bulk-assignment`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Assign many reports to one clerk of their unit (or back to the unit with clerkId null)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['caseIds', 'clerkId'],
          properties: {
            caseIds: { type: 'array', minItems: 1, maxItems: 200, items: uuid },
            clerkId: { anyOf: [uuid, { type: 'null' }] },
            note: text(2000, 0),
          },
        } as const,
      },
    },
    async (req) => bulkAssignReports(ctx, requireActor(req), req.body),
  );

  app.post(
    `${P}/reports/:id/field-result`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Record the field result with a note for the citizen and photo ids; optionally resolve',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['note'],
          properties: { note: text(5000), photoIds: { type: 'array', maxItems: 20, items: uuid }, resolve: { type: 'boolean' } },
        } as const,
      },
    },
    async (req, reply) => reply.status(201).send(await recordFieldResult(ctx, requireActor(req), { caseId: caseId(req), ...req.body })),
  );

  app.post(
    `${P}/reports/:id/costs`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Record costs (labour hours, materials, contractor)',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            labourHours: { type: 'number', minimum: 0 },
            materials: { type: 'number', minimum: 0 },
            contractor: { type: 'number', minimum: 0 },
            contractorName: text(200),
            note: text(2000, 0),
          },
        } as const,
      },
    },
    async (req, reply) => reply.status(201).send(await recordReportCost(ctx, requireActor(req), { caseId: caseId(req), ...req.body })),
  );

  app.post(
    `${P}/reports/:id/photos`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Add a field photo (multipart, field "photo"); public at once',
        params: idParams,
        consumes: ['multipart/form-data'],
        body: fieldPhotoBody,
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', { type: String(req.headers['content-type'] ?? 'none') });
      const settings = await loadSettings(ctx.db);
      const file = await req.file({ limits: { fileSize: settings.photoMaxBytes, files: 1 } });
      if (!file) throw invalidAs('detail.form_file_field', { field: 'photo' }, 'photo');
      const buf = await file.toBuffer();
      if (file.file.truncated) throw new AppError('payload_too_large', { limit: `${settings.photoMaxBytes} bytes` });
      const photo = await preparePhoto(buf, { maxBytes: settings.photoMaxBytes, maxDimension: settings.photoMaxDimension });
      return reply.status(201).send(await addReportPhoto(ctx, requireActor(req), { caseId: caseId(req), photo, source: 'field' }));
    },
  );

  // --- Moderation of what the public reads ----------------------------------------------------------
  const moderationBody = <const Actions extends readonly string[]>(actions: Actions) =>
    ({
      type: 'object',
      additionalProperties: false,
      required: ['action'],
      properties: {
        action: { type: 'string', enum: [...actions] },
        text: { ...text(5000, 0), description: 'The public text (action "edit")' },
        reason: { ...text(500, 0), description: 'Why; required to edit, redact or hide; staff read it in the history' },
      },
    }) as const;
  app.post(
    `${P}/reports/:id/moderation`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Moderate the public text of a report: edit, redact, restore as written, or approve one awaiting review (the original stays for staff)',
        params: idParams,
        body: moderationBody(REPORT_ACTIONS),
      },
    },
    async (req) => moderateReport(ctx, requireActor(req), caseId(req), req.body),
  );
  app.post(
    `${P}/reports/:id/updates/:updateId/moderation`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Moderate one public update of a report: edit, redact, hide, show, restore as written, or approve (the original stays for staff)',
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'updateId'],
          properties: { id: uuid, updateId: { type: 'string', pattern: '^[0-9]{1,18}$' } },
        } as const,
        body: moderationBody(UPDATE_ACTIONS),
      },
    },
    async (req) => moderateReportUpdate(ctx, requireActor(req), caseId(req), req.params.updateId, req.body),
  );

  app.post(
    `${P}/photos/:id/approval`,
    { config: { auth: 'staff' }, schema: { tags, summary: "Approve a citizen's photo for the public pages", params: idParams } },
    async (req) => approveReportPhoto(ctx, requireActor(req), req.params.id),
  );

  app.get(
    `${P}/photos/:id`,
    { config: { auth: 'staff' }, schema: { tags, summary: 'A photo of a report you may see (approved or not)', params: idParams } },
    async (req, reply) => {
      const p = await staffPhoto(ctx, requireActor(req), req.params.id);
      reply.header('content-type', p.content_type).header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store');
      return reply.send(createReadStream(photoPath(ctx.config.dataDir, p.storage_key)));
    },
  );

  app.get(
    `${P}/queues/:unitId`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: "A unit's work queue: new, due_soon, overdue, waiting or done, with counts of each",
        params: { type: 'object', required: ['unitId'], properties: { unitId: uuid } } as const,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            bucket: { type: 'string', enum: [...QUEUE_BUCKETS], default: 'new' },
            page: { type: 'integer', minimum: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 200 },
          },
        } as const,
      },
    },
    async (req) => {
      const q = req.query;
      return unitQueue(ctx, requireActor(req), { unitId: req.params.unitId, ...q }, requestLocale(req));
    },
  );

  app.get(
    `${P}/stats/routing`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Which categories are re-routed most, and the most common re-routings',
        querystring: { type: 'object', additionalProperties: false, properties: { from: dateTime, to: dateTime } } as const,
      },
    },
    async (req) => {
      const q = req.query;
      return routingStatistics(
        ctx,
        requireActor(req),
        { from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined },
        requestLocale(req),
      );
    },
  );

  app.get(
    `${P}/stats/costs`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Costs per unit and category in a period',
        querystring: { type: 'object', additionalProperties: false, properties: { from: dateTime, to: dateTime, unitId: uuid } } as const,
      },
    },
    async (req) => {
      const q = req.query;
      return costReport(ctx, requireActor(req), { from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, unitId: q.unitId });
    },
  );

  // ── Administration ──────────────────────────────────────────────────────────────────────────
  app.get(`${P}/categories`, { config: { auth: 'staff' }, schema: { tags, summary: 'Every category in every language' } }, async (req) => ({
    items: await adminCategories(ctx, requireActor(req)),
  }));

  app.post(
    `${P}/categories`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Create a category',
        body: { type: 'object', additionalProperties: false, required: ['code', 'caseTypeId', 'name'], properties: categoryBody } as const,
      },
    },
    async (req, reply) => reply.status(201).send(await createCategory(ctx, requireActor(req), req.body)),
  );

  app.patch(
    `${P}/categories/:id`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Change a category',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: (({ code: _c, ...rest }) => rest)(categoryBody) } as const,
      },
    },
    async (req) => updateCategoryCommand(ctx, requireActor(req), req.params.id, req.body),
  );

  app.get(
    `${P}/routing-rules`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Routing rules in the order they are tried',
        querystring: { type: 'object', additionalProperties: false, properties: { categoryId: { type: 'integer', minimum: 1 } } } as const,
      },
    },
    async (req) => ({ items: await routingRules(ctx, requireActor(req), req.query.categoryId) }),
  );

  app.post(
    `${P}/routing-rules`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Create a routing rule (area: GeoJSON Polygon/MultiPolygon; streets: names)',
        body: { type: 'object', additionalProperties: false, required: ['categoryId', 'unitId'], properties: ruleBody } as const,
      },
    },
    async (req, reply) => reply.status(201).send(await createRoutingRule(ctx, requireActor(req), req.body)),
  );

  app.patch(
    `${P}/routing-rules/:id`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Change or switch off a routing rule',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: ruleBody } as const,
      },
    },
    async (req) => updateRoutingRule(ctx, requireActor(req), req.params.id, req.body),
  );

  app.get(
    `${P}/settings`,
    { config: { auth: 'staff' }, schema: { tags, summary: 'Boundary, dispatcher, duplicate radius, working hours and intake limits' } },
    async (req) => sistem48Settings(ctx, requireActor(req)),
  );

  app.patch(
    `${P}/settings`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Change the settings (boundary as GeoJSON, or boundaryBox [west, south, east, north])',
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            boundary: { anyOf: [{ type: 'object' }, { type: 'null' }] },
            boundaryBox: { type: 'array', minItems: 4, maxItems: 4, items: { type: 'number' } },
            dispatcherUnitId: { anyOf: [uuid, { type: 'null' }] },
            duplicateRadiusM: { type: 'integer', minimum: 1, maximum: 5000 },
            workingDays: { type: 'array', minItems: 1, maxItems: 7, items: { type: 'integer', minimum: 1, maximum: 7 } },
            workingDayStart: { type: 'string', pattern: '^\\d{2}:\\d{2}$' },
            workingDayEnd: { type: 'string', pattern: '^\\d{2}:\\d{2}$' },
            intakePerIpPerHour: { type: 'integer', minimum: 1, maximum: 100000 },
            photoMaxBytes: { type: 'integer', minimum: 10000, maximum: 52428800 },
            photoMaxDimension: { type: 'integer', minimum: 200, maximum: 8000 },
            photoMaxCount: { type: 'integer', minimum: 0, maximum: 10 },
            autoRouteThreshold: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
          },
        } as const,
      },
    },
    async (req) => updateSistem48Settings(ctx, requireActor(req), req.body),
  );

  app.get(
    `${P}/holidays`,
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Holidays from a day on (the working-hours clock skips them)',
        querystring: { type: 'object', additionalProperties: false, properties: { from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } } } as const,
      },
    },
    async (req) => ({ items: await holidays(ctx, req.query.from ?? '1970-01-01') }),
  );

  app.put(
    `${P}/holidays/:day`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Add or rename a holiday',
        params: { type: 'object', required: ['day'], properties: { day: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } } } as const,
        body: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: text(200) } } as const,
      },
    },
    async (req) => setHoliday(ctx, requireActor(req), { day: req.params.day, name: req.body.name }),
  );

  app.delete(
    `${P}/holidays/:day`,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Remove a holiday',
        params: { type: 'object', required: ['day'], properties: { day: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } } } as const,
      },
    },
    async (req) => removeHoliday(ctx, requireActor(req), req.params.day),
  );
}
