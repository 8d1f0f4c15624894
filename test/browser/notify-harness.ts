/**
 * The browser fixture with notifications switched on: a local SMS centre (real SMPP) the notification
 * engine is pointed at through its configuration (GLAS_SMPP_*), graphile-worker running in-process
 * with the real task list (so messages go through the real queue and receipts come back), the app
 * listening on a free port and Debian's Chromium. `close` stops everything, also after a failure.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { Logger, run, type Runner } from 'graphile-worker';
import { buildApp } from '../../src/http/app.ts';
import { startSmsc, type Smsc } from '../../src/peers/smsc-server.ts';
import { startSmtpSink, type SmtpSink } from '../../src/peers/smtp-sink.ts';
import { notificationsModule } from '../../src/notifications/module.ts';
import { currentService } from '../../src/notifications/service.ts';
import { taskList, httpParts } from '../../src/modules.ts';
import { createTestDatabase } from '../helpers/db.ts';
import { seedMunicipality } from '../helpers/fixtures.ts';
import { CHROMIUM_ARGS, type BrowserApp } from './harness.ts';

export interface NotifyingBrowserApp extends BrowserApp {
  smsc: Smsc;
  worker: Runner;
  /** The local mail sink e-mail goes to, when asked for (`{ smtp: true }`); otherwise e-mail is off. */
  smtp: SmtpSink | null;
}

export async function startNotifyingBrowserApp(o: { smtp?: boolean } = {}): Promise<NotifyingBrowserApp> {
  if (!existsSync('web/dist/index.html')) throw new Error('web/dist is missing: run the browser tests with `npm test`, which builds the web app first');
  const smsc = await startSmsc({ systemId: 'glas', password: 'secret', receiptDelayMs: 300 });
  const smtp = o.smtp ? await startSmtpSink() : null;
  const db = await createTestDatabase({
    ...(smtp ? { GLAS_SMTP_HOST: '127.0.0.1', GLAS_SMTP_PORT: String(smtp.port) } : {}),
    GLAS_COOKIE_SECURE: '0',
    GLAS_SMPP_HOST: '127.0.0.1',
    GLAS_SMPP_PORT: String(smsc.port),
    GLAS_SMPP_SYSTEM_ID: 'glas',
    GLAS_SMPP_PASSWORD: 'secret',
    GLAS_VIBER_WEBHOOK: '0',
    GLAS_PUBLIC_URL: 'https://glas.test',
  });
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  let worker: Runner | undefined;
  let started = false;
  const stop = async () => {
    await browser?.close().catch(() => {});
    await worker?.stop().catch(() => {});
    if (started) await notificationsModule.stop!().catch(() => {});
    await app?.close().catch(() => {});
    await db.drop();
    await smsc.close().catch(() => {});
    await smtp?.close().catch(() => {});
  };
  try {
    const m = await seedMunicipality(db.ctx);
    await notificationsModule.start!(db.ctx);
    started = true;
    await currentService()!.sms!.waitUntilBound(5000);
    app = await buildApp(db.ctx, { ...httpParts(), logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    worker = await run({
      pgPool: db.handle.pool,
      taskList: taskList(db.ctx),
      concurrency: 5,
      pollInterval: 100,
      noHandleSignals: true,
      logger: new Logger(() => () => {}),
    });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    return { base, m, db, app, browser, smsc, smtp, worker, close: stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
