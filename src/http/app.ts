/** Builds the Fastify application: plugins, authentication, error mapping, the OpenAPI document and every route module. */
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ctx } from '../commands/context.ts';
import { registerAuth } from './auth.ts';
import { frameworkError, registerErrorHandling, serverTimeouts } from './errors.ts';
import { registerValidation } from './validation.ts';
import { MODULES, type RouteModule } from '../modules.ts';

const webDist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

export async function buildApp(ctx: Ctx, opts: { logger?: boolean | object; extraRoutes?: RouteModule[] } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? { level: ctx.config.logLevel },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkError,
    // A client that sends slowly (or declares more body than it sends) is cut off, never holds a connection for good.
    ...serverTimeouts(ctx.config),
  });
  registerErrorHandling(app, { maxUploadBytes: ctx.config.maxUploadBytes });
  registerValidation(app);
  // Only JSON and multipart bodies are accepted; anything else is a 415, not a string to validate.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1, fields: 10, fieldSize: 10_000, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Glas API', version: '1', description: 'Cases, their history and the organisation of a municipality. Staff authenticate with the session cookie (plus X-CSRF-Token on changes) or a bearer API token.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'glas_session' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs' });
  registerAuth(app, ctx);
  app.get('/api/v1/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  for (const mod of [...MODULES.flatMap((m) => m.routes ?? []), ...(opts.extraRoutes ?? [])]) mod(app, ctx);
  if (existsSync(webDist)) {
    // serve:false only adds reply.sendFile; our own route serves files so it too declares its auth.
    await app.register(fastifyStatic, { root: webDist, serve: false });
    app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.status(404).send({ error: { code: 'not_found', message: 'Not found.' } });
      const rel = decodeURIComponent(req.url.split('?')[0]!).replace(/^\/+/, '');
      const file = path.join(webDist, rel);
      if (rel && file.startsWith(webDist + path.sep) && existsSync(file) && statSync(file).isFile()) {
        if (rel.startsWith('assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
        return reply.sendFile(rel);
      }
      // The web app routes in the browser: any other path gets its shell.
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    });
  } else {
    app.log.warn({ webDist }, 'the web app is not built (npm run build:web): only the API is served');
  }
  return app;
}
