/**
 * Benchmarks of Sistem 48 (issue 4), with 1,000,000 problem reports in the database:
 *
 *   1. Open311 POST requests/s over HTTP against the raw insert rate of the same rows (bench/raw-open311.ts),
 *      measured in the same run, in alternating rounds.
 *   2. Open311 GET requests returning 1,000 requests: p50 and p99, in JSON and XML, with filters and with notes.
 *   3. The SLA timer: each report's two thresholds are graphile-worker jobs scheduled at registration, so a
 *      worker run does work only for the reports that cross a threshold. Measured by the database work
 *      (buffers touched, rows read from the report and job tables, sequential scans) of the product's job
 *      worker idle with no timers waiting, idle with the timers the POST phase left, and draining 100,
 *      1,000 and 10,000 due thresholds.
 *
 * The data: a copy (CREATE DATABASE ... TEMPLATE) of the reports benchmark's filled database
 * (bench/reports.ts: 1,000,000 reports, 10,000,000 events), so every run starts from the same state
 * and the reports benchmark's data stays as it was. The copy is dropped at the end.
 *
 *   import { runSistem48Bench } from './sistem48.ts';  const markdown = await runSistem48Bench();
 *   or on its own: node bench/sistem48.ts
 *
 * Knobs (for investigation; the figures in BENCHMARKS.md come from the defaults): BENCH_SECONDS (measured seconds per
 * POST side, default 30), BENCH_GET_SECONDS (per GET query, default 15), BENCH_SLA_CROSSINGS (default 0,100,1000,10000),
 * and the reports benchmark's BENCH_REPORTS and BENCH_REPORTS_DATABASE_URL. For comparing a change: BENCH_COMPARE_ROOT (also run
 * the Glas of another checkout, measured in the same POST rounds: the "open311.post.B" lines, printed to stderr) and
 * BENCH_POST_ONLY=1 (stop after the POST rounds).
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connect, type DatabaseHandle } from '../src/kernel/db/database.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { makeCtx, prepareDatabase, startJobWorker, type JobWorker } from '../src/runtime.ts';
import { taskList } from '../src/modules.ts';
import { seriesKey, yearIn } from '../src/organisation/domain/case-number.ts';
import { verifyChain } from '../src/cases/domain/event-chain.ts';
import { SLA_TASK } from '../src/sistem48/commands/file-report.ts';
import { prepareOpen311Bench } from '../src/sistem48/bench-hooks.ts';
import { openFilledReportsDatabase } from './reports.ts';
import { freePort, interleaved, measurement, runJob, stopChild, waitForHttp } from './harness.ts';
import type { Measurement } from './report.ts';
import { RAW_OPEN311_SQL } from './raw-open311.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 30);
const GET_SECONDS = Number(env.BENCH_GET_SECONDS ?? 15);
const WARMUP = 3;
const ROUNDS = 3;
const CLIENTS = 32;
const GET_CLIENTS = 4;
const CROSSINGS = (env.BENCH_SLA_CROSSINGS ?? '0,100,1000,10000').split(',').map(Number);
const IDLE_SECONDS = 10;
const COPY = 'glas_bench_sistem48';
const log = (m: string) => console.error(`[bench sistem48 ${new Date().toISOString().slice(11, 19)}] ${m}`);

const n0 = (v: number) => Math.round(v).toLocaleString('en');
const ms = (v: number) => v.toFixed(v < 10 ? 2 : 1);

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh copy of the filled reports database; the template must have no other sessions meanwhile. */
async function copyDatabase(url: string): Promise<string> {
  const source = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${COPY} with (force)`);
    const t0 = Date.now();
    // FILE_COPY copies the files after a checkpoint instead of writing the whole database through the WAL.
    await admin.query(`create database ${COPY} template "${source}" strategy file_copy`);
    log(`copied the filled database in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } finally {
    await admin.end();
  }
  return withDatabase(url, COPY);
}

async function dropCopy(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  await admin.query(`drop database if exists ${COPY} with (force)`).catch((e) => log(`could not drop ${COPY}: ${(e as Error).message}`));
  await admin.end();
}

