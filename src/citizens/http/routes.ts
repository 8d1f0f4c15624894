/** Portal accounts, one-time codes and links, and the Viber link: thin handlers over the citizens' commands. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../kernel/context.ts';
import { requireActor, SESSION_COOKIE } from '../../http/auth.ts';
import { documentedBody, idParams, locale, text, type RouteApp } from '../../http/schemas.ts';
import { AppError } from '../../kernel/lib/errors.ts';
import { addPortalReply, MAX_REPLY_FILES, type ReplyPart } from '../commands/add-portal-reply.ts';
import { myFixQuestions } from '../queries/fix-questions.ts';
import { requestCode } from '../commands/request-code.ts';
import { setCitizenPassword, signInWithCode, signInWithLink, signInWithPassword } from '../commands/sign-in-citizen.ts';
import type { CitizenSession } from '../commands/open-session.ts';
import { createViberLink } from '../commands/create-viber-link.ts';
import { citizenNotificationKinds, getMyAccount } from '../queries/portal.ts';
import { consentStatementPdf, recordCounterViberConsent } from '../commands/counter-consent.ts';
import { confirmContactChange, requestContactChange } from '../commands/change-contact.ts';

const tags = ['portal'];

function started(ctx: Ctx, reply: FastifyReply, s: CitizenSession) {
  reply.setCookie(SESSION_COOKIE, s.sessionId, { path: '/', httpOnly: true, secure: ctx.config.cookieSecure, sameSite: 'strict', expires: s.expiresAt });
  reply.header('cache-control', 'no-store');
  return { csrfToken: s.csrfToken, user: s.user };
}

const client = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null });

export function citizenRoutes(app: RouteApp, ctx: Ctx) {
  app.post(
    '/api/v1/portal/codes',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'Send a one-time code by SMS (mobile number) or a sign-in link by e-mail; with a name it signs up. The answer is the same whether an account exists or not',
        body: { type: 'object', additionalProperties: false, properties: { phone: text(30), email: text(254), name: text(200), locale } } as const,
      },
    },
    async (req, reply) => reply.status(202).send(await requestCode(ctx, { ...req.body, ip: req.ip })),
  );

  app.post(
    '/api/v1/portal/sessions',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Sign in (or finish signing up) with the mobile number and the code it received; sets the session cookie',
        body: { type: 'object', additionalProperties: false, required: ['phone', 'code'], properties: { phone: text(30), code: text(12) } } as const,
      },
    },
    async (req, reply) => started(ctx, reply, await signInWithCode(ctx, { ...req.body, ...client(req) })),
  );

  app.post(
    '/api/v1/portal/link-sessions',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Sign in with the one-time link from the activation SMS or the e-mail, optionally setting a password',
        body: { type: 'object', additionalProperties: false, required: ['token'], properties: { token: text(64), password: text(200, 1) } } as const,
      },
    },
    async (req, reply) => started(ctx, reply, await signInWithLink(ctx, { ...req.body, ...client(req) })),
  );

  app.post(
    '/api/v1/portal/password-sessions',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Sign in with mobile number (or e-mail) and password',
        body: { type: 'object', additionalProperties: false, required: ['login', 'password'], properties: { login: text(254), password: text(200) } } as const,
      },
    },
    async (req, reply) => started(ctx, reply, await signInWithPassword(ctx, { ...req.body, ...client(req) })),
  );

  app.get(
    '/api/v1/portal/account',
    {
      config: { auth: 'citizen' },
      schema: { tags, summary: 'Your portal account: name, contacts, whether a password is set and Viber is linked' },
    },
    async (req) => getMyAccount(ctx, requireActor(req)),
  );

  app.post(
    '/api/v1/portal/password',
    {
      config: { auth: 'citizen' },
      schema: {
        tags,
        summary: 'Set or change your password',
        body: { type: 'object', additionalProperties: false, required: ['password'], properties: { password: text(200) } } as const,
      },
    },
    async (req) => setCitizenPassword(ctx, requireActor(req), req.body.password),
  );

  app.get(
    '/api/v1/portal/notification-kinds',
    {
      config: { auth: 'citizen' },
      schema: { tags, summary: 'What you can be told about, and which of it is key (always sent)' },
    },
    async () => ({ items: await citizenNotificationKinds(ctx) }),
  );

  app.post(
    '/api/v1/portal/viber-link',
    {
      config: { auth: 'citizen' },
      schema: { tags, summary: 'A one-time link (for a QR code) that opens the Viber bot and links it to you' },
    },
    async (req, reply) => reply.status(201).send(await createViberLink(ctx, requireActor(req))),
  );

  app.post(
    '/api/v1/portal/cases/:id/replies',
    {
      config: { auth: 'citizen' },
      schema: {
        tags,
        summary: 'Add a comment, documents or photos to your own case or report (multipart/form-data: field "text", files in "file")',
        params: idParams,
        consumes: ['multipart/form-data'],
        body: documentedBody({
          'multipart/form-data': {
            type: 'object',
            properties: {
              text: text(5000, 0),
              file: {
                type: 'array',
                maxItems: MAX_REPLY_FILES,
                items: { type: 'string', format: 'binary' },
                description: 'Documents or photos (the case document types)',
              },
            },
          },
        }),
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', { type: String(req.headers['content-type'] ?? 'none') });
      async function* parts(): AsyncGenerator<ReplyPart> {
        for await (const p of req.parts({ limits: { files: MAX_REPLY_FILES + 1 } })) {
          if (p.type === 'file') yield { kind: 'file', filename: p.filename, mimetype: p.mimetype, stream: p.file, truncated: () => p.file.truncated };
          else yield { kind: 'field', name: p.fieldname, value: typeof p.value === 'string' ? p.value : '' };
        }
      }
      const done = await addPortalReply(ctx, requireActor(req), req.params.id, parts());
      return reply.status(201).send({ caseId: done.caseId, number: done.number, resumed: done.resumed });
    },
  );

  app.get(
    '/api/v1/portal/fix-questions',
    {
      config: { auth: 'citizen' },
      schema: { tags, summary: '"Is it fixed?" questions asked of you and not answered yet, each with the token of its answer page' },
    },
    async (req) => ({ items: await myFixQuestions(ctx, requireActor(req)) }),
  );

  app.post(
    '/api/v1/portal/contact-changes',
    {
      config: { auth: 'citizen' },
      schema: {
        tags,
        summary: 'Change your mobile number or e-mail: a 6-digit code goes to the new one (nothing else does until it is confirmed); give phone or email',
        body: { type: 'object', additionalProperties: false, minProperties: 1, maxProperties: 1, properties: { phone: text(30), email: text(254) } } as const,
      },
    },
    async (req, reply) => reply.status(202).send(await requestContactChange(ctx, requireActor(req), { ...req.body, ip: req.ip })),
  );

  app.post(
    '/api/v1/portal/contact-changes/confirm',
    {
      config: { auth: 'citizen' },
      schema: {
        tags,
        summary: 'Confirm the new contact with the code it received: it replaces the old one, whose consent ends; give consent for the new one after',
        body: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: text(12) } } as const,
      },
    },
    async (req) => confirmContactChange(ctx, requireActor(req), { code: req.body.code, ip: req.ip }),
  );

  // --- At the counter: Viber consent and the printed consent statement ---------------------------
  const partyParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
  app.post(
    '/api/v1/parties/:id/viber-consent',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['notifications'],
        summary:
          "Record the citizen's consent to Viber notices, signed at the counter, with their Viber number (linked when they scan the statement's QR code)",
        params: partyParams,
        body: { type: 'object', additionalProperties: false, required: ['viberPhone'], properties: { viberPhone: text(30), textVersion: text(40) } } as const,
      },
    },
    async (req, reply) => {
      const r = await recordCounterViberConsent(ctx, requireActor(req), req.params.id, req.body);
      return reply.status(r.changed ? 201 : 200).send(r);
    },
  );
  app.get(
    '/api/v1/parties/:id/consent-statement.pdf',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['notifications'],
        summary: "The consent statement to print and sign, in the party's language and script, with the consent text version and a Viber QR code",
        params: partyParams,
        querystring: { type: 'object', additionalProperties: false, properties: { caseId: { type: 'string', format: 'uuid' } } } as const,
      },
    },
    async (req, reply) => {
      const pdf = await consentStatementPdf(ctx, requireActor(req), req.params.id, { caseId: req.query.caseId });
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'inline; filename="consent-statement.pdf"')
        .send(pdf);
    },
  );
}
