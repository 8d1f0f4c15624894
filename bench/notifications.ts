/**
 * Notification benchmarks (issue 3), measured in one run against a real SMS centre on loopback
 * (src/peers/smsc-server.ts, SMPP 3.4, a delivery receipt for every SMS):
 *
 *   1. Sustained load: case events at BENCH_NOTIFY_RATE per second (default 200) for
 *      BENCH_NOTIFY_SECONDS (default 60): status changes (delivered, accepted, in progress, approved)
 *      of pre-registered cases with SMS consent, through transitionCase, the command behind
 *      POST /api/v1/cases/:id/transitions; each event produces one SMS. Measured: the latency from
 *      the command's commit to the submit_sm arriving at the SMS centre (p50, p99, max), and the
 *      count there: every message exactly once. (Status changes rather than registrations because
 *      registrations of one number series are serialised by gap-free numbering, which is the core's
 *      benchmark, not this one.)
 *      The sustained load runs a second time with a CPU-bound process (a busy loop) beside it, as when another
 *      program shares the server.
 *   2. Peak: BENCH_NOTIFY_PEAK registrations with SMS consent (default 5000) committed while the
 *      worker is stopped, then sent: the rate at which Glas (outbox row → graphile-worker job →
 *      SmppChannel) gets them to the SMS centre, against the rate the same SmppChannel instance reaches
 *      with sendDirect, with as many sends in flight as the SMPP window (10) and with as many as the batch
 *      sender hands the channel (SMS_IN_FLIGHT): the faster of the two is the reference.
 *
 * Glas is started with startGlas as `npm start` does, with GLAS_WORKER=0 so that the bench can stop
 * and start the worker (startJobWorker of src/runtime.ts, as Glas runs it). Worker concurrency:
 * BENCH_NOTIFY_CONCURRENCY (default: the product's GLAS_WORKER_CONCURRENCY default); the peak is also measured with
 * BENCH_NOTIFY_TUNED_CONCURRENCY (default 10). The load runs in the same
 * process, at most BENCH_NOTIFY_INFLIGHT (default 16) commands at a time.
 *
 * Run alone with `node bench/notifications.ts`; `npm run bench` calls runNotificationBench().
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { startEmbeddedPostgres } from '../src/kernel/db/embedded-postgres.ts';
import { startGlas, startJobWorker, type JobWorker } from '../src/runtime.ts';
import { createOrgUnit } from '../src/organisation/commands/create-org-unit.ts';
import { createCaseType } from '../src/organisation/commands/create-case-type.ts';
import { registerCaseInTx } from '../src/cases/commands/register-case.ts';
import { insertParty } from '../src/cases/repositories/party-repository.ts';
import { SYSTEM_ACTOR, type Actor } from '../src/kernel/types.ts';
import { startSmsc, type Smsc } from '../src/peers/smsc-server.ts';
import { sendDirect } from '../src/channels/send-direct.ts';
import type { OutboundMessage } from '../src/channels/channel.ts';
import { currentService } from '../src/notifications/service.ts';
import { setKindLevel } from '../src/notifications/commands/set-kind-level.ts';
import { transitionCase } from '../src/cases/commands/transition-case.ts';
import { createStaffUser } from '../src/organisation/commands/create-staff-user.ts';
import { taskList, workerLoops } from '../src/modules.ts';
import { recordConsentInTx } from '../src/notifications/commands/record-consent.ts';
import { SMS_IN_FLIGHT } from '../src/notifications/commands/send-queued-batches.ts';

const env = process.env;
const log = (m: string) => console.error(`[bench notifications ${new Date().toISOString().slice(11, 19)}] ${m}`);

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForCount(smsc: Smsc, predicate: (dest: string) => boolean, expected: number, timeoutMs: number): Promise<number> {
  const until = Date.now() + timeoutMs;
  let n = 0;
  while (Date.now() < until) {
    n = smsc.received().filter((m) => predicate(m.destination)).length;
    if (n >= expected) return n;
    await sleep(100);
  }
  return n;
}

/** Glas's environment for a notification benchmark: its own database and folder, the local SMS centre, no demo, no worker (the bench runs it). */
export function smsBenchEnv(databaseUrl: string, dataDir: string, smscPort: number): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    GLAS_DATA_DIR: dataDir,
    GLAS_LOG_LEVEL: 'silent',
    GLAS_DEMO: '0',
    GLAS_WORKER: '0',
    PORT: '0',
    HOST: '127.0.0.1',
    GLAS_COOKIE_SECURE: '0',
    GLAS_SMPP_HOST: '127.0.0.1',
    GLAS_SMPP_PORT: String(smscPort),
    GLAS_SMPP_SYSTEM_ID: 'glas',
    GLAS_SMPP_PASSWORD: 'bench',
    // A production start on DATABASE_URL needs the key that encrypts stored secrets.
    GLAS_SECRET_KEY: randomBytes(32).toString('base64'),
    // No portal accounts: each counter registration would also send an activation SMS to its number
    // GLAS_PORTAL_ACTIVATION_DELAY_SECONDS (120) later. A run that takes longer than that (a loaded
    // machine) then counted them as duplicate notices (72 "extra" SMS on 7 December) and shared the
    // SMPP window with them during the peak.
    GLAS_PORTAL_ACCOUNTS: '0',
  };
}

