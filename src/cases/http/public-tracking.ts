/** Public case tracking by number and tracking code (no account needed). */
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../kernel/context.ts';
import { trackCase } from '../queries/public-tracking.ts';
import { text } from '../../http/schemas.ts';

export function publicTrackingRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/api/v1/public/track', {
    config: { auth: 'public' },
    schema: {
      tags: ['public'], summary: 'Status and public history of a case, for whoever holds its number and tracking code (no personal data)',
      querystring: { type: 'object', required: ['number', 'code'], additionalProperties: false, properties: { number: text(80), code: text(30) } },
    },
  }, async (req, reply) => {
    const q = req.query as { number: string; code: string };
    reply.header('cache-control', 'no-store');
    return trackCase(ctx, { ...q, ip: req.ip });
  });
}
