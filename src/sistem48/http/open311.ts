/**
 * Open311 GeoReport v2 at /open311 (discovery) and /open311/v2: every resource in .json and .xml,
 * form-encoded, JSON and multipart (media) bodies, and the specification's own error list with
 * 400, 403 and 404, in the requested format.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { validationText } from '../../http/errors.ts';
import type { RouteApp } from '../../http/schemas.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError, HTTP_STATUS, clientInputError, invalidAs } from '../../kernel/lib/errors.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { requestLocale } from '../../http/locale.ts';
import { loadSettings } from '../settings.ts';
import { photoLimitError, photoTooLarge, preparePhoto, type PreparedPhoto } from '../photos.ts';
import { CONTENT_TYPE, formatOfUrl, render, renderErrors, renderObject, type Format } from '../open311/format.ts';
import {
  getRequestUpdates,
  getServiceDefinition,
  getServiceRequest,
  getServiceRequests,
  getToken,
  listServices,
  postRequestUpdate,
  postServiceRequest,
  type Params,
} from '../open311/requests.ts';

const FORMATS: readonly Format[] = ['json', 'xml'];
const formatOf = (req: FastifyRequest): Format => formatOfUrl(req.url);

function statusFor(err: unknown): number {
  if (err instanceof AppError) {
    const s = HTTP_STATUS[err.code];
    if (s === 401 || s === 403) return 403;
    if (s === 404) return 404;
    if (s === 429) return 429;
    return 400;
  }
  const fe = err as FastifyError;
  if (fe.validation) return 400;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) return fe.statusCode === 404 ? 404 : fe.statusCode === 403 ? 403 : 400;
  return 500;
}

function describe(req: FastifyRequest, err: unknown, status: number): string {
  if (err instanceof AppError) {
    const reason = err.details?.reason;
    if (typeof reason === 'string') return reason;
    if (err.code === 'validation' && typeof err.details?.detailKey === 'string')
      return t(requestLocale(req), err.details.detailKey as MessageKey, err.details.detailParams as Record<string, string | number>);
    if (err.code === 'validation' && typeof err.params.detail === 'string') return err.params.detail;
    return t(requestLocale(req), `error.${err.code}` as MessageKey, err.params);
  }
  if ((err as FastifyError).validation) return validationText(req, err as FastifyError);
  if (status === 500) return t(requestLocale(req), 'error.internal');
  return (err as Error).message;
}

function parseForm(body: string): Params {
  const out: Params = {};
  for (const [k, v] of new URLSearchParams(body)) {
    if (v.includes('\u0000') || k.includes('\u0000')) throw invalidAs('detail.nul_char', { field: k.replace(/\u0000/g, '') }, k);
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/**
 * Open311 routes have no JSON schemas (their errors are rendered in Open311's own format by the checks in
 * requests.ts), so their request types are route generics: a query is what Fastify's query-string parser
 * makes, an object of strings, and path parameters are strings.
 */
interface OpenQuery {
  Querystring: Params;
}

/** Query string and body together (clients put api_key in either); multipart media are prepared as photos. */
async function readParams(req: FastifyRequest<OpenQuery>, ctx: Ctx): Promise<{ params: Params; photos: PreparedPhoto[] }> {
  const params: Params = { ...req.query };
  const photos: PreparedPhoto[] = [];
  if (req.isMultipart()) {
    const settings = await loadSettings(ctx.db);
    const limits = { maxBytes: settings.photoMaxBytes, maxCount: settings.photoMaxCount };
    try {
      for await (const part of req.parts({ limits: { files: settings.photoMaxCount, fileSize: settings.photoMaxBytes, fields: 60, parts: 80 } })) {
        if (part.type === 'file') {
          const buf = await part.toBuffer();
          if (part.file.truncated) throw photoTooLarge(limits.maxBytes);
          if (buf.length) photos.push(await preparePhoto(buf, { maxBytes: settings.photoMaxBytes, maxDimension: settings.photoMaxDimension }));
        } else params[part.fieldname] = part.value;
      }
    } catch (e) {
      throw photoLimitError(e, limits);
    }
  } else if (req.body && typeof req.body === 'object') Object.assign(params, req.body);
  checkLengths(params);
  return { params, photos };
}

// Open311 has no JSON schema in front of it, so its parameters are capped here, before any of them
// reaches a search key or the database: the longest a sensible client sends, with room to spare.
const LONGEST: Record<string, number> = {
  first_name: 100,
  last_name: 100,
  email: 254,
  phone: 30,
  address_string: 300,
  address_id: 100,
  account_id: 100,
  device_id: 100,
  service_code: 40,
  service_request_id: 40,
  update_id: 100,
  api_key: 200,
  jurisdiction_id: 100,
  media_url: 2000,
  description: 5000,
};

