import type { FastifyRequest } from 'fastify';
import { negotiateLocale, type Locale } from '../i18n/index.ts';

/** The user's own language setting wins; otherwise the browser's Accept-Language; otherwise the default. */
export function requestLocale(req: FastifyRequest): Locale {
  const setting = req.actor && req.actor.kind !== 'system' ? req.actor.locale : null;
  const q = (req.query as { lang?: string } | undefined)?.lang;
  return negotiateLocale(q ?? setting, req.headers['accept-language']);
}