interface GetCase {
  name: string;
  path: string;
  results: number;
  bytes: number;
  m: Measurement;
}

/** The database work counted by PostgreSQL's statistics: the whole database, and the report tables. */
interface Work {
  buffers: number;
  reportRowsRead: number;
  reportSeqScans: number;
  commits: number;
  jobRowsRead: number;
  jobSeqScans: number;
}

async function readWork(c: pg.Client): Promise<Work> {
  // This session's own counters (the add_job of the round) are flushed before reading, the others' when their sessions ended.
  await c.query('select pg_stat_force_next_flush()');
  await c.query('select pg_stat_clear_snapshot()');
  const d = (await c.query('select blks_hit + blks_read as buffers, xact_commit from pg_stat_database where datname = current_database()')).rows[0];
  const t = (
    await c.query(`
    select coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0)::bigint as rows, coalesce(sum(seq_scan), 0)::bigint as seq_scans
    from pg_stat_user_tables where schemaname = 'public' and relname in ('cases', 'problem_reports')`)
  ).rows[0];
  const j = (
    await c.query(`
    select coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0)::bigint as rows, coalesce(sum(seq_scan), 0)::bigint as seq_scans
    from pg_stat_user_tables where schemaname = 'graphile_worker' and relname = '_private_jobs'`)
  ).rows[0];
  return {
    buffers: Number(d.buffers),
    commits: Number(d.xact_commit),
    reportRowsRead: Number(t.rows),
    reportSeqScans: Number(t.seq_scans),
    jobRowsRead: Number(j.rows),
    jobSeqScans: Number(j.seq_scans),
  };
}

const minus = (a: Work, b: Work): Work => ({
  buffers: a.buffers - b.buffers,
  commits: a.commits - b.commits,
  reportRowsRead: a.reportRowsRead - b.reportRowsRead,
  reportSeqScans: a.reportSeqScans - b.reportSeqScans,
  jobRowsRead: a.jobRowsRead - b.jobRowsRead,
  jobSeqScans: a.jobSeqScans - b.jobSeqScans,
});

interface SlaRound {
  due: number;
  waiting: number;
  seconds: number;
  escalated: number;
  work: Work;
}

/**
 * One worker run: `due` thresholds are made due now, then the product's job worker (only the SLA task,
 * on the product's pool size) runs until it has completed all of them (or, with none due, for
 * IDLE_SECONDS), then stops and closes its pools, so that their sessions end and flush their
 * statistics before they are read.
 */
async function slaRound(url: string, config: Config, stats: pg.Client, due: { caseId: string; level: string }[]): Promise<SlaRound> {
  if (due.length) {
    await stats.query(
      `
      select graphile_worker.add_job(identifier => $1, payload => json_build_object('caseId', c, 'level', l), run_at => now(), job_key => 's48:' || c || ':' || l, max_attempts => 10)
      from unnest($2::uuid[], $3::text[]) as u(c, l)`,
      [SLA_TASK, due.map((d) => d.caseId), due.map((d) => d.level)],
    );
  }
  await new Promise((r) => setTimeout(r, 1500));
  const waiting = Number(
    (await stats.query('select count(*)::int as n from graphile_worker.jobs where task_identifier = $1 and run_at > now()', [SLA_TASK])).rows[0].n,
  );
  const before = await readWork(stats);
  const startedAt = new Date();
  const taskDb = connect(url);
  const t0 = performance.now();
  let done = 0;
  let worker: JobWorker | null = null;
  let limit: NodeJS.Timeout | undefined;
  const finished = new Promise<void>((resolve, reject) => {
    if (!due.length) setTimeout(resolve, IDLE_SECONDS * 1000);
    limit = setTimeout(() => reject(new Error(`the worker completed ${done} of ${due.length} due thresholds in 20 minutes`)), 1_200_000);
    startJobWorker(url, config, { [SLA_TASK]: taskList(makeCtx(taskDb, config))[SLA_TASK]! }).then((w) => {
      worker = w;
      w.runner.events.on('job:complete', ({ job }) => {
        if (job.task_identifier === SLA_TASK && ++done === due.length) resolve();
      });
    }, reject);
  });
  let seconds = 0;
  try {
    await finished;
    seconds = (performance.now() - t0) / 1000;
  } finally {
    clearTimeout(limit);
    await (worker as JobWorker | null)?.stop();
    await taskDb.close();
  }
  await new Promise((r) => setTimeout(r, 1500));
  const work = minus(await readWork(stats), before);
  const escalated = Number((await stats.query('select count(*)::int as n from sla_escalations where fired_at >= $1', [startedAt])).rows[0].n);
  log(
    `SLA: ${n0(waiting)} waiting, ${due.length} due → ${escalated} escalated in ${seconds.toFixed(1)} s; ${n0(work.buffers)} buffers, ${n0(work.reportRowsRead)} report rows read, ${work.reportSeqScans} sequential scans; jobs: ${n0(work.jobRowsRead)} rows read, ${work.jobSeqScans} sequential scans; ${work.commits} commits`,
  );
  return { due: due.length, waiting, seconds, escalated, work };
}

