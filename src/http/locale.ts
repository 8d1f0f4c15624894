import type { FastifyRequest } from 'fastify';
import { isLocale, negotiateLocale, type Locale } from '../i18n/index.ts';

/** The cookie the web app sets with the language chosen in it (web/src/i18n.ts). */
export const LOCALE_COOKIE = 'glas_lang';

/**
 * The language of a request: an explicit `?lang=` first; then the language chosen in the web app
 * (its cookie), so a page Glas renders on the server speaks the app's language and not the
 * browser's; then the user's own saved setting; then the browser's Accept-Language; then the default.
 */
export function requestLocale(req: FastifyRequest): Locale {
  const setting = req.actor && req.actor.kind !== 'system' ? req.actor.locale : null;
  // Any route's query may carry ?lang=, so it is read from the untyped query rather than from one route's schema.
  const query: unknown = req.query;
  const q = typeof query === 'object' && query !== null && 'lang' in query && typeof query.lang === 'string' ? query.lang : undefined;
  const chosen = req.cookies?.[LOCALE_COOKIE];
  const first = [q, chosen, setting].find(isLocale);
  return negotiateLocale(first ?? null, req.headers['accept-language']);
}
