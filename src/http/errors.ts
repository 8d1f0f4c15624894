/** Maps every error to one JSON shape, `{ error: { code, message, details? } }`, worded in the user's language. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.ts';
import { AppError, HTTP_STATUS, clientInputError, isDatabaseUnavailable, type ErrorCode } from '../kernel/lib/errors.ts';
import { t, type MessageKey, type MessageParams } from '../i18n/index.ts';
import { requestLocale } from './locale.ts';
import type { AddressErrorRenderer } from '../kernel/module.ts';

export function errorBody(req: FastifyRequest, code: ErrorCode | 'internal', params: Record<string, string | number> = {}, details?: Record<string, unknown>) {
  const locale = requestLocale(req);
  const { detailKey, detailParams, ...shown } = details ?? {};
  // A detail given as a catalogue key (invalidAs) is worded in the request's language too.
  const all =
    typeof detailKey === 'string' ? { ...params, detail: t(locale, detailKey as MessageKey, detailParams as Record<string, string | number>) } : params;
  const message = t(locale, `error.${code}` as MessageKey, all);
  return { error: { code, message, ...(details && Object.keys(shown).length ? { details: shown } : {}) } };
}

type ValidationItem = NonNullable<FastifyError['validation']>[number];

/**
 * For a value that may take one of several shapes (oneOf), the branch errors all come back; the
 * one that reached deepest into the value is the one that explains the mistake (a new party with a
 * bad phone, rather than "partyId is required" from the other shape).
 */
