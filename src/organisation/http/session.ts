import type { Ctx } from '../../kernel/context.ts';
import { signIn, signOut } from '../commands/sign-in.ts';
import { completeSignIn } from '../commands/complete-sign-in.ts';
import { confirmSecondFactorEnrolment, startSecondFactorEnrolment } from '../commands/enrol-second-factor.ts';
import { removeOwnSecondFactor } from '../commands/remove-second-factor.ts';
import { getOwnSecondFactor } from '../queries/second-factor.ts';
import { forgetSession, requireActor, SESSION_COOKIE } from '../../http/auth.ts';
import { text, type RouteApp } from '../../http/schemas.ts';
import { sha256 } from '../../kernel/lib/secrets.ts';

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
      if (s.step === 'totp') return { secondFactor: 'totp', challenge: s.challenge };
      if (s.step === 'enrol') return { secondFactor: 'enrol', challenge: s.challenge, secret: s.secret, uri: s.uri };
      reply.setCookie(SESSION_COOKIE, s.sessionId, { path: '/', httpOnly: true, secure: ctx.config.cookieSecure, sameSite: 'strict', expires: s.expiresAt });
      return { csrfToken: s.csrfToken, user: s.user };
    },
  );

  app.post(
    '/api/v1/auth/login/second-factor',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary:
          "Finish a sign-in that asked for a second factor: the authenticator app's 6-digit code or a recovery code (or, for an enrolment the municipality requires, the first code from the new secret, which returns the recovery codes once)",
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['challenge', 'code'],
          properties: { challenge: text(100), code: text(40) },
        } as const,
      },
    },
    async (req, reply) => {
      const s = await completeSignIn(ctx, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, s.sessionId, { path: '/', httpOnly: true, secure: ctx.config.cookieSecure, sameSite: 'strict', expires: s.expiresAt });
      return { csrfToken: s.csrfToken, user: s.user, ...(s.recoveryCodes ? { recoveryCodes: s.recoveryCodes } : {}) };
    },
  );

  app.get(
    '/api/v1/me/second-factor',
    {
      config: { auth: 'staff' },
      schema: { tags: ['auth'], summary: "Whether the signed-in user's second factor is on, how many recovery codes are left, and whether it is required" },
    },
    async (req) => getOwnSecondFactor(ctx, requireActor(req)),
  );

  app.post(
    '/api/v1/me/second-factor/enrolment',
    {
      config: { auth: 'staff' },
      schema: { tags: ['auth'], summary: 'Start enrolling an authenticator app: a new secret and its otpauth:// address (for the QR code)' },
    },
    async (req) => startSecondFactorEnrolment(ctx, requireActor(req)),
  );

  app.post(
    '/api/v1/me/second-factor/confirmation',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['auth'],
        summary: 'Turn the second factor on with a code from the app; answers the ten recovery codes, shown only here',
        body: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: text(20) } } as const,
      },
    },
    async (req) => {
      const sid = req.cookies[SESSION_COOKIE];
      return confirmSecondFactorEnrolment(ctx, requireActor(req), req.body.code, sid ? sha256(sid) : null);
    },
  );

  app.post(
    '/api/v1/me/second-factor/removal',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['auth'],
        summary: 'Turn the second factor off (the password is required; refused for administrators while the municipality requires it)',
        body: { type: 'object', additionalProperties: false, required: ['password'], properties: { password: text(200) } } as const,
      },
    },
    async (req) => removeOwnSecondFactor(ctx, requireActor(req), req.body.password),
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