/** Runs the Sistem 48 benchmarks and returns their section of BENCHMARKS.md (markdown). */
export async function runSistem48Bench(): Promise<string> {
  const started = new Date();
  const base = await openFilledReportsDatabase();
  const children: ChildProcess[] = [];
  let handle: DatabaseHandle | null = null;
  let stats: pg.Client | null = null;
  let url = '';
  try {
    url = await copyDatabase(base.url);
    handle = connect(url, 4);
    await prepareDatabase(handle);
    const dataDir = path.join(root, '.bench-data', 'sistem48-files');
    const config = loadConfig({ DATABASE_URL: url, GLAS_LOG_LEVEL: 'warn', GLAS_DEMO: '0', GLAS_WORKER: '0', GLAS_DATA_DIR: dataDir });
    const ctx = makeCtx(handle, config);
    const setup = await prepareOpen311Bench(ctx);
    stats = new pg.Client({ connectionString: url });
    stats.on('error', (e) => log(`statistics connection: ${e.message}`));
    await stats.connect();
    const q = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await stats!.query(text, values)).rows as T[];
    const counts = async () =>
      (
        await q<{ reports: number; events: number; open: number }>(`
      select (select count(*) from problem_reports)::int as reports, (select count(*) from case_events)::bigint as events,
             (select count(*) from cases c join problem_reports p on p.case_id = c.id where c.is_open)::int as open`)
      )[0]!;
    const atStart = await counts();
    const pgVersion = (await q<{ server_version: string }>('show server_version'))[0]!.server_version;

    // What the raw reference writes, taken from the setup exactly as file-report.ts would use it.
    const [cat] = await q<{
      id: number;
      sla_hours: number;
      warn_percent: number;
      case_type_id: number;
      type_code: string;
      number_pattern: string;
      name: Record<string, string>;
    }>(
      `
      select pc.id, pc.sla_hours, pc.warn_percent, pc.case_type_id, ct.code as type_code, ct.number_pattern, pc.name
      from problem_categories pc join case_types ct on ct.id = pc.case_type_id where pc.code = $1`,
      [setup.serviceCode],
    );
    const [unit] = await q<{ id: string; code: string; name: string }>(`select id, code, name from org_units where code = 'BENCH'`);
    const [user] = await q<{ id: string; display_name: string; role: string }>(`
      select u.id, u.display_name, u.role from api_tokens t join users u on u.id = t.user_id where t.name = 'bench open311' order by t.created_at desc limit 1`);
    const pad = /\{seq(?::(\d+))?\}/.exec(cat!.number_pattern)?.[1];
    const fixed = {
      seriesKey: seriesKey(cat!.number_pattern, { unit: unit!.code, type: cat!.type_code, year: yearIn(new Date(), config.timezone) }),
      pad: pad ? Number(pad) : 1,
      caseTypeId: cat!.case_type_id,
      caseTypeCode: cat!.type_code,
      subject: cat!.name['sr-Latn'] ?? cat!.name.en!,
      dispatcherUnitId: unit!.id,
      actorId: user!.id,
      actorName: user!.display_name,
      actorRole: user!.role,
      unitId: unit!.id,
      unitName: unit!.name,
      categoryId: cat!.id,
      lat: setup.lat,
      lon: setup.lon,
      slaHours: cat!.sla_hours,
      warnPercent: cat!.warn_percent,
      externalClient: 'raw reference',
    };

    // The SLA timer with no timers waiting (the fill schedules none), before anything else runs.
    const slaEmpty = await slaRound(url, config, stats, []);

    // Glas in its own process, as in production (the worker off: its timers lie 36 and 48 hours ahead).
    const port = await freePort();
    const glas = spawn(process.execPath, [path.join(root, 'src', 'main.ts')], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...env,
        DATABASE_URL: url,
        GLAS_DEMO: '0',
        GLAS_WORKER: '0',
        GLAS_LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        // Production start on DATABASE_URL needs the key that seals second-factor secrets.
        GLAS_SECRET_KEY: randomBytes(32).toString('base64'),
        GLAS_DATA_DIR: dataDir,
      },
    });
    children.push(glas);
    const glasUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${glasUrl}/healthz`, glas, 120);
    const compareRoot = env.BENCH_COMPARE_ROOT ? path.resolve(env.BENCH_COMPARE_ROOT) : null;
    const portB = await freePort();
    const glasB = compareRoot
      ? spawn(process.execPath, [path.join(compareRoot, 'src', 'main.ts')], {
          cwd: compareRoot,
          stdio: ['ignore', 'inherit', 'inherit'],
          env: {
            ...env,
            DATABASE_URL: url,
            GLAS_DEMO: '0',
            GLAS_WORKER: '0',
            GLAS_LOG_LEVEL: 'warn',
            HOST: '127.0.0.1',
            PORT: String(portB),
            GLAS_SECRET_KEY: randomBytes(32).toString('base64'),
            GLAS_DATA_DIR: dataDir,
          },
        })
      : null;
    if (glasB) {
      children.push(glasB);
      await waitForHttp(`http://127.0.0.1:${portB}/healthz`, glasB, 120);
    }

    // 1. POST: the API and the raw reference in alternating rounds, each after a checkpoint.
    const checkpoint = async () => {
      await stats!.query('checkpoint').catch(() => {});
    };
    const postBase = { connections: CLIENTS, warmupS: WARMUP, durationS: SECONDS, maxRequests: 5_000_000 };
    log(`POST: /open311/v2/requests.json and the same rows in raw SQL; ${CLIENTS} clients, ${ROUNDS} rounds, ${SECONDS} s each in all`);
    const [postApi, postRaw, postB] = await interleaved(
      [
        {
          name: 'open311.post',
          unit: 'report',
          clients: CLIENTS,
          serverPid: glas.pid!,
          usesDb: true,
          before: checkpoint,
          job: { kind: 'http', url: glasUrl, headers: {}, generator: { kind: 'open311-post', ...setup }, ...postBase },
        },
        {
          name: 'open311.raw',
          unit: 'report',
          clients: CLIENTS,
          serverPid: null,
          usesDb: true,
          before: checkpoint,
          job: { kind: 'sql-open311', url, sql: RAW_OPEN311_SQL, fixed, ...postBase },
        },
        ...(glasB
          ? [
              {
                name: 'open311.post.B',
                unit: 'report',
                clients: CLIENTS,
                serverPid: glasB.pid!,
                usesDb: true,
                before: checkpoint,
                job: {
                  kind: 'http' as const,
                  url: `http://127.0.0.1:${portB}`,
                  headers: {},
                  generator: { kind: 'open311-post' as const, ...setup },
                  ...postBase,
                },
              },
            ]
          : []),
      ],
      ROUNDS,
      base.pgPid,
    );
    // Both sides wrote whole reports: every report has its case, its two events and its two timers.
    // The fill sets no external client and schedules no jobs: what has them was written by this run.
    const [written] = await q<{ reports: number; events: number; timers: number }>(
      `
      select count(*)::int as reports,
        (select count(*) from case_events e join problem_reports p2 on p2.case_id = e.case_id where p2.external_client is not null)::int as events,
        (select count(*) from graphile_worker.jobs j where j.task_identifier = $1)::int as timers
      from problem_reports p where p.external_client is not null`,
      [SLA_TASK],
    );
    const [rawChain] = await q<{ case_id: string }>(`select case_id from problem_reports where external_client = 'raw reference' limit 1`);
    const chain = rawChain
      ? verifyChain(
          (
            await q<Record<string, unknown>>(
              `select case_id, seq, type, actor_id, actor_name, occurred_at, visibility, data, note, prev_hash, hash from case_events where case_id = $1 order by seq`,
              [rawChain.case_id],
            )
          ).map((e) => ({
            caseId: e.case_id as string,
            seq: e.seq as number,
            type: e.type as string,
            actorId: e.actor_id as string | null,
            actorName: e.actor_name as string,
            occurredAt: e.occurred_at as Date,
            visibility: e.visibility as string,
            data: e.data,
            note: e.note as string | null,
            prevHash: e.prev_hash as string,
            hash: e.hash as string,
          })),
        )
      : null;
    const consistency =
      `${n0(written!.reports)} reports written in this run (warm-ups included) with ${n0(written!.events)} events and ${n0(written!.timers)} SLA timers` +
      ` (${written!.events === 2 * written!.reports && written!.timers === 2 * written!.reports ? 'two of each per report, as expected' : 'MISMATCH'});` +
      ` a raw reference report's event chain ${chain?.ok ? "verifies with the app's check" : `does NOT verify (${chain && !chain.ok ? chain.reason : 'none written'})`}`;
    log(consistency);
    for (const m of [postApi!, postRaw!, ...(postB ? [postB] : [])]) {
      log(
        `${m.name}: ${n0(m.perSecond)} reports/s, p50 ${ms(m.latency.p50)} ms, p99 ${ms(m.latency.p99)} ms, ${m.failed} failed, ratio to raw ${(m.perSecond / postRaw!.perSecond).toFixed(2)}, CPU ms per report: server ${m.serverCpuMsPerOp?.toFixed(2) ?? 'n/a'}, PostgreSQL ${m.pgCpuMsPerOp?.toFixed(2) ?? 'n/a'}`,
      );
    }
    if (env.BENCH_POST_ONLY === '1') return '';

    // 2. GET: lists of 1,000 requests. Dates are the fill's (its newest reports are from 2026-11-25).
    const gets: { name: string; path: string }[] = [
      { name: 'JSON, newest 1,000 (default 90-day window)', path: '/open311/v2/requests.json?page_size=1000' },
      { name: 'XML, newest 1,000', path: '/open311/v2/requests.xml?page_size=1000' },
      {
        name: 'JSON, one service, closed, a quarter of 2026, page 2',
        path: '/open311/v2/requests.json?service_code=cat3&status=closed&start_date=2026-04-01T00:00:00Z&end_date=2026-07-01T00:00:00Z&page_size=1000&page=2',
      },
      { name: 'JSON with extensions=true (status history as notes)', path: '/open311/v2/requests.json?page_size=1000&extensions=true' },
    ];
    const getResults: GetCase[] = [];
    for (const g of gets) {
      const res = await fetch(glasUrl + g.path);
      const body = await res.text();
      if (!res.ok) throw new Error(`GET ${g.path}: ${res.status} ${body.slice(0, 300)}`);
      const results = g.path.includes('.xml') ? (body.match(/<request>/g) ?? []).length : (JSON.parse(body) as unknown[]).length;
      log(`GET ${g.name}: ${results} results, ${n0(body.length)} bytes; ${GET_CLIENTS} clients, ${GET_SECONDS} s`);
      const w = await runJob(
        {
          kind: 'http',
          url: glasUrl,
          headers: {},
          generator: { kind: 'fixed', method: 'GET', path: g.path },
          connections: GET_CLIENTS,
          warmupS: WARMUP,
          durationS: GET_SECONDS,
          maxRequests: 1_000_000,
        },
        glas.pid!,
        base.pgPid,
      );
      getResults.push({ name: g.name, path: g.path, results, bytes: body.length, m: measurement(`open311.get`, 'request', GET_CLIENTS, w) });
    }
    for (const ch of children) await stopChild(ch);

    // 3. The SLA timer, with the timers of the reports just posted waiting in the queue.
    await q('vacuum analyze');
    // Thresholds that really are crossed: open, unanswered reports past their deadline, never escalated; one (report, level) per timer.
    const crossable = CROSSINGS.reduce((a, b) => a + b, 0);
    const candidates = await q<{ caseId: string; level: string }>(
      `
      select p.case_id as "caseId", l as level from problem_reports p join cases c on c.id = p.case_id cross join (values ('breach'), ('warning')) v(l)
      where p.responded_at is null and p.merged_into is null and c.is_open and p.first_response_due_at < now() - interval '1 hour'
      order by l, p.report_no limit $1`,
      [crossable],
    );
    if (candidates.length < crossable) throw new Error(`only ${candidates.length} crossable thresholds in the data`);
    await handle.close();
    handle = null;
    const sla: SlaRound[] = [slaEmpty];
    let next = 0;
    for (const n of CROSSINGS) {
      sla.push(await slaRound(url, config, stats, candidates.slice(next, next + n)));
      next += n;
    }
    const atEnd = await counts();

    const post = (m: Measurement) =>
      `| ${m.name === 'open311.post' ? 'Open311 POST /open311/v2/requests.json (form, api_key, e-mail contact)' : 'Raw reference: the same rows in one SQL statement'} | ${n0(m.perSecond)} | ${ms(m.latency.p50)} | ${ms(m.latency.p99)} | ${n0(m.ok)} | ${m.failed} |`;
    const ratio = postApi!.perSecond / postRaw!.perSecond;
    const idle = sla.find((r) => !r.due && r.waiting > 0) ?? sla[0]!;
    const [second, biggest] = [...sla].sort((a, b) => a.due - b.due).slice(-2) as [SlaRound, SlaRound];
    // The marginal cost of a crossing, between the two largest rounds: the worker's start and stop cancel out.
    const perCrossing = biggest.due > second.due ? (biggest.work.buffers - second.work.buffers) / (biggest.due - second.due) : NaN;
    return [
      '## Sistem 48 (issue 4)',
      '',
      `Run ${started.toISOString()} with \`npm run bench -- sistem48\` (bench/sistem48.ts) on ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${pgVersion} (${base.embedded ? 'embedded, product settings' : 'BENCH_REPORTS_DATABASE_URL'}).`,
      `Data: a copy of the reports benchmark's database: ${n0(atStart.reports)} problem reports (${n0(atStart.open)} open) and ${n0(atStart.events)} case events at the start; ${n0(atEnd.reports)} reports at the end.`,
      'Glas runs as its own process (`node src/main.ts`); load comes from a separate process (bench/load.ts, autocannon over loopback, or pg clients for the raw side).',
      `Load average when the measurements ended: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(', ')}.`,
      '',
      `### Open311 POST requests against the raw insert rate`,
      '',
      `${CLIENTS} clients, ${ROUNDS} alternating rounds, ${SECONDS} s measured per side in all (each round after a ${WARMUP} s warm-up and a checkpoint). The raw reference (bench/raw-open311.ts) writes the same rows in one statement: number, reporter, case, link, two chained events, report, two SLA timer jobs. No notification rules are configured, so neither side writes messages.`,
      '',
      '| what | reports/s | p50 ms | p99 ms | measured | failed |',
      '|---|---:|---:|---:|---:|---:|',
      post(postApi!),
      post(postRaw!),
      '',
      `The API files reports at **${(ratio * 100).toFixed(0)} %** of the raw insert rate (${ratio.toFixed(2)}). Server CPU per report: ${postApi!.serverCpuMsPerOp?.toFixed(2) ?? 'n/a'} ms; PostgreSQL CPU per report: API ${postApi!.pgCpuMsPerOp?.toFixed(2) ?? 'n/a'} ms, raw ${postRaw!.pgCpuMsPerOp?.toFixed(2) ?? 'n/a'} ms.`,
      `Check: ${consistency}. Status codes (API): ${JSON.stringify(postApi!.statusCounts)}.`,
      '',
      '### Open311 GET requests, 1,000 results',
      '',
      `${GET_CLIENTS} clients at once, ${GET_SECONDS} s each after a ${WARMUP} s warm-up; latency of complete responses.`,
      '',
      '| query | results | bytes | requests/s | p50 ms | p99 ms | max ms |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...getResults.map(
        (g) =>
          `| ${g.name}: \`${g.path.replace('/open311/v2/', '')}\` | ${n0(g.results)} | ${n0(g.bytes)} | ${g.m.perSecond.toFixed(1)} | ${ms(g.m.latency.p50)} | ${ms(g.m.latency.p99)} | ${ms(g.m.latency.max)} |`,
      ),
      '',
      '### The SLA timer',
      '',
      `Each report's 75 % warning and its breach are two graphile-worker jobs scheduled at registration for exactly those instants (src/sistem48/commands/file-report.ts); the job re-checks that one report (src/sistem48/commands/check-sla-threshold.ts). Nothing runs every minute over the open reports.`,
      `Measured: the product's job worker (startJobWorker, concurrency ${config.workerConcurrency}, poll every second, only the SLA task) run until it has completed the thresholds made due, or for ${IDLE_SECONDS} s with none due. Work is PostgreSQL's own count over the whole run, the worker's start and stop included: buffers touched and commits in the database, rows read from cases and problem_reports, rows read from graphile-worker's job table, sequential scans.`,
      '',
      '| timers waiting | thresholds crossed | escalations recorded | seconds | buffers touched | buffers/s | report rows read | sequential scans of report tables | job rows read | commits |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...sla.map(
        (r) =>
          `| ${n0(r.waiting)} | ${n0(r.due)} | ${n0(r.escalated)} | ${r.seconds.toFixed(1)} | ${n0(r.work.buffers)} | ${n0(r.work.buffers / r.seconds)} | ${n0(r.work.reportRowsRead)} | ${n0(r.work.reportSeqScans)} | ${n0(r.work.jobRowsRead)} | ${n0(r.work.commits)} |`,
      ),
      '',
      `Report rows read are ${biggest.due ? (biggest.work.reportRowsRead / biggest.due).toFixed(1) : 'n/a'} per crossing and ${n0(idle.work.reportRowsRead)} while idle, whatever the ${n0(atEnd.open)} open reports;` +
        ` ${sla.every((r) => r.work.reportSeqScans === 0) ? 'no run scanned a report table' : 'some runs scanned a report table (see the table)'}.` +
        ` A crossing costs about ${Number.isNaN(perCrossing) ? 'n/a' : n0(perCrossing)} buffers (the difference between the ${n0(second.due)} and ${n0(biggest.due)} rounds, per crossing): the job, the two locked rows, the escalation, the event and its chain.` +
        ` The idle worker's own cost is graphile-worker's poll for due jobs: each of its ${config.workerConcurrency} slots asks every second, and the query walks the index of waiting jobs (it is ordered by priority, then run time),` +
        ` so an idle second costs ${n0(sla[0]!.work.buffers / IDLE_SECONDS)} buffers with no timers waiting and ${n0(idle.work.buffers / IDLE_SECONDS)} with ${n0(idle.waiting)} waiting.` +
        ' Waiting timers are two per report filed in the last 48 hours and not yet answered (answering or merging a report removes its two timers), so that cost follows the intake rate, not the number of open reports.',
      '',
    ].join('\n');
  } finally {
    for (const ch of children) await stopChild(ch).catch(() => {});
    await stats?.end().catch(() => {});
    await handle?.close().catch(() => {});
    if (url) await dropCopy(base.url);
    await base.embedded?.stop();
  }
}

if (import.meta.main) {
  runSistem48Bench().then(
    (md) => console.log(md),
    (e) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exitCode = 1;
    },
  );
}
