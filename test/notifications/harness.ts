/**
 * Glas with the notification module on a fresh test database, talking to real local peers: an SMS
 * centre (SMPP), a mail sink (SMTP) and a Viber API server, each on a port the OS chose; the HTTP
 * app listening on loopback (Viber calls its webhook); graphile-worker running in-process with the
 * real task list, so messages go through the real queue.
 */
import { Logger, run, type Runner } from 'graphile-worker';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { startSmsc, type Smsc, type SmscOptions } from '../../src/peers/smsc-server.ts';
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from '../../src/peers/smtp-sink.ts';
import { startViberApiServer, type ViberApiServer, type ViberApiServerOptions } from '../../src/peers/viber-api-server.ts';
import { setViberWebhook } from '../../src/channels/viber-channel.ts';
import { notificationsModule } from '../../src/notifications/module.ts';
import { taskList, workerLoops } from '../../src/modules.ts';
import { VIBER_WEBHOOK_PATH } from '../../src/notifications/start.ts';
import { currentService } from '../../src/notifications/service.ts';
import { connect } from '../../src/kernel/db/database.ts';

export const VIBER_TOKEN = 'test-viber-token-0123456789';

export interface Harness extends TestApp {
  smsc: Smsc;
  smtp: SmtpSink;
  viber: ViberApiServer;
  url: string;
  worker: Runner | null;
  startWorker(): Promise<Runner>;
  stopWorker(): Promise<void>;
  /** Polls until `check` returns a value (not undefined/false), or fails after timeoutMs. */
  eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs?: number, what?: string): Promise<T>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  smsc?: Partial<SmscOptions>;
  smtp?: SmtpSinkOptions;
  viber?: Partial<ViberApiServerOptions>;
  worker?: boolean;
  concurrency?: number;
  /** Wait for the SMPP bind before returning (default true unless the SMS centre starts down). */
  waitForBind?: boolean;
  /** Start with the SMS centre down (it comes up with h.smsc.comeUp()). */
  smscDown?: boolean;
}

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const smsc = await startSmsc({ systemId: 'glas', password: 'secret', ...o.smsc });
  if (o.smscDown) await smsc.goDown();
  const smtp = await startSmtpSink(o.smtp ?? {});
  const viber = await startViberApiServer({ authToken: VIBER_TOKEN, ...o.viber });
  const t = await startTestApp({
    GLAS_SMPP_HOST: '127.0.0.1',
    GLAS_SMPP_PORT: String(smsc.port),
    GLAS_SMPP_SYSTEM_ID: 'glas',
    GLAS_SMPP_PASSWORD: 'secret',
    GLAS_SMTP_HOST: '127.0.0.1',
    GLAS_SMTP_PORT: String(smtp.port),
    GLAS_VIBER_TOKEN: VIBER_TOKEN,
    GLAS_VIBER_API_URL: viber.url,
    GLAS_VIBER_WEBHOOK: '0',
    GLAS_PUBLIC_URL: 'https://glas.test',
    ...o.env,
  });
  // As in runtime.ts: the delivery path records outcomes on a pool of its own.
  const delivery = connect(t.url, 8);
  t.ctx.deliveryDb = delivery.db;
  await notificationsModule.start!(t.ctx);
  if (o.waitForBind ?? !o.smscDown) await currentService()!.sms!.waitUntilBound(5000);
  const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  await setViberWebhook({ baseUrl: viber.url, authToken: VIBER_TOKEN, url: `${url}${VIBER_WEBHOOK_PATH}` });
  let stopLoops: (() => Promise<void>)[] = [];
  const h: Harness = {
    ...t,
    smsc,
    smtp,
    viber,
    url,
    worker: null,
    async startWorker() {
      // As src/runtime.ts runs it: with the modules' loops beside it (the batch sender unless GLAS_NOTIFY_BATCH=0).
      const loops = workerLoops(t.ctx);
      const forbiddenFlags = loops.flatMap((l) => l.replacesJobsFlagged ?? []);
      h.worker = await run({
        pgPool: t.handle.pool,
        taskList: taskList(t.ctx),
        concurrency: o.concurrency ?? 5,
        pollInterval: 100,
        noHandleSignals: true,
        logger: new Logger(() => () => {}),
        ...(forbiddenFlags.length ? { forbiddenFlags } : {}),
      });
      stopLoops = loops.map((l) => l.start());
      return h.worker;
    },
    async stopWorker() {
      await Promise.all(stopLoops.map((stop) => stop()));
      stopLoops = [];
      await h.worker?.stop();
      h.worker = null;
    },
    async eventually(check, timeoutMs = 10_000, what = 'condition') {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const v = await check();
        if (v !== undefined && v !== false) return v as never;
        if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await h.stopWorker();
      await notificationsModule.stop!();
      await delivery.close();
      await t.close();
      await Promise.all([smsc.close(), smtp.close(), viber.close()]);
    },
  };
  if (o.worker !== false) await h.startWorker();
  return h;
}

/** Message rows of a case, oldest first. */
export async function messagesOf(h: Harness, caseId: string) {
  return h.ctx.db.selectFrom('notification_messages').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
}

/** The E.164 number as the SMS centre sees it (no plus). */
export const msisdn = (e164: string) => e164.replace(/^\+/, '');
