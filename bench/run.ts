/**
 * `npm run bench`: the core benchmarks of issue 2, in one run, against 1,000,000 cases.
 *
 *   1. Prepares (or reuses) a filled database: embedded PostgreSQL in .bench-data/, or BENCH_DATABASE_URL.
 *   2. Starts Glas as a child process (`node src/main.ts`) and a constant-returning Fastify process.
 *   3. Drives both from a separate load-generator process (bench/load.ts, autocannon) over loopback:
 *      registration (API vs the same inserts in raw SQL), lookup by number (API vs constant route),
 *      and a clerk's queue page.
 *   4. Prints a table and rewrites its own section of BENCHMARKS.md.
 *
 * Knobs (for investigation; the figures in BENCHMARKS.md come from the defaults):
 *   BENCH_DATABASE_URL  use this server instead of the embedded one (it must be empty or a database this script filled)
 *   BENCH_CASES         cases to fill (default 1000000)
 *   BENCH_SECONDS       measured seconds per load phase (default 30)
 *   BENCH_ONLY          comma-separated subset of: lookup, queue, register
 *   BENCH_CPU_PROF      1: run the Glas server under `node --cpu-prof` (profiles land in .bench-data/profiles)
 *   BENCH_GLAS_ROOT     run the Glas server from another checkout (to measure a change before making it)
 *   BENCH_COMPARE_ROOT  also run a second Glas server from another checkout, measured in the same rounds as the first ("B" lines)
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, interleaved, measurement, runJob, stopChild, waitForHttp } from './harness.ts';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connect } from '../src/kernel/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/kernel/db/embedded-postgres.ts';
import { loadConfig } from '../src/config.ts';
import { makeCtx, prepareDatabase } from '../src/runtime.ts';
import { createApiToken } from '../src/organisation/commands/manage-api-tokens.ts';
import { seriesKey, yearIn } from '../src/organisation/domain/case-number.ts';
import { SYSTEM_ACTOR } from '../src/kernel/types.ts';
import { FILL_VERSION, fillDatabase, hasGlasData, readMarker, resetToFilled, type FillMarker } from './fill.ts';
import { CASE_TYPES, QUEUE_UNIT, USERNAMES } from './org.ts';
import { RAW_REGISTER_SQL } from './raw-register.ts';
import { rawLookupStatements } from './raw-lookup.ts';
import { renderMarkdown, renderTable, writeSection, type Measurement, type RunInfo } from './report.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, '.bench-data');
const env = process.env;
const CASES = Number(env.BENCH_CASES ?? 1_000_000);
const SECONDS = Number(env.BENCH_SECONDS ?? 30);
const WARMUP = 3;
const ROUNDS = 3;
const CLIENTS = 32;
const ONLY = new Set((env.BENCH_ONLY ?? 'lookup,queue,register').split(',').map((s) => s.trim()));
const PROFILE = env.BENCH_CPU_PROF === '1';
const log = (m: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);

async function openBenchDatabase(): Promise<{ url: string; embedded: EmbeddedPostgres | null; pgPid: number | null }> {
  if (env.BENCH_DATABASE_URL) return { url: env.BENCH_DATABASE_URL, embedded: null, pgPid: null };
  mkdirSync(benchDir, { recursive: true });
  const embedded = await startEmbeddedPostgres({ dataDir: benchDir, port: await freePort(), database: 'glas_bench', log });
  const pidFile = path.join(benchDir, 'pg', 'postmaster.pid');
  const pgPid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : null;
  return { url: embedded.url, embedded, pgPid };
}

/** Drops and recreates the embedded benchmark database (only ever the one in .bench-data). */
async function recreateEmbeddedDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    await c.query(`drop database if exists "${name}" with (force)`);
    await c.query(`create database "${name}"`);
  } finally {
    await c.end();
  }
}

