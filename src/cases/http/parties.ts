/** Look-ups the staff web app needs beyond the case and organisation APIs. */
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../kernel/context.ts';
import { findParties } from '../queries/parties.ts';
import { requireActor } from '../../http/auth.ts';
import { text } from '../../http/schemas.ts';

export function webSupportRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/v1/parties', {
    config: { auth: 'staff' },
    schema: {
      tags: ['parties'], summary: 'Find parties by name (any script, diacritics ignored), phone or ID number; at most 10',
      querystring: { type: 'object', required: ['q'], additionalProperties: false, properties: { q: text(100, 2) } },
    },
  }, async (req) => ({ items: await findParties(ctx, requireActor(req), (req.query as { q: string }).q) }));
}
