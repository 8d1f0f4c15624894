/** Public pages and data of the reports: the weekly overview (HTML and JSON), its archive, the definitions, and open data. */
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Ctx } from '../../kernel/context.ts';
import { requestLocale } from '../../http/locale.ts';
import { locale as localeSchema, type RouteApp } from '../../http/schemas.ts';
import { AppError } from '../../kernel/lib/errors.ts';
import { REPORT_FIELDS, REPORTS_SCHEMA, WEEKLY_FIELDS, WEEKLY_SCHEMA, csvHeader, csvLine, type OpenRecord } from '../domain/open-data.ts';
import type { WeeklyOverview } from '../domain/overview.ts';
import { allPublishedOverviews, getOverview, listArchive, neighbours, openDataPeriod, openReports, publishedDefinitions } from '../queries/public.ts';
import { renderDefinitions } from '../render/definitions-page.ts';
import { renderArchive, renderMissingWeek, renderWeeklyPage } from '../render/weekly-page.ts';

const tags = ['public reports'];
const WEEK = { type: 'string', pattern: '^([0-9]{4}-W[0-9]{2}|latest)$' } as const;
const langOnly = { type: 'object', additionalProperties: false, properties: { lang: localeSchema } } as const;
const periodQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    week: { type: 'string', pattern: '^[0-9]{4}-W[0-9]{2}$' },
    period: { type: 'string', maxLength: 30 },
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    lang: localeSchema,
  },
} as const;

const sendHtml = (reply: FastifyReply, body: string, maxAge: number) =>
  reply.type('text/html; charset=utf-8').header('cache-control', `public, max-age=${maxAge}`).send(body);

/** The headline figures of one archived week as an open-data record. */
export function weeklyRecord(o: WeeklyOverview): OpenRecord {
  return {
    week: o.week,
    period_start: o.periodStart,
    period_end: o.periodEnd,
    received: o.received.total,
    answer_due: o.answeredWithin48h.of,
    answered_within_48h: o.answeredWithin48h.count,
    answered_within_48h_share: o.answeredWithin48h.share,
    first_response_n: o.firstResponseHours.count,
    first_response_median_h: o.firstResponseHours.median,
    first_response_p90_h: o.firstResponseHours.p90,
    resolution_n: o.resolutionHours.count,
    resolution_median_h: o.resolutionHours.median,
    resolution_p90_h: o.resolutionHours.p90,
    open_backlog: o.backlog.open,
    rerouted: o.rerouted.count,
    // "Is it fixed?" (absent, so empty, in weeks published before it existed).
    fix_answers: o.citizenVerdicts?.answered ?? null,
    fix_not_fixed: o.citizenVerdicts?.notFixed ?? null,
    fix_reopened: o.citizenVerdicts?.reopened ?? null,
    fix_closed_not_fixed: o.citizenVerdicts?.closedNotFixed ?? null,
    fix_average_rating: o.citizenVerdicts?.averageRating ?? null,
    licence: o.licence,
  };
}

