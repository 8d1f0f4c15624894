/** Canned responses: read by staff for the answer panel, kept by administrators and unit heads. */
import type { Ctx } from '../../kernel/context.ts';
import { requireActor } from '../../http/auth.ts';
import { idParams, status, text, uuid, type RouteApp } from '../../http/schemas.ts';
import { LOCALES } from '../../i18n/index.ts';
import { createCannedResponse, deleteCannedResponse, updateCannedResponse } from '../commands/manage-canned-responses.ts';
import { getCannedResponses } from '../queries/canned-responses.ts';

const perLanguage = (maxLength: number) =>
  ({
    type: 'object',
    minProperties: 1,
    additionalProperties: false,
    properties: Object.fromEntries(LOCALES.map((l) => [l, text(maxLength)])),
  }) as const;

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'body'],
  properties: {
    unitId: { anyOf: [uuid, { type: 'null' }] },
    categoryId: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] },
    status: { anyOf: [status, { type: 'null' }] },
    title: perLanguage(120),
    body: perLanguage(5000),
    active: { type: 'boolean' },
  },
} as const;

export function cannedResponseRoutes(app: RouteApp, ctx: Ctx) {
  app.get(
    '/api/v1/sistem48/canned-responses',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['sistem48'],
        summary: "Canned responses (answer templates): each unit's and the municipality's, with whether you may change each",
        querystring: { type: 'object', additionalProperties: false, properties: { active: { type: 'boolean' } } } as const,
      },
    },
    async (req) => ({ items: await getCannedResponses(ctx, requireActor(req), { activeOnly: req.query.active === true }) }),
  );

  app.post(
    '/api/v1/sistem48/canned-responses',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['sistem48'],
        summary:
          'Add a canned response for a unit (its head or an administrator) or the whole municipality (an administrator), optionally for one category and status',
        body,
      },
    },
    async (req, reply) => reply.status(201).send(await createCannedResponse(ctx, requireActor(req), req.body)),
  );

  app.put(
    '/api/v1/sistem48/canned-responses/:id',
    { config: { auth: 'staff' }, schema: { tags: ['sistem48'], summary: 'Change a canned response', params: idParams, body } },
    async (req) => updateCannedResponse(ctx, requireActor(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/sistem48/canned-responses/:id',
    { config: { auth: 'staff' }, schema: { tags: ['sistem48'], summary: 'Delete a canned response', params: idParams } },
    async (req) => deleteCannedResponse(ctx, requireActor(req), req.params.id),
  );
}
