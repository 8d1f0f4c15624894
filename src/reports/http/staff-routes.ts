import type { FastifyReply } from 'fastify';
import type { Ctx } from '../../kernel/context.ts';
import { requireActor } from '../../http/auth.ts';
import { requestLocale } from '../../http/locale.ts';
import { dateTime, locale as localeSchema, text, uuid, type RouteApp } from '../../http/schemas.ts';
import { invalidAs } from '../../kernel/lib/errors.ts';
import { parseIsoWeek } from '../domain/calendar.ts';
import { COST_KINDS, createBudgetLine } from '../commands/create-budget-line.ts';
import { changeBudgetLine } from '../commands/update-budget-line.ts';
import { removeBudgetLine } from '../commands/delete-budget-line.ts';
import { publishWeeklyOverview } from '../commands/publish-weekly-overview.ts';
import { listBudgetLines } from '../queries/budget.ts';
import { reportableUnits, unitReport } from '../queries/unit-report.ts';
import {
  dashboardBreaches,
  dashboardHotspots,
  dashboardOverview,
  dashboardRecurring,
  dashboardStatus,
  dashboardTrends,
  drillDownCases,
} from '../queries/leadership.ts';
import { QUEUE_FILTERS, unitHeadHome } from '../queries/unit-home.ts';
import { reassignCases } from '../commands/reassign-cases.ts';
import { dashboardDocument, drillDocument, renderCsv } from '../render/dashboard-sections.ts';
import type { ReportDocument } from '../render/unit-sections.ts';
import { LIVE_METRICS, PERIOD_METRICS } from '../queries/dashboard.ts';
import { renderUnitPage } from '../render/unit-page.ts';
import { unitReportDocument } from '../render/unit-sections.ts';
import { renderPdf } from '../render/pdf.ts';
import { renderXlsx } from '../render/xlsx.ts';