function mostTelling(errors: ValidationItem[]): ValidationItem | undefined {
  if (!errors.some((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) return errors[0];
  const branches = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  let best = branches[0];
  for (const e of branches) if (best && e.instancePath.length >= best.instancePath.length) best = e;
  return best ?? errors[0];
}

/** A schema error worded from the catalogue: the field by its path (a code), the rule in the user's language. */
function validationDetail(err: FastifyError): { key: MessageKey; params: MessageParams; field?: string } | { detail: string } {
  const first = mostTelling(err.validation ?? []);
  if (!first) return { detail: err.message };
  const where = first.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : '';
  const p = first.params as {
    missingProperty?: string;
    additionalProperty?: string;
    allowedValues?: unknown[];
    allowedValue?: unknown;
    type?: string | string[];
    limit?: number;
  };
  const missing = p.missingProperty;
  const additional = p.additionalProperty;
  const field = missing ?? additional ?? (where || undefined);
  const context = err.validationContext ?? 'body';
  const path = [context, where, missing ?? additional].filter(Boolean).join('.');
  const withField = (key: MessageKey, params: MessageParams = {}) => ({ key, params: { field: path, ...params }, ...(field ? { field } : {}) });
  switch (first.keyword) {
    case 'required':
      return withField('detail.v_required');
    case 'additionalProperties':
      return withField('detail.v_unknown_field');
    case 'enum':
      return withField('detail.v_enum', { allowed: (p.allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ') });
    case 'const':
      return withField('detail.v_enum', { allowed: JSON.stringify(p.allowedValue) });
    case 'type':
      return withField('detail.v_type', { type: String(p.type ?? '').split(',')[0] ?? '' });
    case 'minLength':
      return withField('detail.v_min_length', { limit: p.limit ?? 0 });
    case 'maxLength':
      return withField('detail.v_max_length', { limit: p.limit ?? 0 });
    case 'minItems':
      return withField('detail.v_min_items', { limit: p.limit ?? 0 });
    case 'maxItems':
      return withField('detail.v_max_items', { limit: p.limit ?? 0 });
    case 'minimum':
    case 'exclusiveMinimum':
      return withField('detail.v_minimum', { limit: String(p.limit ?? '') });
    case 'maximum':
    case 'exclusiveMaximum':
      return withField('detail.v_maximum', { limit: String(p.limit ?? '') });
    case 'format':
    case 'pattern':
      return withField('detail.v_format');
    default:
      return withField('detail.v_invalid');
  }
}

/** A schema error's detail in the request's language (for APIs with their own error shape, e.g. Open311). */
export function validationText(req: FastifyRequest, err: FastifyError): string {
  const v = validationDetail(err);
  return 'detail' in v ? v.detail : t(requestLocale(req), v.key, v.params);
}

const megabytes = (bytes: number) => `${Math.round(bytes / 104_857.6) / 10} MB`;

export function registerErrorHandling(app: FastifyInstance, limits: { maxUploadBytes: number }) {
  app.setErrorHandler((thrown: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) => {
    const fromClient = clientInputError(thrown);
    if (fromClient) req.log.warn({ err: thrown }, 'client input refused where it was read');
    const err = fromClient ?? thrown;
    if (err instanceof AppError) {
      if (err.code === 'too_many_requests' && typeof err.params.seconds === 'number') reply.header('retry-after', String(err.params.seconds));
      return reply.status(HTTP_STATUS[err.code]).send(errorBody(req, err.code, err.params, err.details));
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const v = validationDetail(fe);
      if ('detail' in v) return reply.status(400).send(errorBody(req, 'validation', { detail: v.detail }));
      const locale = requestLocale(req);
      return reply.status(400).send(errorBody(req, 'validation', { detail: t(locale, v.key, v.params) }, v.field ? { field: v.field } : undefined));
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send(errorBody(req, 'malformed_json'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return reply.status(415).send(errorBody(req, 'unsupported_media_type', { type: String(req.headers['content-type'] ?? 'none') }));
      case 'FST_ERR_CTP_BODY_TOO_LARGE': {
        // The request body (JSON or a form) passed its limit, not a file: say so, and where files go.
        const bodyLimit = req.routeOptions.bodyLimit ?? 1_048_576;
        const message = t(requestLocale(req), 'error.body_too_large', { limit: megabytes(bodyLimit), fileLimit: megabytes(limits.maxUploadBytes) });
        return reply.status(413).send({ error: { code: 'payload_too_large', message, details: { limit: 'body', maxBytes: bodyLimit } } });
      }
      case 'FST_REQ_FILE_TOO_LARGE':
        return reply
          .status(413)
          .send(errorBody(req, 'payload_too_large', { limit: megabytes(limits.maxUploadBytes) }, { limit: 'file', maxBytes: limits.maxUploadBytes }));
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
      case 'FST_FIELDS_LIMIT':
        // Too many files or fields is not a size problem: say what it is.
        return reply.status(400).send(errorBody(req, 'validation', { detail: t(requestLocale(req), 'detail.form_too_many_parts') }));
    }
    const status = fe.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send(errorBody(req, 'validation', { detail: fe.message }));
    }
    if (isDatabaseUnavailable(err)) {
      // One line, not a stack per request: the database watch logs the outage and the recovery.
      req.log.warn({ code: (err as { code?: string }).code, msg: (err as Error).message }, 'database unavailable');
      return reply.status(503).header('retry-after', '5').send(errorBody(req, 'unavailable'));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody(req, 'internal'));
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send(errorBody(req, 'not_found')));
}

/**
 * Errors Fastify's router raises before any route or error handler runs (a path with bad
 * percent-encoding, a path parameter over the length limit): answered in the same shapes as every
 * other error, and without echoing the URL (it may hold an Open311 api_key).
 */
export function frameworkError(error: FastifyError, req: FastifyRequest, reply: FastifyReply, renderers: readonly AddressErrorRenderer[] = []) {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const status = tooLong ? 414 : 400;
  const detail = t(requestLocale(req), tooLong ? 'detail.address_too_long' : 'detail.address_bad_encoding');
  const url = req.raw.url ?? '';
  // An API with its own error shape (Open311) answers its own addresses; the modules contribute these.
  for (const render of renderers) {
    const answered = render(url, status, detail, reply);
    if (answered) return answered;
  }
  return reply.status(status).send(errorBody(req, 'validation', { detail }));
}

/**
 * The HTTP server's timeouts, from the configuration: headers, the whole request (Node answers 408),
 * an idle socket and an idle keep-alive connection. Node checks the first two on a timer, every 30 s
 * by default; the check runs at a quarter of the shorter one (at most every 30 s), so a connection is
 * cut off within about a quarter over its limit.
 */
export function serverTimeouts(config: Pick<Config, 'headersTimeoutSeconds' | 'requestTimeoutSeconds' | 'idleTimeoutSeconds' | 'keepAliveSeconds'>): Pick<
  FastifyServerOptions,
  'requestTimeout' | 'connectionTimeout' | 'keepAliveTimeout'
> & {
  http: { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number };
} {
  const headersMs = config.headersTimeoutSeconds * 1000;
  const requestMs = config.requestTimeoutSeconds * 1000;
  return {
    requestTimeout: requestMs,
    connectionTimeout: config.idleTimeoutSeconds * 1000,
    keepAliveTimeout: config.keepAliveSeconds * 1000,
    http: {
      headersTimeout: headersMs,
      requestTimeout: requestMs,
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(Math.min(headersMs, requestMs) / 4))),
    },
  };
}