function checkLengths(params: Params): void {
  for (const [key, value] of Object.entries(params)) {
    const max = LONGEST[key] ?? 2000;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'string' && v.length > max) throw invalidAs('detail.field_too_long', { field: key, limit: max }, key);
    }
  }
}

export function open311Routes(app: RouteApp, ctx: Ctx) {
  app.register(
    async (api) => {
      api.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parseForm(body as string)));
      api.setErrorHandler((thrown, req, reply) => {
        const err = clientInputError(thrown) ?? thrown;
        const status = statusFor(err);
        if (status === 500) req.log.error({ err }, 'open311 error');
        const f = formatOf(req);
        return reply
          .status(status)
          .type(CONTENT_TYPE[f])
          .send(renderErrors(f, status, describe(req, err, status)));
      });
      api.setNotFoundHandler((req, reply) => {
        const f = formatOf(req);
        return reply
          .status(404)
          .type(CONTENT_TYPE[f])
          .send(renderErrors(f, 404, 'no such resource; see /open311/discovery.json'));
      });
      // Without this the web app's catch-all would answer unknown Open311 paths with its HTML shell.
      api.all('/*', { config: { auth: 'public' as const }, schema: { hide: true } }, async () => {
        throw new AppError('not_found', {}, { reason: 'no such resource; see /open311/discovery.json' });
      });
      const send = (reply: FastifyReply, f: Format, body: string, status = 200) => reply.status(status).type(CONTENT_TYPE[f]).send(body);
      const opts = (req: FastifyRequest) => ({ locale: requestLocale(req), publicUrl: ctx.config.publicUrl });
      const cfg = { config: { auth: 'public' as const }, schema: { tags: ['open311'], hide: true } };

      for (const f of FORMATS) {
        const discovery = () => ({
          changeset: '2026-11-21T00:00:00Z',
          contact: ctx.config.municipalityName,
          key_service: `${ctx.config.publicUrl} (API keys: the administrator issues an API token with the open311 scope)`,
          endpoints: [
            {
              specification: 'http://wiki.open311.org/GeoReport_v2',
              url: `${ctx.config.publicUrl}/open311/v2`,
              changeset: '2026-11-21T00:00:00Z',
              type: 'production',
              formats: ['text/xml', 'application/json'],
            },
          ],
        });
        api.get(`/discovery.${f}`, cfg, async (_req, reply) => send(reply, f, renderObject(f, 'discovery', discovery())));
        api.get(`/v2/discovery.${f}`, cfg, async (_req, reply) => send(reply, f, renderObject(f, 'discovery', discovery())));

        api.get(`/v2/services.${f}`, cfg, async (req, reply) => send(reply, f, render(f, 'services', 'service', await listServices(ctx, requestLocale(req)))));

        api.get<{ Params: { code: string } }>(`/v2/services/:code.${f}`, cfg, async (req, reply) =>
          send(reply, f, renderObject(f, 'service_definition', await getServiceDefinition(ctx, req.params.code, requestLocale(req)))),
        );

        api.post<OpenQuery>(`/v2/requests.${f}`, cfg, async (req, reply) => {
          const { params, photos } = await readParams(req, ctx);
          return send(reply, f, render(f, 'service_requests', 'request', await postServiceRequest(ctx, params, photos)));
        });

        api.get<OpenQuery>(`/v2/requests.${f}`, cfg, async (req, reply) =>
          send(reply, f, render(f, 'service_requests', 'request', await getServiceRequests(ctx, req.query, opts(req)))),
        );

        api.get<OpenQuery & { Params: { id: string } }>(`/v2/requests/:id.${f}`, cfg, async (req, reply) =>
          send(reply, f, render(f, 'service_requests', 'request', await getServiceRequest(ctx, req.params.id, req.query, opts(req)))),
        );

        api.get<{ Params: { token: string } }>(`/v2/tokens/:token.${f}`, cfg, async (req, reply) =>
          send(reply, f, render(f, 'service_requests', 'request', await getToken(ctx, req.params.token))),
        );

        api.get<OpenQuery>(`/v2/servicerequestupdates.${f}`, cfg, async (req, reply) =>
          send(reply, f, render(f, 'service_request_updates', 'request_update', await getRequestUpdates(ctx, req.query, { locale: requestLocale(req) }))),
        );

        api.post<OpenQuery>(`/v2/servicerequestupdates.${f}`, cfg, async (req, reply) => {
          const { params } = await readParams(req, ctx);
          return send(reply, f, render(f, 'service_request_updates', 'request_update', await postRequestUpdate(ctx, params)));
        });
      }
    },
    { prefix: '/open311' },
  );
}
