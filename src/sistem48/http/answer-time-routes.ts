/** The public form asks what a category promises before the report is filed. */
import type { Ctx } from '../../kernel/context.ts';
import type { RouteApp } from '../../http/schemas.ts';
import { answerTime } from '../queries/answer-time.ts';

export function answerTimeRoutes(app: RouteApp, ctx: Ctx) {
  app.get(
    '/api/v1/sistem48/public/categories/:code/answer-time',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['sistem48'],
        summary:
          'The first answer a category promises for a report filed now: its hours, calendar or working hours, and the resulting time (the same clock the report will run on)',
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['code'],
          properties: { code: { type: 'string', pattern: '^[a-z0-9_-]{1,40}$' } },
        } as const,
      },
    },
    async (req, reply) => {
      // The answer moves with the clock: not cached beyond a minute.
      reply.header('cache-control', 'public, max-age=60');
      return answerTime(ctx, req.params.code);
    },
  );
}
