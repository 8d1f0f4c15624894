/**
 * The reference for the lookup benchmark: a Fastify process with one route that returns a constant,
 * with the same Fastify version and logger level as Glas under the benchmark. PORT from the parent.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: { level: 'warn' } });
const body = { ok: true };
app.get('/constant', async () => body);

const port = Number(process.argv[2]);
await app.listen({ host: '127.0.0.1', port });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
