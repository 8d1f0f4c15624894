/**
 * The duplicate window under web load (issue 11): the time from the SMS centre accepting an SMS
 * (submit_sm answered OK) to "sent" being committed. A crash inside it sends the SMS again, so it
 * must stay "one round trip plus one commit" however busy the web side is. A fault run measured
 * 8.3 s under load while recording "sent" waited for the same 20-connection pool as web requests.
 *
 * Glas is started with startGlas as `npm start` does (GLAS_WORKER=0 so the bench starts the worker
 * with startJobWorker, as src/runtime.ts does). Each round commits BENCH_WINDOW_MESSAGES (default 300)
 * registrations with SMS consent while the worker is stopped, starts BENCH_WINDOW_WEB (default 200)
 * concurrent "web requests" on the web pool (ctx.db), each holding a connection for
 * BENCH_WINDOW_HOLD_MS (default 50) as a request's queries do, then starts the worker and waits until
 * every message is sent. A separate client polls for 'sent' every 2 ms; the window of a message is
 * the time its 'sent' was first seen minus the SMS centre's acceptance time (both on this process's
 * clock). Two variants in alternating rounds (BENCH_WINDOW_ROUNDS, default 3, each): the delivery path
 * on its own pool (ctx.deliveryDb, as Glas runs) and on the web pool (ctx.deliveryDb removed: before).
 *
 * Run alone with `node bench/notifications-window.ts`, or `npm run bench -- notifications-window`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { smsBenchEnv } from './notifications.ts';
import { startEmbeddedPostgres } from '../src/kernel/db/embedded-postgres.ts';
import { startGlas, startJobWorker, type JobWorker } from '../src/runtime.ts';
import { createOrgUnit } from '../src/organisation/commands/create-org-unit.ts';
import { createCaseType } from '../src/organisation/commands/create-case-type.ts';
import { registerCaseInTx } from '../src/cases/commands/register-case.ts';
import { insertParty } from '../src/cases/repositories/party-repository.ts';
import { SYSTEM_ACTOR, type Actor } from '../src/kernel/types.ts';
import { startSmsc } from '../src/peers/smsc-server.ts';
import { currentService } from '../src/notifications/service.ts';
import { createStaffUser } from '../src/organisation/commands/create-staff-user.ts';
import { taskList } from '../src/modules.ts';
import { recordConsentInTx } from '../src/notifications/commands/record-consent.ts';

const env = process.env;
const log = (m: string) => console.error(`[bench notifications-window ${new Date().toISOString().slice(11, 19)}] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

interface Variant {
  windows: number[];
  seconds: number;
  messages: number;
  webRequests: number;
}
export interface WindowBenchResult {
  ownPool: Variant;
  sharedPool: Variant;
  messages: number;
  web: number;
  holdMs: number;
  rounds: number;
  concurrency: number;
  webPoolSize: number;
  deliveryPoolSize: number;
  cpus: number;
  node: string;
}

export async function measureWindow(): Promise<WindowBenchResult> {
  const messages = Number(env.BENCH_WINDOW_MESSAGES ?? 300);
  const web = Number(env.BENCH_WINDOW_WEB ?? 200);
  const holdMs = Number(env.BENCH_WINDOW_HOLD_MS ?? 50);
  const rounds = Number(env.BENCH_WINDOW_ROUNDS ?? 3);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'glas-bench-window-'));
  const db = await startEmbeddedPostgres({ dataDir: tmp, port: await freePort(), database: 'glas_window_bench', log });
  // No receipts during the measurement: a message stays 'sent' until the poller has seen it.
  const smsc = await startSmsc({ systemId: 'glas', password: 'bench', receiptDelayMs: 3_600_000 });
  const config = loadConfig({ ...smsBenchEnv(db.url, tmp, smsc.port) });
  const glas = await startGlas(config);
  const ownDb = glas.ctx.deliveryDb;
  let worker: JobWorker | null = null;
  const poller = new pg.Client({ connectionString: glas.handle.url });
  await poller.connect();
  try {
    const ctx = glas.ctx;
    const sys = SYSTEM_ACTOR;
    const registryUnit = await createOrgUnit(ctx, sys, { kind: 'registry_office', code: 'PIS', name: 'Pisarnica' });
    const type = await createCaseType(ctx, sys, { code: 'UP', name: { en: 'Administrative procedure' }, numberPattern: 'UP-{seq}/{yyyy}', resolutionDays: 30 });
    const u = await createStaffUser(ctx, sys, {
      username: 'pisarnica',
      displayName: 'pisarnica',
      password: 'bench-password-1',
      role: 'registry_clerk',
      unitId: registryUnit.id,
    });
    const clerk: Actor = {
      kind: 'staff',
      userId: u.id,
      name: 'pisarnica',
      role: 'registry_clerk',
      unitId: registryUnit.id,
      unitPath: registryUnit.path,
      locale: null,
      scopes: null,
    };
    const sms = currentService()?.sms;
    if (!sms || !(await sms.waitUntilBound(10_000))) throw new Error('the SMPP channel did not bind to the bench SMS centre');

    let series = 0;
    const round = async (variant: 'own' | 'shared'): Promise<Variant> => {
      const prefix = `3816${series++ % 10}`;
      await ctx.db.transaction().execute(async (tx) => {
        for (let i = 0; i < messages; i++) {
          const p = await insertParty(
            tx,
            { kind: 'person', name: 'Bench Citizen', phone: `+${prefix}${String(1_000_000 + i)}`, locale: 'en' },
            'bench citizen',
          );
          await recordConsentInTx(tx, ctx, clerk, { partyId: p.id, channel: 'sms', action: 'given', method: 'counter_signed' });
          await registerCaseInTx(tx, ctx, clerk, { caseTypeId: type.id, subject: 'Zahtev', channel: 'counter', parties: [{ partyId: p.id }] });
        }
      });
      // The variant: the delivery path on its own pool (as Glas runs) or on the web pool (before).
      ctx.deliveryDb = variant === 'own' ? ownDb : undefined;
      let stop = false;
      let webRequests = 0;
      const load = Array.from({ length: web }, async () => {
        while (!stop) {
          await sql`select pg_sleep(${holdMs / 1000})`.execute(ctx.db);
          webRequests++;
        }
      });
      await sleep(200);
      const seen = new Map<string, number>();
      const t0 = Date.now();
      worker = await startJobWorker(glas.handle.url, config, taskList(ctx));
      while (seen.size < messages) {
        const { rows } = await poller.query<{ recipient: string }>(`select recipient from notification_messages where status = 'sent' and recipient like $1`, [
          `+${prefix}%`,
        ]);
        const now = Date.now();
        for (const r of rows) if (!seen.has(r.recipient)) seen.set(r.recipient, now);
        if (now - t0 > 300_000) throw new Error(`only ${seen.size} of ${messages} sent in 300 s`);
        await sleep(2);
      }
      const seconds = (Date.now() - t0) / 1000;
      stop = true;
      await Promise.all(load);
      await worker.stop();
      worker = null;
      const accepted = new Map(
        smsc
          .received()
          .filter((m) => m.destination.startsWith(prefix))
          .map((m) => [`+${m.destination}`, m.receivedAt.getTime()]),
      );
      const windows = [...seen].map(([to, t]) => t - accepted.get(to)!).filter((w) => Number.isFinite(w));
      log(
        `${variant} pool: ${messages} sent in ${seconds.toFixed(1)} s, window p50 ${percentile(
          [...windows].sort((a, b) => a - b),
          0.5,
        )} ms`,
      );
      return { windows, seconds, messages, webRequests };
    };
    const ownPool: Variant = { windows: [], seconds: 0, messages: 0, webRequests: 0 };
    const sharedPool: Variant = { windows: [], seconds: 0, messages: 0, webRequests: 0 };
    const add = (to: Variant, r: Variant) => {
      to.windows.push(...r.windows);
      to.seconds += r.seconds;
      to.messages += r.messages;
      to.webRequests += r.webRequests;
    };
    for (let i = 0; i < rounds; i++) {
      // Alternating, so that other load on a shared machine falls on both variants alike.
      if (i % 2 === 0) {
        add(ownPool, await round('own'));
        add(sharedPool, await round('shared'));
      } else {
        add(sharedPool, await round('shared'));
        add(ownPool, await round('own'));
      }
    }
    for (const v of [ownPool, sharedPool]) v.windows.sort((a, b) => a - b);
    return {
      ownPool,
      sharedPool,
      messages,
      web,
      holdMs,
      rounds,
      concurrency: config.workerConcurrency,
      webPoolSize: glas.handle.pool.options.max,
      deliveryPoolSize: config.workerConcurrency + 4,
      cpus: os.cpus().length,
      node: process.version,
    };
  } finally {
    glas.ctx.deliveryDb = ownDb;
    await (worker as JobWorker | null)?.stop().catch(() => {});
    await poller.end().catch(() => {});
    await glas.stop().catch(() => {});
    await smsc.close();
    await db.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function renderWindowSection(r: WindowBenchResult): string {
  const line = (name: string, v: Variant) => {
    const w = v.windows;
    return `| ${name} | ${percentile(w, 0.5)} ms | ${percentile(w, 0.9)} ms | ${percentile(w, 0.99)} ms | ${w.at(-1)} ms | ${(v.messages / v.seconds).toFixed(0)} SMS/s | ${(v.webRequests / v.seconds).toFixed(0)}/s |`;
  };
  return [
    '## Notifications: the duplicate window under web load',
    '',
    `Measured by \`bench/notifications-window.ts\` (${new Date().toISOString().slice(0, 10)}, ${r.cpus} CPUs, Node ${r.node}, embedded PostgreSQL 17 with fsync on, the local SMPP 3.4 SMS centre on loopback). The window is the time from the SMS centre accepting an SMS to "sent" being committed (first seen by a client polling every 2 ms): a crash inside it sends the SMS again. ${r.rounds} alternating rounds per variant, each ${r.messages} queued SMS sent by the worker (concurrency ${r.concurrency}) while ${r.web} concurrent web requests each hold a connection of the ${r.webPoolSize}-connection web pool for ${r.holdMs} ms. "Own pool" is Glas as it runs (the delivery path on a pool of its own, up to ${r.deliveryPoolSize} connections); "web pool" removes it, as before issue 11.`,
    '',
    '| delivery path on | window p50 | p90 | p99 | max | SMS sent | web requests served |',
    '|---|---|---|---|---|---|---|',
    line('own pool (as Glas runs)', r.ownPool),
    line('web pool (before)', r.sharedPool),
    '',
  ].join('\n');
}

export async function runWindowBench(): Promise<string> {
  return renderWindowSection(await measureWindow());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await runWindowBench());
}
