import type { Ctx } from '../../kernel/context.ts';
import { trackCase } from '../queries/public-tracking.ts';
import { text, type RouteApp } from '../../http/schemas.ts';

export function publicTrackingRoutes(app: RouteApp, ctx: Ctx) {
  app.get(
    '/api/v1/public/track',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['public'],
        summary: 'Status and public history of a case, for whoever holds its number and tracking code (no personal data)',
        querystring: { type: 'object', required: ['number', 'code'], additionalProperties: false, properties: { number: text(80), code: text(30) } } as const,
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return trackCase(ctx, { ...req.query, ip: req.ip });
    },
  );
}
