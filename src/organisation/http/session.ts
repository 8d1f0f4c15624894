import type { Ctx } from '../../kernel/context.ts';
import { signIn, signOut } from '../commands/sign-in.ts';
import { forgetSession, requireActor, SESSION_COOKIE } from '../../http/auth.ts';
import { text, type RouteApp } from '../../http/schemas.ts';

export function sessionRoutes(app: RouteApp, ctx: Ctx) {
  app.post(
    '/api/v1/auth/login',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; sets the session cookie and returns the CSRF token to send as X-CSRF-Token',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password'],
          properties: { username: text(100), password: text(200) },
        } as const,
      },
    },
    async (req, reply) => {
      const s = await signIn(ctx, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, s.sessionId, { path: '/', httpOnly: true, secure: ctx.config.cookieSecure, sameSite: 'strict', expires: s.expiresAt });
      return { csrfToken: s.csrfToken, user: s.user };
    },
  );

  app.post('/api/v1/auth/logout', { config: { auth: 'signed-in' }, schema: { tags: ['auth'], summary: 'Sign out' } }, async (req, reply) => {
    const sid = req.cookies[SESSION_COOKIE];
    if (sid) {
      await signOut(ctx, sid);
      forgetSession(sid);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get(
    '/api/v1/auth/me',
    { config: { auth: 'signed-in' }, schema: { tags: ['auth'], summary: 'The signed-in user and the CSRF token of the session' } },
    async (req) => {
      const a = requireActor(req);
      if (a.kind === 'system') return { kind: 'system' };
      // The public address (GLAS_PUBLIC_URL) goes in what staff print and copy, never the address their browser happens to use.
      return { ...a, csrfToken: req.csrfToken, publicUrl: ctx.config.publicUrl };
    },
  );
}
