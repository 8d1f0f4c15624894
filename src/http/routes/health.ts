import type { RouteApp } from '../schemas.ts';
import type { Ctx } from '../../kernel/context.ts';
import { migrationsApplied, ping } from '../../kernel/db/database.ts';

export function healthRoutes(app: RouteApp, ctx: Ctx) {
  // Liveness: 503 only when this process cannot get its database back by itself (the embedded server
  // keeps failing to start), so that a probe restarts it; a database that is merely down is /readyz's.
  app.get(
    '/healthz',
    { config: { auth: 'public' }, schema: { tags: ['operations'], summary: 'The process is alive and can recover its database' } },
    async (_req, reply) => {
      if (ctx.databaseRecoverable && !ctx.databaseRecoverable()) return reply.status(503).send({ status: 'database cannot be recovered' });
      return { status: 'ok' };
    },
  );
  app.get(
    '/readyz',
    { config: { auth: 'public' }, schema: { tags: ['operations'], summary: 'The database is reachable and fully migrated' } },
    async (_req, reply) => {
      try {
        await ping(ctx.db);
        if (!(await migrationsApplied(ctx.db))) return reply.status(503).send({ status: 'migrations pending' });
        return { status: 'ready' };
      } catch {
        return reply.status(503).send({ status: 'database unreachable' });
      }
    },
  );
}
