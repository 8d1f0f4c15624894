import type { Ctx } from '../../kernel/context.ts';
import { requireActor } from '../../http/auth.ts';
import { dateTime, idParams, locale, partyRef, registrationBody, text, uuid, type RouteApp } from '../../http/schemas.ts';
import { errorBody } from '../../http/errors.ts';
import { NOTIFICATION_LEVELS } from '../domain/kinds.ts';
import { MESSAGE_CHANNELS } from '../domain/recipients.ts';
import { TEMPLATE_CHANNELS } from '../domain/template.ts';
import { setKindLevel } from '../commands/set-kind-level.ts';
import { saveTemplate } from '../commands/save-template.ts';
import { recordConsent, recordOwnConsent, CONSENT_METHODS, WITHDRAWAL_METHODS } from '../commands/record-consent.ts';
import { updateNotificationPreferences } from '../commands/update-notification-preferences.ts';
import { registerCaseWithConsent } from '../commands/register-case-with-consent.ts';
import { unsubscribeByToken } from '../commands/unsubscribe.ts';
import { recordEmailBounce } from '../commands/record-email-bounce.ts';
import { listNotificationKinds, listPlaceholders, listTemplates, listTemplateVersions } from '../queries/settings.ts';
import { previewTemplate } from '../queries/preview-template.ts';
import { getCaseMessages, getOwnMessages, getPartyMessages } from '../queries/message-log.ts';
import { getOwnNotificationSettings, getPartyNotificationSettings } from '../queries/party-notifications.ts';
import { currentService } from '../service.ts';
import { VIBER_WEBHOOK_PATH } from '../start.ts';
import { peerMessages, peerMessagesPage } from '../demo.ts';

const tags = ['notifications'];
const messageChannel = { type: 'string', enum: [...MESSAGE_CHANNELS] } as const;
const templateChannel = { type: 'string', enum: [...TEMPLATE_CHANNELS] } as const;
const kindParam = { type: 'string', pattern: '^[a-z_]+(:[a-z_]+)?$', maxLength: 60 } as const;
const templateParams = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'channel', 'locale'],
  properties: { kind: kindParam, channel: templateChannel, locale },
} as const;
const clock = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;
const preferencesBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    phone: { anyOf: [text(30, 0), { type: 'null' }] },
    email: { anyOf: [text(254, 0), { type: 'null' }] },
    viberUserId: { anyOf: [text(100, 0), { type: 'null' }] },
    channelOrder: { type: 'array', items: messageChannel, maxItems: 3, uniqueItems: true },
    scope: { type: 'string', enum: ['all', 'key'] },
    locale: { anyOf: [locale, { type: 'null' }] },
    quietHours: {
      anyOf: [{ type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: clock, to: clock } }, { type: 'null' }],
    },
  },
} as const;
const counterConsent = {
  type: 'object',
  additionalProperties: false,
  required: ['channels'],
  properties: {
    channels: { type: 'array', items: messageChannel, minItems: 1, maxItems: 3, uniqueItems: true },
    method: { type: 'string', enum: ['counter_signed', 'written_application'] },
    textVersion: text(40),
    documentRef: text(100),
  },
} as const;
// The case registration party, plus the consent it signed and its Viber user.
const partyWithConsent = {
  oneOf: partyRef.oneOf.map((s) => ({ ...s, properties: { ...s.properties, consent: counterConsent, viberUserId: text(100) } })),
} as const;