export function publicReportRoutes(app: RouteApp, ctx: Ctx) {
  const cfg = ctx.config;
  const base = { municipality: cfg.municipalityName, municipalityCyrillic: cfg.municipalityNameCyrillic, timezone: cfg.timezone, licence: cfg.openDataLicence };

  // Pages
  app.get(
    '/reports/weekly/:week',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'The weekly public overview of a week (2026-W47) or the latest one, as a printable page',
        params: { type: 'object', required: ['week'], properties: { week: WEEK } } as const,
        querystring: langOnly,
      },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const week = req.params.week;
      try {
        const o = await getOverview(ctx, week);
        const n = await neighbours(ctx, o.week);
        const q = `?lang=${locale}`;
        const links = {
          previous: n.previous ? `/reports/weekly/${n.previous}${q}` : null,
          next: n.next ? `/reports/weekly/${n.next}${q}` : null,
          json: `/api/v1/public/reports/weekly/${o.week}`,
          csv: `/api/v1/public/open-data/reports.csv?week=${o.week}`,
          geojson: `/api/v1/public/open-data/reports.geojson?week=${o.week}`,
        };
        return sendHtml(reply, renderWeeklyPage(o, locale, links, `/reports/weekly/${week}`, cfg.municipalityNameCyrillic), week === 'latest' ? 300 : 3600);
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'not_found') throw e;
        reply.status(404);
        return sendHtml(reply, renderMissingWeek({ ...base, locale, week: week === 'latest' ? null : week, path: `/reports/weekly/${week}` }), 60);
      }
    },
  );

  app.get(
    '/reports/weekly',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'The archive of weekly overviews', querystring: langOnly },
    },
    async (req, reply) => sendHtml(reply, renderArchive({ ...base, locale: requestLocale(req), weeks: await listArchive(ctx) }), 300),
  );

  app.get(
    '/reports/definitions',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'How every published figure is computed', querystring: langOnly },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      return sendHtml(reply, renderDefinitions({ ...base, locale, definitions: publishedDefinitions(ctx, locale) }), 3600);
    },
  );

  // JSON
  app.get(
    '/api/v1/public/reports/weekly',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'Published weeks, newest first', querystring: langOnly },
    },
    async () => ({
      items: (await listArchive(ctx)).map((w) => ({ week: w.week, periodStart: w.start, periodEnd: w.end, href: `/api/v1/public/reports/weekly/${w.week}` })),
    }),
  );

  app.get(
    '/api/v1/public/reports/weekly/:week',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'One published weekly overview (schema glas.weekly-overview/1), or the latest',
        params: { type: 'object', required: ['week'], properties: { week: WEEK } } as const,
        querystring: langOnly,
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return getOverview(ctx, req.params.week);
    },
  );

  app.get(
    '/api/v1/public/reports/definitions',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'The definitions of every published figure, in the requested language', querystring: langOnly },
    },
    async (req) => {
      const locale = requestLocale(req);
      return { locale, timezone: cfg.timezone, definitions: publishedDefinitions(ctx, locale) };
    },
  );

  // Open data
  app.get(
    '/api/v1/public/open-data',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'The open-data sets, their formats, schema and licence', querystring: langOnly },
    },
    async () => ({
      licence: cfg.openDataLicence,
      municipality: cfg.municipalityName,
      timezone: cfg.timezone,
      schema: '/api/v1/public/open-data/schema',
      datasets: [
        {
          name: 'reports',
          schema: REPORTS_SCHEMA,
          description: 'Every problem report, anonymous, location rounded to a grid cell',
          gridMetres: cfg.openDataGridM,
          parameters: 'week=2026-W47 | period=2026-Q3 | from=YYYY-MM-DD&to=YYYY-MM-DD (default: the last finished week; at most 366 days)',
          formats: {
            csv: '/api/v1/public/open-data/reports.csv',
            json: '/api/v1/public/open-data/reports.json',
            geojson: '/api/v1/public/open-data/reports.geojson',
          },
        },
        {
          name: 'weekly',
          schema: WEEKLY_SCHEMA,
          description: 'The headline figures of every published weekly overview',
          formats: { csv: '/api/v1/public/open-data/weekly.csv', json: '/api/v1/public/open-data/weekly.json' },
        },
      ],
      definitions: '/api/v1/public/reports/definitions',
    }),
  );

  app.get(
    '/api/v1/public/open-data/schema',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'The schema of every open-data set (stable; fields are only added at the end)', querystring: langOnly },
    },
    async () => ({
      licence: cfg.openDataLicence,
      resources: [
        { name: 'reports', schema: REPORTS_SCHEMA, gridMetres: cfg.openDataGridM, fields: REPORT_FIELDS },
        { name: 'weekly', schema: WEEKLY_SCHEMA, fields: WEEKLY_FIELDS },
      ],
    }),
  );

  const licenceHeader = (reply: FastifyReply) =>
    reply.header('link', `<https://spdx.org/licenses/${encodeURIComponent(cfg.openDataLicence)}.html>; rel="license"`);

  for (const format of ['csv', 'json', 'geojson'] as const) {
    app.get(
      `/api/v1/public/open-data/reports.${format}`,
      {
        config: { auth: 'public' },
        schema: { tags, summary: `Anonymous problem reports of a period as ${format.toUpperCase()} (schema ${REPORTS_SCHEMA})`, querystring: periodQuery },
      },
      async (req, reply) => {
        const p = openDataPeriod(ctx, req.query);
        const batches = openReports(ctx, p);
        licenceHeader(reply)
          .header('cache-control', 'public, max-age=300')
          .header('content-disposition', `attachment; filename="reports-${p.label.replace(/[^0-9A-Za-z.-]/g, '_')}.${format}"`);
        const meta = {
          schema: REPORTS_SCHEMA,
          licence: cfg.openDataLicence,
          municipality: cfg.municipalityName,
          period: { label: p.label, start: p.start.toISOString(), end: p.end.toISOString() },
          gridMetres: cfg.openDataGridM,
        };
        async function* body(): AsyncGenerator<string> {
          let first = true;
          if (format === 'csv') yield csvHeader(REPORT_FIELDS);
          if (format === 'json') yield JSON.stringify(meta).slice(0, -1) + ',"records":[';
          if (format === 'geojson') yield JSON.stringify({ type: 'FeatureCollection', ...meta }).slice(0, -1) + ',"features":[';
          for await (const batch of batches) {
            let chunk = '';
            for (const r of batch) {
              if (format === 'csv') {
                chunk += csvLine(REPORT_FIELDS, r);
                continue;
              }
              const item =
                format === 'json'
                  ? r
                  : {
                      type: 'Feature',
                      id: r.report_no,
                      geometry: r.lat === null ? null : { type: 'Point', coordinates: [r.lon, r.lat] },
                      properties: Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'lat' && k !== 'lon')),
                    };
              chunk += (first ? '' : ',') + JSON.stringify(item);
              first = false;
            }
            yield chunk;
          }
          if (format !== 'csv') yield ']}';
        }
        const type =
          format === 'csv' ? 'text/csv; charset=utf-8' : format === 'json' ? 'application/json; charset=utf-8' : 'application/geo+json; charset=utf-8';
        return reply.type(type).send(Readable.from(body()));
      },
    );
  }

  for (const format of ['csv', 'json'] as const) {
    app.get(
      `/api/v1/public/open-data/weekly.${format}`,
      {
        config: { auth: 'public' },
        schema: { tags, summary: `Headline figures of every published week as ${format.toUpperCase()} (schema ${WEEKLY_SCHEMA})`, querystring: langOnly },
      },
      async (_req, reply) => {
        const records = (await allPublishedOverviews(ctx)).map(weeklyRecord);
        licenceHeader(reply).header('cache-control', 'public, max-age=300');
        if (format === 'json') return { schema: WEEKLY_SCHEMA, licence: cfg.openDataLicence, municipality: cfg.municipalityName, records };
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="weekly.csv"')
          .send(csvHeader(WEEKLY_FIELDS) + records.map((r) => csvLine(WEEKLY_FIELDS, r)).join(''));
      },
    );
  }
}
