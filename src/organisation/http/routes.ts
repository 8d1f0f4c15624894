import { Readable } from 'node:stream';
import type { Ctx } from '../../kernel/context.ts';
import { createOrgUnit } from '../commands/create-org-unit.ts';
import { updateOrgUnit } from '../commands/update-org-unit.ts';
import { createStaffUser } from '../commands/create-staff-user.ts';
import { createCaseType, updateCaseTypeCommand } from '../commands/create-case-type.ts';
import { createApiToken, revokeApiTokenCommand } from '../commands/manage-api-tokens.ts';
import {
  AUDIT_EXPORT_MAX,
  exportAuditCsv,
  getApiTokens,
  getAuditTrail,
  getAuditVocabulary,
  getCaseTypes,
  getEventTypes,
  getStaff,
  getUnits,
} from '../queries/organisation.ts';
import { updateStaffUser } from '../commands/update-staff-user.ts';
import { resetUserSecondFactor } from '../commands/remove-second-factor.ts';
import { setSecuritySettings } from '../commands/set-security-settings.ts';
import { getSecuritySettings } from '../queries/second-factor.ts';
import { setStaffUserActive } from '../commands/set-user-active.ts';
import { issuePasswordReset } from '../commands/issue-password-reset.ts';
import { resetPasswordWithLink } from '../commands/reset-password.ts';
import { changeOwnPassword } from '../commands/change-own-password.ts';
import { setOwnLocale } from '../commands/set-own-locale.ts';
import { forgetAllSessions, forgetUser, requireActor, SESSION_COOKIE } from '../../http/auth.ts';
import { sha256 } from '../../kernel/lib/secrets.ts';
import { idParams, locale, localisedName, staffRole, text, tokenScope, unitKind, uuid, type RouteApp } from '../../http/schemas.ts';

const code = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,20}$' } as const;