export function notificationRoutes(app: RouteApp, ctx: Ctx) {
  // --- Administrator: kinds, templates, preview -------------------------------------------------
  app.get(
    '/api/v1/notifications/kinds',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Notification kinds with their level (internal, notifiable, key) and default' },
    },
    async (req) => ({ items: await listNotificationKinds(ctx, requireActor(req)) }),
  );

  app.put(
    '/api/v1/notifications/kinds/:kind',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Set whether a kind is internal, notifiable or key (administrator)',
        params: { type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: kindParam } } as const,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['level'],
          properties: { level: { type: 'string', enum: [...NOTIFICATION_LEVELS] } },
        } as const,
      },
    },
    async (req) => setKindLevel(ctx, requireActor(req), req.params.kind, req.body.level),
  );

  app.get(
    '/api/v1/notifications/placeholders',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Placeholders a template may use' },
    },
    async () => ({ items: listPlaceholders() }),
  );

  app.get(
    '/api/v1/notifications/templates',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Current templates (newest saved version, or built-in version 0)',
        querystring: { type: 'object', additionalProperties: false, properties: { kind: kindParam, channel: templateChannel, locale } } as const,
      },
    },
    async (req) => ({ items: await listTemplates(ctx, requireActor(req), req.query) }),
  );

  app.get(
    '/api/v1/notifications/templates/:kind/:channel/:locale/versions',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Every version of one template, newest first', params: templateParams },
    },
    async (req) => {
      const p = req.params;
      return { items: await listTemplateVersions(ctx, requireActor(req), p.kind, p.channel, p.locale) };
    },
  );

  app.put(
    '/api/v1/notifications/templates/:kind/:channel/:locale',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Save a new version of a template (administrator); an unknown placeholder is refused by name',
        params: templateParams,
        body: { type: 'object', additionalProperties: false, required: ['body'], properties: { body: text(10_000) } } as const,
      },
    },
    async (req, reply) => {
      const p = req.params;
      return reply.status(201).send(await saveTemplate(ctx, requireActor(req), { ...p, body: req.body.body }));
    },
  );

  app.post(
    '/api/v1/notifications/preview',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Render a template (saved or a draft) for a real case, or for a made-up one when caseId is left out; for SMS also encoding, parts and cost',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'channel', 'locale'],
          properties: { caseId: uuid, kind: kindParam, channel: templateChannel, locale, body: text(10_000) },
        } as const,
      },
    },
    async (req) => previewTemplate(ctx, requireActor(req), req.body),
  );

  // --- Registration at the counter with consent, in one call -------------------------------------
  app.post(
    '/api/v1/notifications/registrations',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Register a case (as POST /api/v1/cases) together with the consent each party signed at the counter',
        body: registrationBody(partyWithConsent),
      },
    },
    async (req, reply) => {
      const b = req.body;
      return reply.status(201).send(await registerCaseWithConsent(ctx, requireActor(req), { ...b, dueAt: b.dueAt ? new Date(b.dueAt) : null }));
    },
  );

  // --- A party's contacts, preferences and consent (staff) ---------------------------------------
  app.get(
    '/api/v1/parties/:id/notification-settings',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Contacts, preferences and consent of a party', params: idParams },
    },
    async (req) => getPartyNotificationSettings(ctx, requireActor(req), req.params.id),
  );

  app.patch(
    '/api/v1/parties/:id/notification-settings',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Change contacts (validated, phone to E.164) and preferences of a party', params: idParams, body: preferencesBody },
    },
    async (req) => {
      await updateNotificationPreferences(ctx, requireActor(req), req.params.id, req.body);
      return getPartyNotificationSettings(ctx, requireActor(req), req.params.id);
    },
  );

  app.post(
    '/api/v1/parties/:id/consents',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Record consent given (signed at the counter, or a written application) or withdrawn',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['channel'],
          properties: {
            channel: messageChannel,
            action: { type: 'string', enum: ['given', 'withdrawn'], default: 'given' },
            method: { type: 'string', enum: [...new Set([...CONSENT_METHODS, ...WITHDRAWAL_METHODS])].filter((m) => m !== 'portal') },
            textVersion: text(40),
            documentRef: text(100),
            at: dateTime,
          },
        } as const,
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await recordConsent(ctx, requireActor(req), {
        partyId: req.params.id,
        channel: b.channel,
        action: b.action,
        method: b.method ?? 'counter_signed',
        textVersion: b.textVersion,
        documentRef: b.documentRef,
        at: b.at ? new Date(b.at) : undefined,
      });
      return reply.status(r.changed ? 201 : 200).send({ changed: r.changed, consent: r.record });
    },
  );

  app.get(
    '/api/v1/parties/:id/messages',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Every message sent to a party (proof of notice)', params: idParams },
    },
    async (req) => ({ items: await getPartyMessages(ctx, requireActor(req), req.params.id) }),
  );

  app.get(
    '/api/v1/cases/:id/messages',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'Messages about a case: text, channel, template version, consent in force and receipts (citizens: their own)',
        params: idParams,
      },
    },
    async (req) => ({ items: await getCaseMessages(ctx, requireActor(req), req.params.id) }),
  );

  // --- The citizen's own settings ------------------------------------------------------------------
  app.get(
    '/api/v1/me/notification-settings',
    {
      config: { auth: 'citizen' },
      schema: { tags, summary: 'Your contacts, notification preferences and consent' },
    },
    async (req) => getOwnNotificationSettings(ctx, requireActor(req)),
  );

  app.patch(
    '/api/v1/me/notification-settings',
    {
      config: { auth: 'citizen' },
      schema: { tags, summary: 'Change your contacts and notification preferences', body: preferencesBody },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const partyId = actor.kind === 'citizen' ? actor.partyId : null;
      if (!partyId) return reply.status(404).send(errorBody(req, 'not_found'));
      await updateNotificationPreferences(ctx, actor, partyId, req.body);
      return getOwnNotificationSettings(ctx, actor);
    },
  );

  app.post(
    '/api/v1/me/consents',
    {
      config: { auth: 'citizen' },
      schema: {
        tags,
        summary: 'Give or withdraw your consent to notifications on a channel',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['channel'],
          properties: { channel: messageChannel, action: { type: 'string', enum: ['given', 'withdrawn'], default: 'given' }, textVersion: text(40) },
        } as const,
      },
    },
    async (req, reply) => {
      const r = await recordOwnConsent(ctx, requireActor(req), req.body);
      return reply.status(r.changed ? 201 : 200).send({ changed: r.changed, consent: r.record });
    },
  );

  app.get(
    '/api/v1/me/messages',
    {
      config: { auth: 'citizen' },
      schema: { tags, summary: 'Every message sent to you' },
    },
    async (req) => ({ items: await getOwnMessages(ctx, requireActor(req)) }),
  );

  // --- Raw bodies: the Viber webhook (signature over the exact bytes), one-click unsubscribe, bounces ---
  void app.register(async (raw: RouteApp) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));

    raw.post(VIBER_WEBHOOK_PATH, { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
      const viber = currentService()?.viber;
      if (!viber) return reply.status(404).send(errorBody(req, 'not_found'));
      const out = await viber.handleCallback(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), req.headers['x-viber-content-signature']);
      return reply.status(out.httpStatus).send(out.httpStatus === 200 ? { status: 0 } : { status: out.httpStatus });
    });

    raw.post(
      '/api/v1/notifications/unsubscribe/:token',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'One-click unsubscribe (RFC 8058) from non-key e-mails',
          params: { type: 'object', required: ['token'], properties: { token: text(100) } } as const,
        },
      },
      async (req) => unsubscribeByToken(ctx, req.params.token),
    );

    raw.post(
      '/api/v1/notifications/email-bounces',
      {
        config: { auth: 'staff' },
        schema: { tags, summary: 'Hand over a bounce (message/rfc822 DSN) from the return-path mailbox (administrator token)' },
      },
      async (req) => recordEmailBounce(ctx, requireActor(req), Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)),
    );
  });

  // --- Demo: what the local peers received -------------------------------------------------------
  app.get(
    '/api/v1/demo/messages',
    {
      config: { auth: 'public' },
      schema: { tags: ['demo'], summary: 'Demo only: SMS, e-mails and Viber messages the local peers received' },
    },
    async (req, reply) => {
      const peers = ctx.config.demo ? currentService()?.peers : null;
      if (!peers) return reply.status(404).send(errorBody(req, 'not_found'));
      return peerMessages(peers);
    },
  );

  app.get('/demo/messages', { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const peers = ctx.config.demo ? currentService()?.peers : null;
    if (!peers) return reply.status(404).send(errorBody(req, 'not_found'));
    return reply.type('text/html; charset=utf-8').send(peerMessagesPage(peers));
  });
}
