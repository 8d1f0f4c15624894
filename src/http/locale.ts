import type { FastifyRequest } from 'fastify';
import { negotiateLocale, type Locale } from '../i18n/index.ts';

/** The user's own language setting wins; otherwise the browser's Accept-Language; otherwise the default. */
export function requestLocale(req: FastifyRequest): Locale {
  const setting = req.actor && req.actor.kind !== 'system' ? req.actor.locale : null;
  // Any route's query may carry ?lang=, so it is read from the untyped query rather than from one route's schema.
  const query: unknown = req.query;
  const q = typeof query === 'object' && query !== null && 'lang' in query && typeof query.lang === 'string' ? query.lang : undefined;
  return negotiateLocale(q ?? setting, req.headers['accept-language']);
}