export function organisationRoutes(app: RouteApp, ctx: Ctx) {
  app.get(
    '/api/v1/org-units',
    { config: { auth: 'staff' }, schema: { tags: ['organisation'], summary: 'All org units, parents before children' } },
    async (req) => ({ items: await getUnits(ctx, requireActor(req)) }),
  );

  app.post(
    '/api/v1/org-units',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['organisation'],
        summary: 'Create an org unit',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'code', 'name'],
          properties: { kind: unitKind, code, name: text(200), parentId: uuid, email: text(254) },
        } as const,
      },
    },
    async (req, reply) => reply.status(201).send(await createOrgUnit(ctx, requireActor(req), req.body)),
  );

  app.patch(
    '/api/v1/org-units/:id',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['organisation'],
        summary: 'Rename, set the head, mailbox or parent, or deactivate an org unit',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            name: text(200),
            headUserId: { anyOf: [uuid, { type: 'null' }] },
            parentId: { anyOf: [uuid, { type: 'null' }] },
            email: { anyOf: [text(254), { type: 'null' }] },
            active: { type: 'boolean' },
          },
        } as const,
      },
    },
    async (req) => updateOrgUnit(ctx, requireActor(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/users',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['organisation'],
        summary: 'Staff users, optionally of one unit',
        querystring: { type: 'object', additionalProperties: false, properties: { unitId: uuid } } as const,
      },
    },
    async (req) => ({ items: await getStaff(ctx, requireActor(req), req.query.unitId) }),
  );

  app.post(
    '/api/v1/users',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['organisation'],
        summary: 'Create a staff user',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'displayName', 'password', 'role'],
          properties: {
            username: { type: 'string', pattern: '^[A-Za-z0-9._@-]{3,60}$' },
            displayName: text(120),
            password: text(200, 10),
            role: staffRole,
            unitId: uuid,
            email: text(254),
            locale,
          },
        } as const,
      },
    },
    async (req, reply) => reply.status(201).send(await createStaffUser(ctx, requireActor(req), req.body)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['organisation'],
        summary: "Change a staff user's name, e-mail, role, unit or language (audited); a changed role or unit applies to their next request",
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            displayName: text(120),
            email: { anyOf: [text(254), { type: 'null' }] },
            role: staffRole,
            unitId: { anyOf: [uuid, { type: 'null' }] },
            locale: { anyOf: [locale, { type: 'null' }] },
          },
        } as const,
      },
    },
    async (req) => {
      const user = await updateStaffUser(ctx, requireActor(req), req.params.id, req.body);
      // Their cached sessions carry the old role and unit; they are read again on the next request.
      forgetUser(user.id);
      return user;
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(
      `/api/v1/users/:id/${action}`,
      {
        config: { auth: 'staff' },
        schema: {
          tags: ['organisation'],
          summary: active
            ? 'Reactivate a staff user: they may sign in again'
            : 'Deactivate a staff user: their sessions end and their API tokens are revoked at once; their cases stay theirs',
          params: idParams,
        },
      },
      async (req) => {
        const user = await setStaffUserActive(ctx, requireActor(req), req.params.id, active);
        forgetUser(user.id);
        return user;
      },
    );
  }

  app.post(
    '/api/v1/users/:id/password-reset',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['organisation'],
        summary: 'Issue a one-time password reset link for a staff user; the token is shown only in this answer',
        params: idParams,
      },
    },
    async (req, reply) => reply.status(201).send(await issuePasswordReset(ctx, requireActor(req), req.params.id)),
  );

  app.post(
    '/api/v1/password-reset',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with a one-time reset link; every session of the user ends',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['token', 'password'],
          properties: { token: text(100), password: text(200, 10) },
        } as const,
      },
    },
    async (req) => {
      const done = await resetPasswordWithLink(ctx, req.body);
      forgetUser(done.userId);
      return { ok: true };
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['auth'],
        summary: "Change the signed-in staff user's own password (the current one is required); their other sessions end",
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['currentPassword', 'newPassword'],
          properties: { currentPassword: text(200), newPassword: text(200, 10) },
        } as const,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const sid = req.cookies[SESSION_COOKIE];
      const result = await changeOwnPassword(ctx, actor, { ...req.body, sessionIdHash: sid ? sha256(sid) : null });
      // The session in use stays; the cache forgets the user's others so they stop at once.
      if (actor.kind === 'staff') forgetUser(actor.userId);
      return result;
    },
  );

  app.post(
    '/api/v1/users/:id/second-factor/reset',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['organisation'],
        summary: "Remove a staff user's second factor (a lost phone and lost recovery codes); their sessions end, and they enrol again",
        params: idParams,
      },
    },
    async (req) => {
      const r = await resetUserSecondFactor(ctx, requireActor(req), req.params.id);
      forgetUser(req.params.id);
      return r;
    },
  );

  app.get(
    '/api/v1/security-settings',
    { config: { auth: 'staff' }, schema: { tags: ['organisation'], summary: "The municipality's security switches" } },
    async (req) => getSecuritySettings(ctx, requireActor(req)),
  );

  app.put(
    '/api/v1/security-settings',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['organisation'],
        summary: 'Change the security switches: whether administrators must sign in with a second factor (they enrol at their next sign-in)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['adminSecondFactorRequired'],
          properties: { adminSecondFactorRequired: { type: 'boolean' } },
        } as const,
      },
    },
    async (req) => {
      const sid = req.cookies[SESSION_COOKIE];
      const settings = await setSecuritySettings(ctx, requireActor(req), req.body, sid && req.authVia === 'session' ? sha256(sid) : null);
      // Cached sessions were resolved under the old switch; every one is read again on its next request.
      forgetAllSessions();
      return settings;
    },
  );

  app.put(
    '/api/v1/me/locale',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['auth'],
        summary: "Save the signed-in staff user's language as chosen in the app; Glas's e-mails to them and its pages follow it",
        body: { type: 'object', additionalProperties: false, required: ['locale'], properties: { locale } } as const,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const result = await setOwnLocale(ctx, actor, req.body.locale);
      // The session cache holds the user's language; the next request reads the new one.
      if (actor.kind === 'staff') forgetUser(actor.userId);
      return result;
    },
  );

  app.get(
    '/api/v1/case-types',
    { config: { auth: 'staff' }, schema: { tags: ['organisation'], summary: 'Case types and their number patterns' } },
    async (req) => ({ items: await getCaseTypes(ctx, requireActor(req)) }),
  );

  app.post(
    '/api/v1/case-types',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['organisation'],
        summary: 'Create a case type; its number pattern may use {unit}, {type}, {seq} (or {seq:5} zero-padded), {yyyy}, {yy}',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['code', 'name', 'numberPattern'],
          properties: {
            code,
            name: localisedName,
            numberPattern: text(60),
            resolutionDays: { type: 'integer', minimum: 1, maximum: 3650 },
            problemReport: { type: 'boolean' },
          },
        } as const,
      },
    },
    async (req, reply) => reply.status(201).send(await createCaseType(ctx, requireActor(req), req.body)),
  );

  app.patch(
    '/api/v1/case-types/:id',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['organisation'],
        summary: 'Change a case type',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            name: localisedName,
            numberPattern: text(60),
            resolutionDays: { anyOf: [{ type: 'integer', minimum: 1, maximum: 3650 }, { type: 'null' }] },
            active: { type: 'boolean' },
            fixQuestionDays: {
              anyOf: [{ type: 'integer', minimum: 0, maximum: 365 }, { type: 'null' }],
              description: 'Days after resolution to ask the applicant "is it fixed?" (0: never; null: the default, 14); a problem category may set its own',
            },
          },
        } as const,
      },
    },
    async (req) => updateCaseTypeCommand(ctx, requireActor(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/event-types',
    { config: { auth: 'staff' }, schema: { tags: ['organisation'], summary: 'The catalogue of case event types' } },
    async (req) => ({ items: await getEventTypes(ctx, requireActor(req)) }),
  );

  app.get('/api/v1/api-tokens', { config: { auth: 'staff' }, schema: { tags: ['organisation'], summary: 'API tokens (never the secret)' } }, async (req) => ({
    items: await getApiTokens(ctx, requireActor(req)),
  }));

  app.post(
    '/api/v1/api-tokens',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['organisation'],
        summary: 'Issue an API token acting as a staff user, limited to scopes; the token is shown only in this answer',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'userId', 'scopes'],
          properties: { name: text(100), userId: uuid, scopes: { type: 'array', minItems: 1, uniqueItems: true, items: tokenScope } },
        } as const,
      },
    },
    async (req, reply) => reply.status(201).send(await createApiToken(ctx, requireActor(req), req.body)),
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    { config: { auth: 'staff' }, schema: { tags: ['organisation'], summary: 'Revoke an API token', params: idParams } },
    async (req) => revokeApiTokenCommand(ctx, requireActor(req), req.params.id),
  );

  app.get(
    '/api/v1/audit',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['organisation'],
        summary: 'The audit trail, newest first, filtered by who, what, when and which record; page on with nextBeforeId',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...auditFilters, limit: { type: 'integer', minimum: 1, maximum: 500 } },
        } as const,
      },
    },
    async (req) => getAuditTrail(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/v1/audit/vocabulary',
    { config: { auth: 'staff' }, schema: { tags: ['organisation'], summary: "The audit trail's actions and record kinds, for filters" } },
    async (req) => getAuditVocabulary(ctx, requireActor(req)),
  );

  app.get(
    '/api/v1/audit/export.csv',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['organisation'],
        summary: `The filtered audit trail as CSV, newest first (at most ${AUDIT_EXPORT_MAX} rows)`,
        querystring: { type: 'object', additionalProperties: false, properties: auditFilters } as const,
      },
    },
    async (req, reply) => {
      const lines = exportAuditCsv(ctx, requireActor(req), req.query);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="glas-audit.csv"').send(Readable.from(lines));
    },
  );
}

const auditFilters = {
  actorId: uuid,
  action: text(60),
  entity: text(40),
  entityId: text(80),
  from: { type: 'string', format: 'date-time' },
  to: { type: 'string', format: 'date-time' },
  beforeId: { type: 'string', pattern: '^[0-9]{1,19}$' },
} as const;
