/** The external registry's feed: a registry posts the events of the cases it keeps, mirrored into Glas. */
import type { Ctx } from '../../../kernel/context.ts';
import { requireActor } from '../../../http/auth.ts';
import { dateTime, locale, text, status as caseStatus, type RouteApp } from '../../../http/schemas.ts';
import { ingestRegistryEvent } from '../commands/ingest-registry-event.ts';

export function registryRoutes(app: RouteApp, ctx: Ctx) {
  app.post(
    '/api/v1/integrations/registry-events',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['integrations'],
        summary: 'An external registry posts a case event (API token with scope registry:events); the same eventId twice has no second effect',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['externalSystem', 'externalCaseId', 'caseNumber', 'eventId', 'type', 'occurredAt'],
          properties: {
            externalSystem: text(60),
            externalCaseId: text(120),
            caseNumber: text(80),
            eventId: text(120),
            type: text(60),
            occurredAt: dateTime,
            subject: text(300),
            data: {
              type: 'object',
              description:
                "The event's facts, which the citizen's message names (docs/NOTIFICATIONS.md): assigned needs clerk or unit, accepted clerk, classified code, opinion_requested awaitingInstitution, deadline_set deadline; other fields are kept as they are",
              additionalProperties: true,
              properties: {
                status: caseStatus,
                clerk: { ...text(200), description: 'The official who now handles the case (assigned, accepted)' },
                unit: { ...text(200), description: 'The organisational unit that now handles the case (assigned, accepted, delivered)' },
                code: { ...text(60), description: 'The classification code (classified)' },
                deadline: { type: 'string', format: 'date-time', description: 'The deadline the case must be decided by (deadline_set, status changes)' },
                awaitingInstitution: { ...text(200), description: 'The institution whose opinion is awaited (opinion_requested)' },
                reason: { ...text(1000), description: 'The reason of a decision, for the citizen (status changes such as rejected, suspended)' },
              },
            },
            parties: {
              type: 'array',
              maxItems: 20,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['name'],
                properties: {
                  externalPartyId: text(120),
                  name: text(200),
                  phone: text(30),
                  email: text(254),
                  locale,
                  consent: {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                      sms: { type: 'boolean' },
                      email: { type: 'boolean' },
                      method: { type: 'string', enum: ['counter_signed', 'written_application', 'portal'] },
                      textVersion: text(40),
                      at: dateTime,
                    },
                  },
                },
              },
            },
          },
        } as const,
      },
    },
    async (req, reply) => {
      const r = await ingestRegistryEvent(ctx, requireActor(req), req.body);
      return reply.status(r.duplicate ? 200 : 201).send(r);
    },
  );
}