const tags = ['reports'];
const unitParams = { type: 'object', required: ['unitId'], additionalProperties: false, properties: { unitId: uuid } } as const;
const periodQuery = { type: 'object', additionalProperties: false, properties: { period: text(30), lang: localeSchema } } as const;
const intId = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'integer', minimum: 1 } } } as const;
const money = { type: 'number', minimum: 0, maximum: 1e12 } as const;
const fromTo = { from: dateTime, to: dateTime } as const;
const date = (s: string | undefined) => (s ? new Date(s) : undefined);
const overviewQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...fromTo,
    unitId: uuid,
    categoryId: { type: 'integer', minimum: 1 },
    channel: text(30),
    area: text(24),
    by: { type: 'string', enum: ['unit', 'category', 'channel', 'area'] },
    lang: localeSchema,
  },
} as const;
const drillQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['metric'],
  properties: {
    metric: { type: 'string', enum: [...LIVE_METRICS, ...PERIOD_METRICS] },
    unitId: uuid,
    categoryId: { type: 'integer', minimum: 1 },
    channel: text(30),
    ...fromTo,
    cell: text(24),
    cellM: { type: 'integer', minimum: 25, maximum: 10000 },
    minAgeDays: { type: 'integer', minimum: 0, maximum: 100000 },
    maxAgeDays: { type: 'integer', minimum: 1, maximum: 100000 },
    limit: { type: 'integer', minimum: 1, maximum: 1000 },
    offset: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    lang: localeSchema,
  },
} as const;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function staffReportRoutes(app: RouteApp, ctx: Ctx) {
  // Unit reports
  app.get(
    '/api/v1/reports/units',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Units you may produce a report for' },
    },
    async (req) => ({ items: await reportableUnits(ctx, requireActor(req)) }),
  );

  app.get(
    '/api/v1/reports/units/:unitId',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'A unit report for a period (2026-Q3, 2026, 2026-07, 2026-W47 or 2026-07-01..2026-09-30; default the current quarter)',
        params: unitParams,
        querystring: periodQuery,
      },
    },
    async (req) => unitReport(ctx, requireActor(req), req.params.unitId, req.query.period),
  );

  app.get(
    '/reports/units/:unitId',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'A unit report as a printable page', params: unitParams, querystring: periodQuery },
    },
    async (req, reply) => {
      const { unitId } = req.params;
      const q = req.query;
      const r = await unitReport(ctx, requireActor(req), unitId, q.period);
      const locale = requestLocale(req);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(renderUnitPage(r, locale, `/reports/units/${unitId}`, { period: r.period.label }));
    },
  );

  app.get(
    '/reports/units/:unitId/report.pdf',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'A unit report as a PDF for a public meeting', params: unitParams, querystring: periodQuery },
    },
    async (req, reply) => {
      const r = await unitReport(ctx, requireActor(req), req.params.unitId, req.query.period);
      const locale = requestLocale(req);
      const pdf = await renderPdf(unitReportDocument(r, locale), { lang: locale, pageLabel: (n, of) => `${n} / ${of}`, now: ctx.now() });
      return reply
        .type('application/pdf')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="report-${r.unit.code}-${r.period.label.replace(/[^0-9A-Za-z-]/g, '_')}.pdf"`)
        .send(pdf);
    },
  );

  app.get(
    '/reports/units/:unitId/report.xlsx',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'A unit report as a spreadsheet (XLSX)', params: unitParams, querystring: periodQuery },
    },
    async (req, reply) => {
      const r = await unitReport(ctx, requireActor(req), req.params.unitId, req.query.period);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="report-${r.unit.code}-${r.period.label.replace(/[^0-9A-Za-z-]/g, '_')}.xlsx"`)
        .send(await renderXlsx(unitReportDocument(r, requestLocale(req)), { now: ctx.now() }));
    },
  );

  // Budget lines
  app.get(
    '/api/v1/reports/budget-lines',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Budget lines you may see (administrator, leadership, a unit head for their units)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { unitId: uuid, year: { type: 'integer', minimum: 2000, maximum: 2100 } },
        } as const,
      },
    },
    async (req) => ({ items: await listBudgetLines(ctx, requireActor(req), req.query) }),
  );

  app.post(
    '/api/v1/reports/budget-lines',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Add a budget line (administrator; audited)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['unitId', 'year', 'amount'],
          properties: {
            unitId: uuid,
            year: { type: 'integer', minimum: 2000, maximum: 2100 },
            categoryId: { type: ['integer', 'null'], minimum: 1 },
            costKind: { type: 'string', enum: [...COST_KINDS] },
            amount: money,
            note: { type: ['string', 'null'], maxLength: 500 },
          },
        } as const,
      },
    },
    async (req, reply) => {
      const row = await createBudgetLine(ctx, requireActor(req), req.body);
      return reply.status(201).send(row);
    },
  );

  app.patch(
    '/api/v1/reports/budget-lines/:id',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Change a budget line (administrator; audited)',
        params: intId,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { amount: money, note: { type: ['string', 'null'], maxLength: 500 } },
        } as const,
      },
    },
    async (req) => changeBudgetLine(ctx, requireActor(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/reports/budget-lines/:id',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Remove a budget line (administrator; audited)', params: intId },
    },
    async (req) => removeBudgetLine(ctx, requireActor(req), req.params.id),
  );

  // Publishing a week by hand (a missed week, or a new installation's past weeks)
  app.post(
    '/api/v1/reports/weekly/:week/publish',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Publish the overview of a finished week now (administrator; a published week is never changed)',
        params: {
          type: 'object',
          required: ['week'],
          additionalProperties: false,
          properties: { week: { type: 'string', pattern: '^[0-9]{4}-W[0-9]{2}$' } },
        } as const,
      },
    },
    async (req) => {
      const week = parseIsoWeek(req.params.week);
      if (!week) throw invalidAs('detail.week_format', { example: '2026-W47' }, 'week');
      const r = await publishWeeklyOverview(ctx, requireActor(req), week);
      return { week: r.overview.week, created: r.created, href: `/api/v1/public/reports/weekly/${r.overview.week}` };
    },
  );

  // Leadership dashboard
  app.get(
    '/api/v1/reports/dashboard/status',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Live first-response and resolution status of open reports, by unit (leadership)' },
    },
    async (req) => dashboardStatus(ctx, requireActor(req)),
  );

  app.get(
    '/api/v1/reports/dashboard/breaches',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'First-response deadlines due and missed in a period, by unit (leadership; default the last 30 days)',
        querystring: { type: 'object', additionalProperties: false, properties: fromTo } as const,
      },
    },
    async (req) => {
      const q = req.query;
      return dashboardBreaches(ctx, requireActor(req), { from: date(q.from), to: date(q.to) });
    },
  );

  app.get(
    '/api/v1/reports/dashboard/trends',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Weekly headline figures: published weeks and the current week so far (leadership)',
        querystring: { type: 'object', additionalProperties: false, properties: { weeks: { type: 'integer', minimum: 1, maximum: 104 } } } as const,
      },
    },
    async (req) => dashboardTrends(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/v1/reports/dashboard/hotspots',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Reports received in a period by grid cell and category (leadership; default the last 30 days, 250 m cells)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...fromTo, cellM: { type: 'integer', minimum: 25, maximum: 10000 }, categoryId: { type: 'integer', minimum: 1 } },
        } as const,
      },
    },
    async (req) => {
      const q = req.query;
      return dashboardHotspots(ctx, requireActor(req), { ...q, from: date(q.from), to: date(q.to) });
    },
  );

  app.get(
    '/api/v1/reports/dashboard/recurring',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'The same category reported repeatedly in the same place (leadership; default 90 days, 100 m cells, 3 reports)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            days: { type: 'integer', minimum: 1, maximum: 400 },
            cellM: { type: 'integer', minimum: 25, maximum: 10000 },
            min: { type: 'integer', minimum: 2, maximum: 1000 },
          },
        } as const,
      },
    },
    async (req) => dashboardRecurring(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/v1/reports/drilldown',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'The reports behind a dashboard or unit-report number (case ids and numbers)', querystring: drillQuery },
    },
    async (req) => {
      const { lang: _lang, ...q } = req.query;
      return drillDownCases(ctx, requireActor(req), { ...q, from: date(q.from), to: date(q.to) });
    },
  );

  // The dashboard's one view (issue 15), and any view or drill-down list as CSV or XLSX
  app.get(
    '/api/v1/reports/dashboard/overview',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary:
          'Intake, answered within the promise, time to first answer and to resolution, backlog by age, late now and costs against the budget, split by unit, category, channel or area (leadership; a unit head for their units)',
        querystring: overviewQuery,
      },
    },
    async (req) => {
      const { lang: _lang, ...q } = req.query;
      return dashboardOverview(ctx, requireActor(req), { ...q, from: date(q.from), to: date(q.to) });
    },
  );

  const sendDocument = (reply: FastifyReply, doc: ReportDocument, name: string, format: 'csv' | 'xlsx') =>
    format === 'csv'
      ? reply
          .type('text/csv; charset=utf-8')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(renderCsv(doc))
      : renderXlsx(doc, { now: ctx.now() }).then((buf) =>
          reply.type(XLSX_TYPE).header('cache-control', 'private, no-store').header('content-disposition', `attachment; filename="${name}.xlsx"`).send(buf),
        );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/reports/dashboard/overview.${format}`,
      {
        config: { auth: 'staff' },
        schema: { tags, summary: `The dashboard's view as ${format.toUpperCase()}, in the reader's language`, querystring: overviewQuery },
      },
      async (req, reply) => {
        const { lang: _lang, ...q } = req.query;
        const d = await dashboardOverview(ctx, requireActor(req), { ...q, from: date(q.from), to: date(q.to) });
        const doc = dashboardDocument(d, requestLocale(req), { municipality: ctx.config.municipalityName, timezone: ctx.config.timezone });
        return sendDocument(reply, doc, `dashboard-${d.by}-${d.from.slice(0, 10)}-${d.to.slice(0, 10)}`, format);
      },
    );
    app.get(
      `/reports/drilldown.${format}`,
      {
        config: { auth: 'staff' },
        schema: { tags, summary: `The reports behind a number as ${format.toUpperCase()} (up to 1000)`, querystring: drillQuery },
      },
      async (req, reply) => {
        const { lang: _lang, ...q } = req.query;
        const r = await drillDownCases(ctx, requireActor(req), { ...q, limit: q.limit ?? 1000, from: date(q.from), to: date(q.to) });
        const doc = drillDocument({ metric: q.metric, ...r }, requestLocale(req), ctx.config.timezone);
        return sendDocument(reply, doc, `reports-${q.metric}`, format);
      },
    );
  }

  // The unit head's home
  app.get(
    '/api/v1/reports/unit-home',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: "The unit head's home: queue health, work per clerk, open cases and the escalations that reached them",
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { filter: { type: 'string', enum: [...QUEUE_FILTERS] }, clerkId: uuid },
        } as const,
      },
    },
    async (req) => unitHeadHome(ctx, requireActor(req), req.query),
  );

  app.post(
    '/api/v1/reports/unit-home/reassign',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Reassign several cases to a clerk (or to nobody) of a unit (unit head; each case is its own recorded assignment)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['caseIds', 'unitId', 'clerkId'],
          properties: {
            caseIds: { type: 'array', minItems: 1, maxItems: 200, items: uuid },
            unitId: uuid,
            clerkId: { anyOf: [uuid, { type: 'null' }] },
            note: text(2000, 0),
          },
        } as const,
      },
    },
    async (req) => reassignCases(ctx, requireActor(req), req.body),
  );
}
