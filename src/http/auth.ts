/**
 * Authentication: every route declares in its config how it authenticates (`public`, `staff`,
 * `citizen` or `signed-in`); this hook resolves the actor from the session cookie or a bearer API
 * token, enforces the declaration, and checks the CSRF token on state-changing cookie requests.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, StaffRole, TokenScope } from '../kernel/types.ts';
import { AppError } from '../kernel/lib/errors.ts';
import { safeEqual, sha256 } from '../kernel/lib/secrets.ts';
import { ACCESS_CHANGED, extendSession, findApiToken, findSession, touchApiToken } from '../kernel/repositories/auth-repository.ts';
import type { Ctx } from '../kernel/context.ts';

export type RouteAuth = 'public' | 'staff' | 'citizen' | 'signed-in';
export const ROUTE_AUTH_VALUES: readonly RouteAuth[] = ['public', 'staff', 'citizen', 'signed-in'];
export const SESSION_COOKIE = 'glas_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    authVia: 'session' | 'token' | null;
  }
}

/**
 * Who the request is from, or nobody; or an administrator's session opened without a second factor while the
 * municipality requires one, which is refused until they sign in again (and enrol).
 */
type Resolved = { actor: Actor; csrfToken: string | null; via: 'session' | 'token' } | 'needs_second_factor' | null;

// A short cache keeps the session/token lookup off the hot path; every process forgets it when access changes
// anywhere (followAccessChanges), and a process cut off from those announcements forgets it within this time.
const CACHE_MS = 5_000;
const cache = new Map<string, { at: number; value: Resolved }>();

function actorFrom(
  row: {
    user_id: string;
    display_name: string;
    role: string;
    unit_id: string | null;
    unit_path: string | null;
    party_id: string | null;
    locale: string | null;
    phone?: string | null;
    phone_verified_at?: Date | null;
  },
  scopes: TokenScope[] | null,
): Actor {
  if (row.role === 'citizen') {
    return {
      kind: 'citizen',
      userId: row.user_id,
      name: row.display_name,
      partyId: row.party_id,
      locale: row.locale,
      verifiedPhone: row.phone_verified_at ? (row.phone ?? null) : null,
    };
  }
  return {
    kind: 'staff',
    userId: row.user_id,
    name: row.display_name,
    role: row.role as StaffRole,
    unitId: row.unit_id,
    unitPath: row.unit_path,
    locale: row.locale,
    scopes,
  };
}

async function resolve(ctx: Ctx, req: FastifyRequest): Promise<Resolved> {
  const header = req.headers.authorization;
  const now = ctx.now();
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new AppError('unauthorized');
    const key = `t:${sha256(m[1]!)}`;
    const hit = cache.get(key);
    if (hit && now.getTime() - hit.at < CACHE_MS) return hit.value;
    const row = await findApiToken(ctx.db, key.slice(2));
    const value: Resolved = row && !row.revoked_at && row.active ? { actor: actorFrom(row, row.scopes as TokenScope[]), csrfToken: null, via: 'token' } : null;
    if (row && value) await touchApiToken(ctx.db, row.id, now, row.last_used_at);
    cache.set(key, { at: now.getTime(), value });
    if (!value) throw new AppError('unauthorized');
    return value;
  }
  const sid = req.cookies?.[SESSION_COOKIE];
  if (!sid) return null;
  const key = `s:${sha256(sid)}`;
  const hit = cache.get(key);
  if (hit && now.getTime() - hit.at < CACHE_MS) return hit.value;
  const row = await findSession(ctx.db, key.slice(2), now);
  const value: Resolved = !row?.active
    ? null
    : row.role === 'admin' && row.admin_second_factor_required && !row.second_factor
      ? 'needs_second_factor'
      : { actor: actorFrom(row, null), csrfToken: row.csrf_token, via: 'session' };
  if (row && value && value !== 'needs_second_factor') {
    // Sliding expiry, written at most once per cache period.
    await extendSession(ctx.db, row.id_hash, new Date(now.getTime() + ctx.config.sessionHours * 3_600_000));
  }
  cache.set(key, { at: now.getTime(), value });
  if (cache.size > 50_000) cache.clear();
  return value;
}

/** Forgets a cached session at sign-out so it stops working at once on this process. */
export function forgetSession(sessionId: string) {
  cache.delete(`s:${sha256(sessionId)}`);
}

/**
 * Forgets every cached session and token of a user (deactivated, or their password reset) so that they
 * stop working at once on this process before the announcement (followAccessChanges) reaches it.
 */
export function forgetUser(userId: string) {
  for (const [key, { value }] of cache)
    if (value && value !== 'needs_second_factor' && value.actor.kind !== 'system' && value.actor.userId === userId) cache.delete(key);
}

/** Forgets every cached session and token (the municipality's security switch changed), so the next request reads them again. */
export function forgetAllSessions() {
  cache.clear();
}

/**
 * Forgets every cached session and token whenever any process commits a change to who may do what (a
 * sign-out, a deactivation, a revoked token: ACCESS_CHANGED), so it holds on every process at once rather
 * than within CACHE_MS; CACHE_MS stays the bound while this process's listening connection is lost.
 */
export async function followAccessChanges(ctx: Ctx): Promise<void> {
  await ctx.changes?.follow(ACCESS_CHANGED, async () => forgetAllSessions());
}

/** Every route registered since start, with its declared authentication (read by the meta-test). */
export const declaredRoutes: { method: string; url: string; auth: RouteAuth | undefined }[] = [];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuth(app: FastifyInstance, ctx: Ctx) {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('authVia', null);
  app.addHook('onRoute', (route) => {
    const auth = (route.config as { auth?: RouteAuth } | undefined)?.auth;
    declaredRoutes.push({ method: String(route.method), url: route.url, auth });
    // A route that forgets to say how it authenticates must not start serving.
    if (!auth || !ROUTE_AUTH_VALUES.includes(auth)) {
      if (route.url.startsWith('/api/v1/docs') || route.url === '/api/v1/openapi.json') return;
      throw new Error(`route ${route.method} ${route.url} does not declare config.auth`);
    }
  });
  // onRequest, before the body is parsed and validated: who you are is settled before what you sent.
  app.addHook('onRequest', async (req) => {
    const auth = req.routeOptions.config.auth ?? 'public';
    if (auth === 'public' && !req.headers.authorization && !req.cookies?.[SESSION_COOKIE]) return;
    let resolved: Resolved = null;
    try {
      resolved = await resolve(ctx, req);
    } catch (e) {
      if (auth !== 'public') throw e;
    }
    if (resolved === 'needs_second_factor') {
      // On a public route the request is simply anonymous; anything else sends them to sign in (and enrol).
      if (auth === 'public') return;
      throw new AppError('session_second_factor');
    }
    if (resolved) {
      req.actor = resolved.actor;
      req.csrfToken = resolved.csrfToken;
      req.authVia = resolved.via;
    }
    if (auth === 'public') return;
    if (!req.actor) throw new AppError('unauthorized');
    if (auth === 'staff' && req.actor.kind !== 'staff') throw new AppError('forbidden');
    if (auth === 'citizen' && req.actor.kind !== 'citizen') throw new AppError('forbidden');
    if (req.authVia === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !req.csrfToken || !safeEqual(sent, req.csrfToken)) throw new AppError('csrf');
    }
  });
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthorized');
  return req.actor;
}
