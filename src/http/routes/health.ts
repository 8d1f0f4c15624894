import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../commands/context.ts';
import { migrationsApplied, ping } from '../../db/database.ts';

export function healthRoutes(app: FastifyInstance, ctx: Ctx) {
  app.get('/healthz', { config: { auth: 'public' }, schema: { tags: ['operations'], summary: 'The process is alive' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { tags: ['operations'], summary: 'The database is reachable and fully migrated' } }, async (_req, reply) => {
    try {
      await ping(ctx.db);
      if (!(await migrationsApplied(ctx.db))) return reply.status(503).send({ status: 'migrations pending' });
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });
}