async function main() {
  const started = new Date();
  const { url, embedded, pgPid } = await openBenchDatabase();
  const children: ChildProcess[] = [];
  let handle: ReturnType<typeof connect> | null = null;
  try {
    // 1. The filled database: reuse it when its marker says it holds this fill.
    const open = async () => {
      const c = new pg.Client({ connectionString: url });
      c.on('error', (e) => log(`database connection: ${e.message}`));
      await c.connect();
      return c;
    };
    let client = await open();
    let marker: FillMarker | null = await readMarker(client);
    const reusable = marker && marker.version === FILL_VERSION && marker.cases === CASES;
    if (!reusable) {
      if (embedded) {
        if (marker || (await hasGlasData(client))) log('the benchmark database holds a different fill; rebuilding it');
        await client.end();
        await recreateEmbeddedDatabase(url);
        client = await open();
      } else if (await hasGlasData(client)) {
        throw new Error(
          'BENCH_DATABASE_URL points at a database with Glas data that this script did not fill (or filled differently); give it an empty database',
        );
      }
      marker = null;
    }
    const config = loadConfig({ DATABASE_URL: url, GLAS_DATA_DIR: path.join(benchDir, 'files'), GLAS_LOG_LEVEL: 'warn', GLAS_DEMO: '0', GLAS_WORKER: '0' });
    handle = connect(url, 4);
    try {
      await prepareDatabase(handle);
    } catch (e) {
      // A migration merged with an earlier name than one already applied cannot be applied to this database: rebuild it.
      if (!embedded || !marker || !/corrupted migrations/.test((e as Error).message)) throw e;
      log(`${(e as Error).message.split('\n')[0]}; rebuilding the benchmark database`);
      await handle.close();
      await client.end();
      await recreateEmbeddedDatabase(url);
      client = await open();
      marker = null;
      handle = connect(url, 4);
      await prepareDatabase(handle);
    }
    const ctx = makeCtx(handle, config);
    if (!marker) {
      log(`filling the benchmark database with ${CASES.toLocaleString('en')} cases (once; later runs reuse it)`);
      marker = await fillDatabase(ctx, client, CASES, log);
      log(`filled: ${marker.cases.toLocaleString('en')} cases, ${marker.events.toLocaleString('en')} events in ${marker.fillSeconds.toFixed(0)} s`);
    } else {
      log(`reusing the filled database (${marker.cases.toLocaleString('en')} cases, filled ${marker.filledAt.toISOString()})`);
    }
    const extraCases = await resetToFilled(client, marker, log);

    // 2. Who acts, and the data the load generator needs.
    const users = (await client.query('select id, username, display_name, role from users where username = any($1)', [Object.values(USERNAMES)])).rows as {
      id: string;
      username: string;
      display_name: string;
      role: string;
    }[];
    const user = (u: string) => {
      const r = users.find((x) => x.username === u);
      if (!r) throw new Error(`bench user ${u} missing`);
      return r;
    };
    const queueUnit = (await client.query('select id from org_units where code = $1', [QUEUE_UNIT])).rows[0].id as string;
    const registryUnit = (await client.query(`select id from org_units where code = 'PIS'`)).rows[0].id as string;
    const types = (await client.query('select id, code, number_pattern, resolution_days from case_types where code = any($1)', [CASE_TYPES.map((t) => t.code)]))
      .rows as { id: number; code: string; number_pattern: string; resolution_days: number | null }[];
    await client.query(`delete from api_tokens where name like 'bench %'`);
    const token = async (username: string, scopes: ('cases:read' | 'cases:write')[]) =>
      (await createApiToken(ctx, SYSTEM_ACTOR, { name: `bench ${username}`, userId: user(username).id, scopes })).token;
    const registryToken = await token(USERNAMES.registry, ['cases:read', 'cases:write']);
    const leaderToken = await token(USERNAMES.leadership, ['cases:read']);
    const officerToken = await token(USERNAMES.queueOfficer, ['cases:read']);
    const numbers = (
      await client.query('select number from cases tablesample bernoulli (3) repeatable (7) where registered_at <= $1 limit 20000', [marker.filledAt])
    ).rows.map((r) => r.number as string);
    const numbersFile = path.join(benchDir, 'lookup-numbers.txt');
    writeFileSync(numbersFile, numbers.join('\n'));
    const unitStats = (
      await client.query(`select count(*)::int as total, count(*) filter (where is_open)::int as open from cases where unit_id = $1`, [queueUnit])
    ).rows[0] as { total: number; open: number };
    const pgVersion = (await client.query('show server_version')).rows[0].server_version as string;

    // 3. The servers under test, each a process of its own.
    const glasPort = await freePort();
    const profDir = path.join(benchDir, 'profiles');
    if (PROFILE) mkdirSync(profDir, { recursive: true });
    const glasEnv = {
      ...env,
      DATABASE_URL: url,
      GLAS_DEMO: '0',
      GLAS_WORKER: '0',
      GLAS_LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(glasPort),
      GLAS_DATA_DIR: path.join(benchDir, 'files'),
      // Production start on DATABASE_URL needs the key that seals second-factor secrets.
      GLAS_SECRET_KEY: randomBytes(32).toString('base64'),
    };
    const glasRoot = env.BENCH_GLAS_ROOT ? path.resolve(env.BENCH_GLAS_ROOT) : root;
    const glas = spawn(process.execPath, [...(PROFILE ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []), path.join(glasRoot, 'src', 'main.ts')], {
      cwd: glasRoot,
      env: glasEnv,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(glas);
    const glasBPort = await freePort();
    const glasB = env.BENCH_COMPARE_ROOT
      ? spawn(process.execPath, [path.join(path.resolve(env.BENCH_COMPARE_ROOT), 'src', 'main.ts')], {
          cwd: path.resolve(env.BENCH_COMPARE_ROOT),
          env: { ...glasEnv, PORT: String(glasBPort) },
          stdio: ['ignore', 'inherit', 'inherit'],
        })
      : null;
    if (glasB) children.push(glasB);
    const glasBUrl = `http://127.0.0.1:${glasBPort}`;
    const constPort = await freePort();
    const constant = spawn(process.execPath, [path.join(root, 'bench', 'constant-server.ts'), String(constPort)], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(constant);
    const glasUrl = `http://127.0.0.1:${glasPort}`;
    await waitForHttp(`${glasUrl}/healthz`, glas, 120);
    if (glasB) await waitForHttp(`${glasBUrl}/healthz`, glasB, 120);
    await waitForHttp(`http://127.0.0.1:${constPort}/constant`, constant, 60);
    log(`Glas (pid ${glas.pid}) on ${glasUrl}; constant route (pid ${constant.pid}) on port ${constPort}`);

    const results: Measurement[] = [];
    const base = { connections: CLIENTS, warmupS: WARMUP, durationS: SECONDS, maxRequests: 5_000_000 };
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

    if (ONLY.has('lookup')) {
      log(
        `lookup: constant route, GET /api/v1/cases/by-number (leadership token) and the same statements in raw SQL; ${CLIENTS} clients, ${ROUNDS} rounds, ${SECONDS} s each in all`,
      );
      results.push(
        ...(await interleaved(
          [
            {
              name: 'lookup.constant',
              unit: 'request',
              clients: CLIENTS,
              serverPid: constant.pid!,
              usesDb: false,
              job: { kind: 'http', url: `http://127.0.0.1:${constPort}`, headers: {}, generator: { kind: 'fixed', method: 'GET', path: '/constant' }, ...base },
            },
            {
              name: 'lookup.api',
              unit: 'request',
              clients: CLIENTS,
              serverPid: glas.pid!,
              usesDb: true,
              job: { kind: 'http', url: glasUrl, headers: bearer(leaderToken), generator: { kind: 'lookup', numbersFile }, ...base },
            },
            ...(glasB
              ? [
                  {
                    name: 'lookup.api.B',
                    unit: 'request',
                    clients: CLIENTS,
                    serverPid: glasB.pid!,
                    usesDb: true,
                    job: { kind: 'http' as const, url: glasBUrl, headers: bearer(leaderToken), generator: { kind: 'lookup' as const, numbersFile }, ...base },
                  },
                ]
              : []),
            {
              name: 'lookup.raw',
              unit: 'request',
              clients: CLIENTS,
              serverPid: null,
              usesDb: true,
              job: { kind: 'sql-read', url, statements: rawLookupStatements(), numbersFile, ...base },
            },
          ],
          ROUNDS,
          pgPid,
        )),
      );
    }
    if (ONLY.has('queue')) {
      const qpath = `/api/v1/cases?unitId=${queueUnit}&open=true&sort=due_asc&limit=50`;
      for (const clients of [1, 8]) {
        log(`queue page: ${clients} client(s), ${SECONDS} s`);
        const w = await runJob(
          {
            kind: 'http',
            url: glasUrl,
            headers: bearer(officerToken),
            generator: { kind: 'fixed', method: 'GET', path: qpath },
            ...base,
            connections: clients,
          },
          glas.pid!,
          pgPid,
        );
        results.push(measurement(`queue.c${clients}`, 'request', clients, w));
      }
    }
    let consistency: string | null = null;
    if (ONLY.has('register')) {
      const weights = CASE_TYPES.map((t) => ({ id: types.find((x) => x.code === t.code)!.id, weight: t.share }));
      const year = yearIn(new Date(), config.timezone);
      const registry = user(USERNAMES.registry);
      const series = CASE_TYPES.map((t) => {
        const row = types.find((x) => x.code === t.code)!;
        const m = /\{seq(?::(\d+))?\}/.exec(row.number_pattern);
        return {
          key: seriesKey(row.number_pattern, { unit: 'PIS', type: t.code, year }),
          pad: m?.[1] ? Number(m[1]) : 1,
          typeId: row.id,
          days: row.resolution_days,
          weight: t.share,
          typeCode: t.code,
        };
      });
      // Each side starts after a checkpoint, so neither pays for the other's dirty pages.
      const checkpoint = async () => {
        await client.query('checkpoint').catch(() => {});
      };
      log(
        `registration: POST /api/v1/cases (registry clerk token) and the same inserts in raw SQL; ${CLIENTS} clients, ${ROUNDS} rounds, ${SECONDS} s each in all`,
      );
      results.push(
        ...(await interleaved(
          [
            {
              name: 'register.api',
              unit: 'case',
              clients: CLIENTS,
              serverPid: glas.pid!,
              usesDb: true,
              before: checkpoint,
              job: { kind: 'http', url: glasUrl, headers: bearer(registryToken), generator: { kind: 'register', caseTypeIds: weights }, ...base },
            },
            ...(glasB
              ? [
                  {
                    name: 'register.api.B',
                    unit: 'case',
                    clients: CLIENTS,
                    serverPid: glasB.pid!,
                    usesDb: true,
                    before: checkpoint,
                    job: {
                      kind: 'http' as const,
                      url: glasBUrl,
                      headers: bearer(registryToken),
                      generator: { kind: 'register' as const, caseTypeIds: weights },
                      ...base,
                    },
                  },
                ]
              : []),
            {
              name: 'register.raw',
              unit: 'case',
              clients: CLIENTS,
              serverPid: null,
              usesDb: true,
              before: checkpoint,
              job: {
                kind: 'sql',
                url,
                sql: RAW_REGISTER_SQL,
                series,
                registryUnitId: registryUnit,
                actorId: registry.id,
                actorName: registry.display_name,
                actorRole: registry.role,
                ...base,
              },
            },
          ],
          ROUNDS,
          pgPid,
        )),
      );
      // Every registration of this run took exactly one number: the series advanced by as many cases as were stored.
      const c = (
        await client.query(
          `
        select (select count(*) from cases where registered_at > $1)::int as stored,
               (select coalesce(sum(n.last_seq - coalesce(f.last_seq, 0)), 0) from number_series n left join bench.fill_series f using (series_key))::int as numbered`,
          [marker.filledAt],
        )
      ).rows[0];
      consistency = `${c.stored.toLocaleString('en')} cases registered in this run (warm-ups included), ${c.numbered.toLocaleString('en')} numbers taken: ${c.stored === c.numbered ? 'no gaps, none lost' : 'MISMATCH'}`;
      log(consistency);
    }

    for (const ch of children) await stopChild(ch);
    const info: RunInfo = {
      date: started.toISOString(),
      command: 'npm run bench',
      cores: os.availableParallelism(),
      memoryGiB: os.totalmem() / 2 ** 30,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      postgres: pgVersion,
      os: `${os.type()} ${os.release()}`,
      database: embedded ? 'embedded PostgreSQL (src/kernel/db/embedded-postgres.ts) in .bench-data/, product settings' : 'BENCH_DATABASE_URL',
      cases: marker.cases + extraCases,
      events: marker.events,
      queueUnit: { code: QUEUE_UNIT, ...unitStats },
      seconds: SECONDS,
      warmupS: WARMUP,
      rounds: ROUNDS,
      clients: CLIENTS,
      consistency,
      profiled: PROFILE,
    };
    console.log(renderTable(info, results));
    const complete =
      ['lookup', 'queue', 'register'].every((p) => ONLY.has(p)) &&
      marker.cases === 1_000_000 &&
      !PROFILE &&
      SECONDS >= 30 &&
      !env.BENCH_GLAS_ROOT &&
      !env.BENCH_COMPARE_ROOT;
    mkdirSync(path.join(benchDir, 'results'), { recursive: true });
    writeFileSync(path.join(benchDir, 'results', `${started.toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify({ info, results }, null, 2));
    if (complete) {
      writeSection(path.join(root, 'BENCHMARKS.md'), renderMarkdown(info, results));
      log('BENCHMARKS.md updated');
    } else {
      log('partial or non-default run: BENCHMARKS.md left as it is');
    }
    await client.end();
  } finally {
    for (const ch of children) await stopChild(ch).catch(() => {});
    await handle?.close().catch(() => {});
    await embedded?.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
