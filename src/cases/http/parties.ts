import type { Ctx } from '../../kernel/context.ts';
import { findParties } from '../queries/parties.ts';
import { requireActor } from '../../http/auth.ts';
import { text, type RouteApp } from '../../http/schemas.ts';

export function webSupportRoutes(app: RouteApp, ctx: Ctx) {
  app.get(
    '/api/v1/parties',
    {
      config: { auth: 'staff' },
      schema: {
        tags: ['parties'],
        summary: 'Find parties by name (any script, diacritics ignored), phone or ID number; at most 10',
        querystring: { type: 'object', required: ['q'], additionalProperties: false, properties: { q: text(100, 2) } } as const,
      },
    },
    async (req) => ({ items: await findParties(ctx, requireActor(req), req.query.q) }),
  );
}