interface SustainedResult {
  events: number;
  achievedRate: number;
  registerP99: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  atSmsc: number;
  /** The same text to the same number more than once: a notice sent twice. */
  duplicates: number;
  missing: number;
  /** SMS at the numbers that are neither an expected notice nor a repeat of one (none expected). */
  other: number;
}

export interface NotificationBenchResult extends SustainedResult {
  rate: number;
  seconds: number;
  /** The same sustained load with a CPU-bound process beside it. */
  withNeighbour: SustainedResult;
  peak: {
    n: number;
    concurrency: number;
    glasPerSecond: number;
    glasSteadyPerSecond: number;
    /** The faster of the two direct ways below. */
    directPerSecond: number;
    directWindowedPerSecond: number;
    directQueuedPerSecond: number;
    directInFlight: number;
    ratio: number;
    tunedConcurrency: number;
    tunedSteadyPerSecond: number;
    tunedRatio: number;
    /** Whether the figures above are with the batch sender; `other…`: the same backlog the other way. */
    batched: boolean;
    otherSteadyPerSecond: number;
    otherRatio: number;
  };
  maxInFlight: number;
  cpus: number;
  node: string;
}

export async function measureNotifications(): Promise<NotificationBenchResult> {
  const rate = Number(env.BENCH_NOTIFY_RATE ?? 200);
  const seconds = Number(env.BENCH_NOTIFY_SECONDS ?? 60);
  const peakN = Number(env.BENCH_NOTIFY_PEAK ?? 5000);
  // The product's default worker concurrency unless asked otherwise: the figures are for what Glas runs.
  const concurrency = Number(env.BENCH_NOTIFY_CONCURRENCY ?? loadConfig({}).workerConcurrency);
  const tunedConcurrency = Number(env.BENCH_NOTIFY_TUNED_CONCURRENCY ?? 10);
  // Commands in flight at once; beyond that the generator queues them (latency is measured from commit).
  const maxInFlight = Number(env.BENCH_NOTIFY_INFLIGHT ?? 16);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'glas-bench-notify-'));
  const pg = await startEmbeddedPostgres({ dataDir: tmp, port: await freePort(), database: 'glas_notify_bench', log });
  const smsc = await startSmsc({ systemId: 'glas', password: 'bench', receiptDelayMs: 0 });
  const config = loadConfig({ ...smsBenchEnv(pg.url, tmp, smsc.port), GLAS_WORKER_CONCURRENCY: String(concurrency) });
  // Glas as `npm start` runs it, except that the bench starts and stops the worker itself (to build a
  // backlog for the peak), with startJobWorker exactly as src/runtime.ts does.
  const glas = await startGlas(config);
  let worker: JobWorker | null = null;
  // Batched: the batch sender runs beside the worker, as src/runtime.ts starts it (GLAS_NOTIFY_BATCH=1, the default).
  const startWorker = async (workers = config.workerConcurrency, batched = config.notifyBatch) => {
    worker = await startJobWorker(
      glas.handle.url,
      { ...config, workerConcurrency: workers },
      taskList(glas.ctx),
      undefined,
      batched ? workerLoops(glas.ctx) : [],
    );
  };
  const stopWorker = async () => {
    await worker?.stop();
    worker = null;
  };
  try {
    const ctx = glas.ctx;
    const sys = SYSTEM_ACTOR;
    const registryUnit = await createOrgUnit(ctx, sys, { kind: 'registry_office', code: 'PIS', name: 'Pisarnica' });
    const dept = await createOrgUnit(ctx, sys, { kind: 'department', code: 'URB', name: 'Odeljenje za urbanizam' });
    const type = await createCaseType(ctx, sys, { code: 'UP', name: { en: 'Administrative procedure' }, numberPattern: 'UP-{seq}/{yyyy}', resolutionDays: 30 });
    const staff = async (username: string, role: 'registry_clerk' | 'case_officer', unit: typeof dept): Promise<Actor> => {
      const u = await createStaffUser(ctx, sys, { username, displayName: username, password: 'bench-password-1', role, unitId: unit.id });
      return { kind: 'staff', userId: u.id, name: username, role, unitId: unit.id, unitPath: unit.path, locale: null, scopes: null };
    };
    const clerk = await staff('pisarnica', 'registry_clerk', registryUnit);
    const officer = await staff('referent', 'case_officer', dept);
    const sms = currentService()?.sms;
    if (!sms || !(await sms.waitUntilBound(10_000))) throw new Error('the SMPP channel did not bind to the bench SMS centre');

    /** Registrations with SMS consent in one transaction each `chunk`; English text, so every SMS is one GSM-7 part. */
    const registerMany = async (prefix: string, n: number, chunk: number, batched = config.notifyBatch) => {
      // Unbatched: each message's job is due at once, as before the batch sender (GLAS_NOTIFY_BATCH=0).
      const ctx = batched === config.notifyBatch ? glas.ctx : { ...glas.ctx, config: { ...config, notifyBatch: batched } };
      const out: { id: string; dest: string }[] = [];
      for (let from = 0; from < n; from += chunk) {
        await ctx.db.transaction().execute(async (tx) => {
          for (let i = from; i < Math.min(n, from + chunk); i++) {
            const dest = `${prefix}${String(10_000_000 + i).padStart(8, '0')}`;
            const p = await insertParty(tx, { kind: 'person', name: 'Bench Citizen', phone: `+${dest}`, locale: 'en' }, 'bench citizen');
            await recordConsentInTx(tx, ctx, clerk, { partyId: p.id, channel: 'sms', action: 'given', method: 'counter_signed' });
            const c = await registerCaseInTx(tx, ctx, clerk, { caseTypeId: type.id, subject: 'Zahtev', channel: 'counter', parties: [{ partyId: p.id }] });
            out.push({ id: c.id, dest });
          }
        });
      }
      return out;
    };

    // --- 1. Sustained load: status changes of many cases (each case is its own lock, as in real use) ----
    // Run twice: on the machine as it is, then with a CPU-bound process beside it (issue 17: a busy neighbour
    // must not push the p99 past a second).
    const sustainedRun = async (prefix: string, withNeighbour: boolean): Promise<SustainedResult> => {
      const steps = ['delivered', 'accepted', 'in_progress', 'approved'] as const;
      const total = rate * seconds;
      const caseCount = Math.ceil(total / steps.length);
      log(`preparing ${caseCount} cases (their registration is set internal meanwhile, so nothing is sent yet)`);
      await setKindLevel(ctx, sys, 'registered', 'internal');
      const cases = await registerMany(prefix, caseCount, 500);
      await setKindLevel(ctx, sys, 'registered', 'key');
      await startWorker();
      // A neighbour that keeps one core busy for the whole run: another program on the server.
      const neighbour = withNeighbour ? spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }) : null;
      log(`sustained: ${rate} events/s for ${seconds} s${neighbour ? ', a CPU-bound process beside it' : ''}`);
      const committedAt: number[] = [];
      const destOf: string[] = [];
      const registerLatency: number[] = [];
      let issued = 0;
      let failed = 0;
      let firstError = '';
      const inFlight = new Set<Promise<void>>();
      const start = Date.now();
      while (issued < total) {
        const due = Math.min(total, Math.floor(((Date.now() - start) / 1000) * rate));
        while (issued < due && inFlight.size < maxInFlight) {
          const e = issued++;
          const c = cases[e % caseCount]!;
          const to = steps[Math.floor(e / caseCount)]!;
          const t0 = Date.now();
          const p = transitionCase(ctx, to === 'delivered' ? clerk : officer, { caseId: c.id, to, ...(to === 'delivered' ? { unitId: dept.id } : {}) })
            .then(
              () => {
                const t1 = Date.now();
                committedAt[e] = t1;
                destOf[e] = c.dest;
                registerLatency.push(t1 - t0);
              },
              (err: unknown) => {
                failed++;
                firstError ||= String(err);
              },
            )
            .finally(() => inFlight.delete(p));
          inFlight.add(p);
        }
        await sleep(2);
      }
      await Promise.all(inFlight);
      const loadSeconds = (Date.now() - start) / 1000;
      if (failed) log(`${failed} events failed, e.g. ${firstError}`);
      const events = committedAt.filter((t) => t !== undefined).length;
      // Counted per number and text: a notice sent twice is the same text to the same number again (each
      // step's notice differs), so another SMS to the number can never pass for a duplicate, nor fill the count.
      const expectedOf = (i: number) => steps.map((_, k) => k * caseCount + i).filter((e) => committedAt[e] !== undefined);
      const sustainedIndex = new Map(cases.map((c, i) => [c.dest, i]));
      const tally = () => {
        const perDest = new Map<string, Map<string, number[]>>();
        for (const m of smsc.received()) {
          if (!sustainedIndex.has(m.destination)) continue;
          const texts = perDest.get(m.destination) ?? new Map<string, number[]>();
          texts.set(m.text, [...(texts.get(m.text) ?? []), m.receivedAt.getTime()]);
          perDest.set(m.destination, texts);
        }
        return perDest;
      };
      const stillMissing = () => {
        const perDest = tally();
        return cases.some((c, i) => (perDest.get(c.dest)?.size ?? 0) < expectedOf(i).length);
      };
      const countUntil = Date.now() + 120_000;
      while (stillMissing() && Date.now() < countUntil) await sleep(100);
      // A second copy sent right after the last first one still counts.
      await sleep(2000);
      const perDest = tally();
      let atSmsc = 0;
      for (const texts of perDest.values()) for (const times of texts.values()) atSmsc += times.length;
      const latencies: number[] = [];
      let duplicates = 0;
      let missing = 0;
      let other = 0;
      for (const [i, c] of cases.entries()) {
        const expected = expectedOf(i);
        const texts = [...(perDest.get(c.dest)?.values() ?? [])];
        for (const times of texts) duplicates += times.length - 1;
        missing += Math.max(0, expected.length - texts.length);
        other += Math.max(0, texts.length - expected.length);
        // Each case got its notices in step order, so the k-th distinct text to arrive at a number belongs to its k-th event.
        const firsts = texts.map((times) => times[0]!).sort((a, b) => a - b);
        for (const [k, e] of expected.entries()) if (firsts[k] !== undefined) latencies.push(firsts[k]! - committedAt[e]!);
      }
      if (other) log(`${other} SMS at the sustained numbers were no notice of theirs`);
      latencies.sort((a, b) => a - b);
      registerLatency.sort((a, b) => a - b);
      if (env.BENCH_NOTIFY_DEBUG) {
        const sec = (t: number) => Math.floor((t - start) / 1000);
        const commits = new Map<number, number>();
        for (const t of committedAt) if (t !== undefined) commits.set(sec(t), (commits.get(sec(t)) ?? 0) + 1);
        const arrivals = new Map<number, number>();
        for (const texts of perDest.values()) for (const list of texts.values()) for (const t of list) arrivals.set(sec(t), (arrivals.get(sec(t)) ?? 0) + 1);
        const last = Math.max(...arrivals.keys(), ...commits.keys());
        for (let i = 0; i <= last; i++) log(`t=${i}s commits ${commits.get(i) ?? 0} sms ${arrivals.get(i) ?? 0}`);
        const { rows } = await glas.handle.pool.query(
          `select status, attempts, left(coalesce(last_error, ''), 90) as err, count(*)::int as n from notification_messages group by 1, 2, 3 order by n desc limit 15`,
        );
        for (const r of rows) log(`messages: ${JSON.stringify(r)}`);
      }
      neighbour?.kill('SIGKILL');
      await sleep(2000);
      await stopWorker();
      return {
        events,
        achievedRate: events / loadSeconds,
        registerP99: percentile(registerLatency, 0.99),
        latency: { p50: percentile(latencies, 0.5), p90: percentile(latencies, 0.9), p99: percentile(latencies, 0.99), max: latencies.at(-1) ?? NaN },
        atSmsc,
        duplicates,
        missing,
        other,
      };
    };
    const quiet = await sustainedRun('3816', false);
    const busy = await sustainedRun('3821', true);

    // --- 2. Peak through Glas: a backlog committed while the worker is stopped -------------------
    /** Rates of arrival at the SMS centre: overall from t0, and steady (the middle 80 %, without the start-up and the tail). */
    const arrivalRates = (set: Set<string>, t0: number, count: number) => {
      const times = smsc
        .received()
        .filter((m) => set.has(m.destination))
        .map((m) => m.receivedAt.getTime())
        .sort((a, b) => a - b);
      const a = Math.floor(times.length * 0.1);
      const b = Math.floor(times.length * 0.9);
      return { overall: count / ((times.at(-1)! - t0) / 1000), steady: (b - a) / ((times[b]! - times[a]!) / 1000) };
    };
    const peakRun = async (prefix: string, workers: number, batched = config.notifyBatch) => {
      log(
        `peak: ${peakN} registrations committed while the worker is stopped, then sent with ${workers} worker slots, ${batched ? 'batched' : 'one job per message'}`,
      );
      const backlog = await registerMany(prefix, peakN, 1000, batched);
      const set = new Set(backlog.map((b) => b.dest));
      const t0 = Date.now();
      await startWorker(workers, batched);
      const count = await waitForCount(smsc, (d) => set.has(d), peakN, 300_000);
      const rates = arrivalRates(set, t0, count);
      await sleep(2000);
      await stopWorker();
      return rates;
    };
    const shipped = await peakRun('3817', concurrency);
    const tuned = tunedConcurrency !== concurrency ? await peakRun('3819', tunedConcurrency) : shipped;
    // The same backlog with one graphile-worker job per message (the path before issue 17), in the same run.
    const perJob = await peakRun('3820', concurrency, !config.notifyBatch);
    const glasPerSecond = shipped.overall;
    const glasSteadyPerSecond = shipped.steady;

    // --- 3. The same SmppChannel, directly ------------------------------------------------------
    log(`direct: ${peakN} messages through the same SmppChannel with sendDirect`);
    const text = 'Case UP-12345/2026 was received at the registry office on 22/11/2026. Tracking code: ABCD-EFGH-JKMN';
    // Two ways, the faster is the reference: as many sends at once as the SMPP window (each next send starts when
    // one is answered), and as many as the batch sender hands the channel (SMS_IN_FLIGHT), so that the channel's
    // own queue refills a free window slot at once, as it does for Glas. Each is counted as Glas is: arrivals at
    // the SMS centre, the middle 80 %.
    const directRun = async (prefix: string, inFlight: number) => {
      const batch = Array.from(
        { length: peakN },
        (_, i): OutboundMessage => ({ messageId: `direct-${prefix}-${i}`, to: `+${prefix}${String(10_000_000 + i).padStart(8, '0')}`, text }),
      );
      const set = new Set(batch.map((m) => m.to.slice(1)));
      const t0 = Date.now();
      await sendDirect(sms, batch, { concurrency: inFlight });
      return arrivalRates(set, t0, await waitForCount(smsc, (d) => set.has(d), peakN, 60_000));
    };
    const windowed = await directRun('3818', config.smppWindow);
    const queued = await directRun('3822', SMS_IN_FLIGHT);
    const direct = windowed.steady >= queued.steady ? windowed : queued;
    log(
      `direct: ${windowed.steady.toFixed(0)} SMS/s steady with ${config.smppWindow} at once, ${queued.steady.toFixed(0)} SMS/s with ${SMS_IN_FLIGHT} at once`,
    );

    return {
      rate,
      seconds,
      ...quiet,
      withNeighbour: busy,
      peak: {
        n: peakN,
        concurrency,
        glasPerSecond,
        glasSteadyPerSecond,
        directPerSecond: direct.steady,
        directWindowedPerSecond: windowed.steady,
        directQueuedPerSecond: queued.steady,
        directInFlight: SMS_IN_FLIGHT,
        ratio: glasSteadyPerSecond / direct.steady,
        tunedConcurrency,
        tunedSteadyPerSecond: tuned.steady,
        tunedRatio: tuned.steady / direct.steady,
        batched: config.notifyBatch,
        otherSteadyPerSecond: perJob.steady,
        otherRatio: perJob.steady / direct.steady,
      },
      maxInFlight,
      cpus: os.cpus().length,
      node: process.version,
    };
  } finally {
    await stopWorker().catch(() => {});
    await glas.stop().catch(() => {});
    await smsc.close();
    await pg.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function renderNotificationSection(r: NotificationBenchResult): string {
  const ms = (v: number) => `${Math.round(v)} ms`;
  const ok = (b: boolean) => (b ? 'met' : '**not met**');
  return [
    '## Notifications: case events to SMS',
    '',
    `Measured by \`bench/notifications.ts\` (${new Date().toISOString().slice(0, 10)}, ${r.cpus} CPUs, Node ${r.node}, embedded PostgreSQL 17 with fsync on, the local SMPP 3.4 SMS centre on loopback sending a delivery receipt for every SMS, all in one process). Glas runs as \`npm start\` runs it, with GLAS_WORKER_CONCURRENCY=${r.peak.concurrency} (SMPP window 10); the load generator keeps at most ${r.maxInFlight} commands in flight. Sustained load: status changes (delivered, accepted, in progress, approved) of ${Math.ceil(r.events / 4)} cases through \`transitionCase\`, the command behind \`POST /api/v1/cases/:id/transitions\`, each producing one SMS; latency runs from the command's commit to the submit_sm arriving at the SMS centre. Peak: a backlog of counter registrations with SMS consent committed while the worker was stopped, then sent; against \`sendDirect\` on the same SmppChannel instance, as many at once as the SMPP window and as many as the batch sender hands it, the faster of the two.`,
    '',
    '| measure | result | goal |',
    '|---|---|---|',
    `| sustained load | ${r.events} case events in ${r.seconds} s: ${r.achievedRate.toFixed(1)} events/s (command p99 ${ms(r.registerP99)}) | ${r.rate}/s for ${r.seconds} s |`,
    `| commit → submit_sm at the SMS centre, p50 | ${ms(r.latency.p50)} | |`,
    `| commit → submit_sm, p90 / p99 / max | ${ms(r.latency.p90)} / ${ms(r.latency.p99)} / ${ms(r.latency.max)} | p99 < 1 s: ${ok(r.latency.p99 < 1000)} |`,
    `| SMS at the SMS centre | ${r.atSmsc} of ${r.events}; ${r.missing} missing, ${r.duplicates} duplicates (the same text to the same number again)${r.other ? `, ${r.other} other SMS` : ''} | every message exactly once: ${ok(r.missing === 0 && r.duplicates === 0 && r.other === 0)} |`,
    `| the same sustained load with a CPU-bound process beside it (a busy loop, one of ${r.cpus} cores) | ${r.withNeighbour.events} case events: ${r.withNeighbour.achievedRate.toFixed(1)} events/s; commit → submit_sm p50 ${ms(r.withNeighbour.latency.p50)}, p90 / p99 / max ${ms(r.withNeighbour.latency.p90)} / ${ms(r.withNeighbour.latency.p99)} / ${ms(r.withNeighbour.latency.max)} | p99 < 1 s: ${ok(r.withNeighbour.latency.p99 < 1000)} |`,
    `| SMS at the SMS centre, with the neighbour | ${r.withNeighbour.atSmsc} of ${r.withNeighbour.events}; ${r.withNeighbour.missing} missing, ${r.withNeighbour.duplicates} duplicates${r.withNeighbour.other ? `, ${r.withNeighbour.other} other SMS` : ''} | every message exactly once: ${ok(r.withNeighbour.missing === 0 && r.withNeighbour.duplicates === 0 && r.withNeighbour.other === 0)} |`,
    `| peak through Glas, ${r.peak.n} queued at once, worker concurrency ${r.peak.concurrency} | ${r.peak.glasSteadyPerSecond.toFixed(0)} SMS/s steady (middle 80 %), ${r.peak.glasPerSecond.toFixed(0)} SMS/s overall | |`,
    `| peak of the same SmppChannel, sendDirect: 10 at once (the SMPP window) / ${r.peak.directInFlight} at once (as many as the batch sender hands it) | ${r.peak.directWindowedPerSecond.toFixed(0)} / ${r.peak.directQueuedPerSecond.toFixed(0)} SMS/s steady (middle 80 %): the faster, ${r.peak.directPerSecond.toFixed(0)}, is the reference | |`,
    `| Glas / direct, worker options as src/runtime.ts sets them (${r.peak.batched ? 'batch sender' : 'one job per message'}) | ${(r.peak.ratio * 100).toFixed(0)} % | ≥ 50 %: ${ok(r.peak.ratio >= 0.5)} |`,
    `| peak through Glas, ${r.peak.batched ? 'one graphile-worker job per message (GLAS_NOTIFY_BATCH=0, the path before issue 17)' : 'batch sender (GLAS_NOTIFY_BATCH=1)'}, same run | ${r.peak.otherSteadyPerSecond.toFixed(0)} SMS/s steady: ${(r.peak.otherRatio * 100).toFixed(0)} % of direct | |`,
    ...(r.peak.tunedConcurrency !== r.peak.concurrency
      ? [
          `| peak through Glas, worker concurrency ${r.peak.tunedConcurrency} | ${r.peak.tunedSteadyPerSecond.toFixed(0)} SMS/s steady: ${(r.peak.tunedRatio * 100).toFixed(0)} % of direct | |`,
        ]
      : []),
    '',
  ].join('\n');
}

/** For bench/run.ts: runs the benchmark and returns its BENCHMARKS.md section. */
export async function runNotificationBench(): Promise<string> {
  return renderNotificationSection(await measureNotifications());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const section = await runNotificationBench();
  console.log(section);
}
