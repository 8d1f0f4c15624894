/** Builds the Fastify application: plugins, authentication, error mapping, the OpenAPI document and every route module. */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import compress from '@fastify/compress';
import { existsSync, statSync } from 'node:fs';
import { constants as zlibConstants } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ctx } from '../kernel/context.ts';
import { followAccessChanges, registerAuth } from './auth.ts';
import { errorBody, frameworkError, registerErrorHandling, serverTimeouts } from './errors.ts';
import { registerValidation } from './validation.ts';
import { docsCsp, registerSecurityHeaders, securityHeaders } from './security-headers.ts';
import type { AddressErrorRenderer, RouteModule } from '../kernel/module.ts';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import { rootLogger } from '../kernel/log.ts';
import { withRequestClient } from '../kernel/request-client.ts';

const webDist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

/**
 * `routes` and `addressErrors` come from the composition root (src/modules.ts: routeModules(),
 * addressErrorRenderers()), so that the HTTP platform imports no feature.
 */
export async function buildApp(
  ctx: Ctx,
  opts: { routes: RouteModule[]; addressErrors?: AddressErrorRenderer[]; logger?: boolean | object; extraRoutes?: RouteModule[] },
): Promise<FastifyInstance> {
  const security = securityHeaders(ctx.config);
  // Typed as Fastify's logger, so the app keeps the FastifyInstance type every route module takes.
  const loggerInstance: FastifyBaseLogger = rootLogger(ctx.config.logLevel);
  const app = Fastify({
    // The process's one pino logger (src/kernel/log.ts) unless a test brings its own (or none).
    ...(opts.logger === undefined ? { loggerInstance } : { logger: opts.logger }),
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // A malformed address is answered before any hook runs: it gets the security headers here.
    frameworkErrors: (error, req, reply) => frameworkError(error, req, reply.headers(security), opts.addressErrors),
    // A client that sends slowly (or declares more body than it sends) is cut off, never holds a connection for good.
    ...serverTimeouts(ctx.config),
  });
  registerErrorHandling(app, { maxUploadBytes: ctx.config.maxUploadBytes });
  registerValidation(app);
  // Only JSON and multipart bodies are accepted; anything else is a 415, not a string to validate.
  app.removeContentTypeParser('text/plain');
  // Every response, API, error and file alike, carries the same security headers; before compression, so that its
  // hook still sees a rendered page's text.
  registerSecurityHeaders(app, security);
  // JSON answers over 1 KB go compressed, which a phone on mobile data feels; the built web app is compressed once at
  // build time and sent as is (its Content-Encoding is already set, so this passes it through). Brotli at quality 1:
  // on a 19 KB queue page it cost about 75 µs of CPU for 5.9 KB, against 210 µs for 5.1 KB at the plugin's default 4
  // (measured with process.cpuUsage), and a queue page costs the server about 0.7 ms in all.
  // Request bodies are never decompressed: a small gzip body must not become a large one behind the body limit.
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1, fields: 10, fieldSize: 10_000, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Glas API',
        version: '1',
        description:
          'Cases, their history and the organisation of a municipality. Staff authenticate with the session cookie (plus X-CSRF-Token on changes) or a bearer API token.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'glas_session' } } },
    },
  });
  // Swagger UI writes <style> elements at run time: its pages alone allow inline styles.
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs', transformStaticCSP: docsCsp, uiConfig: { validatorUrl: null } });
  registerAuth(app, ctx);
  await followAccessChanges(ctx);
  // The handler and every command it calls run knowing the client, for the audit trail. req.ip is the peer's
  // address unless GLAS_TRUST_PROXY lets Fastify take X-Forwarded-For. A callback hook: `done` calls the handler
  // inside the context (an async hook's continuation would not carry it).
  app.addHook('preHandler', (req, _reply, done) => withRequestClient({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null }, done));
  app.get('/api/v1/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  // Type-only: the route modules see body, query and params typed from their schemas; validation stays Ajv's (validation.ts).
  const routeApp = app.withTypeProvider<JsonSchemaToTsProvider>();
  for (const mod of [...opts.routes, ...(opts.extraRoutes ?? [])]) mod(routeApp, ctx);
  if (existsSync(webDist)) {
    // serve:false only adds reply.sendFile; our own route serves files so it too declares its auth.
    // preCompressed: file.br or file.gz (written by scripts/build-web.ts) when the browser accepts it.
    await app.register(fastifyStatic, { root: webDist, serve: false, preCompressed: true });
    app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.status(404).send(errorBody(req, 'not_found'));
      const rel = decodeURIComponent(req.url.split('?')[0]!).replace(/^\/+/, '');
      const file = path.join(webDist, rel);
      if (rel && file.startsWith(webDist + path.sep) && existsSync(file) && statSync(file).isFile()) {
        // Vite names every file in assets/ by its content hash: a changed file is a new name, so a year is safe.
        // The options go to sendFile, whose own Cache-Control (max-age=0 by default) would replace a header set here.
        if (rel.startsWith('assets/')) return reply.sendFile(rel, { maxAge: 31_536_000_000, immutable: true });
        reply.header('cache-control', 'no-cache');
        return reply.sendFile(rel, { cacheControl: false });
      }
      // A missing hashed file is an old release's chunk: a 404, not the page shell under a script's name.
      if (rel.startsWith('assets/')) return reply.status(404).send(errorBody(req, 'not_found'));
      // The web app routes in the browser: any other path gets its shell, revalidated on every visit (ETag, 304)
      // so that a new release is picked up at once.
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', { cacheControl: false });
    });
  } else {
    app.log.warn({ webDist }, 'the web app is not built (npm run build:web): only the API is served');
  }
  return app;
}
