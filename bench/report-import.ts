/**
 * Benchmark of the import of report history (issue 16, item 1): a 100,000-row CSV (every column,
 * two years, twelve categories, statuses from new to resolved, a third with their unit named) imported
 * into an empty municipality with `importReportFile` — what `npm run glas -- import-reports` runs —
 * then the same file again (which must add nothing). Also times how long the number series stay locked
 * (the short transaction that takes the import's numbers), which is all a registration would wait for.
 *
 * The database: a fresh embedded PostgreSQL in .bench-data/import/ (or an empty BENCH_IMPORT_DATABASE_URL).
 *
 *   import { runReportImportBench } from './report-import.ts';  const markdown = await runReportImportBench();
 *   or on its own: node bench/report-import.ts
 *
 * Knobs: BENCH_IMPORT_ROWS (default 100000), BENCH_IMPORT_DATABASE_URL.
 */
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from './harness.ts';
import { connect } from '../src/kernel/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/kernel/db/embedded-postgres.ts';
import { loadConfig } from '../src/config.ts';
import { makeCtx, prepareDatabase } from '../src/runtime.ts';
import type { Ctx } from '../src/kernel/context.ts';
import { SYSTEM_ACTOR } from '../src/kernel/types.ts';
import { createOrgUnit } from '../src/organisation/commands/create-org-unit.ts';
import { createCaseType } from '../src/organisation/commands/create-case-type.ts';
import { updateSistem48Settings } from '../src/sistem48/commands/update-settings.ts';
import { createCategory } from '../src/sistem48/commands/create-category.ts';
import { createRoutingRule } from '../src/sistem48/commands/create-routing-rule.ts';
import { importReportFile } from '../src/sistem48/commands/import-report-file.ts';
import { readReportFile } from '../src/sistem48/import-file.ts';
import { computeWeeklyOverview } from '../src/reports/queries/weekly-overview.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const NOW = new Date('2026-11-25T09:00:00Z');
const log = (m: string) => console.error(`[bench import ${new Date().toISOString().slice(11, 19)}] ${m}`);

const CATEGORIES = [
  'pothole',
  'street_light',
  'garbage',
  'dumping',
  'water_leak',
  'sewage',
  'traffic_sign',
  'green_area',
  'stray_dogs',
  'noise',
  'snow',
  'playground',
];
const WORDS = ['rupa', 'ne radi', 'svetlo', 'smeće', 'kontejner', 'voda', 'curi', 'kanalizacija', 'znak', 'park', 'psi', 'buka', 'sneg', 'ljuljaška', 'ulica'];
const STREETS = ['Njegoševa', 'Kralja Petra', 'Vuka Karadžića', 'Pijačna', 'Svetog Save', 'Cara Dušana'];
const STATUSES = ['', 'u radu', 'rešeno', 'rešeno', 'rešeno', 'odbijeno'];

/** A small deterministic generator (mulberry32), so every run imports the same file. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A wall time as the file writes it (the municipality's clock; the importer reads it so). */
const wall = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

export function historyCsv(rows: number): Uint8Array {
  const rnd = random(16);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const lines = ['received_at;category;text;address;lat;lon;channel;status;answered_at;closed_at;unit;external_id'];
  const start = Date.UTC(2024, 10, 1);
  const span = 700 * 86_400_000;
  for (let i = 0; i < rows; i++) {
    const received = new Date(start + Math.floor(rnd() * span));
    const status = pick(STATUSES);
    const answered = status ? new Date(received.getTime() + Math.floor(rnd() * 72) * 3_600_000 + 60_000) : null;
    const closed = status === 'rešeno' || status === 'odbijeno' ? new Date(answered!.getTime() + Math.floor(rnd() * 240) * 3_600_000) : null;
    const text = `"${Array.from({ length: 6 + Math.floor(rnd() * 12) }, () => pick(WORDS)).join(' ')}; ""hitno"""`;
    const located = rnd() < 0.6;
    lines.push(
      [
        wall(received),
        pick(CATEGORIES),
        text,
        `${pick(STREETS)} ${1 + Math.floor(rnd() * 120)}`,
        located ? (45.38 + rnd() * 0.06).toFixed(5) : '',
        located ? (19.84 + rnd() * 0.08).toFixed(5) : '',
        pick(['telefon', 'web', 'sms', 'e-mail', 'šalter']),
        status,
        answered ? wall(answered) : '',
        closed ? wall(closed) : '',
        rnd() < 0.33 ? pick(['KOM', 'PUT', 'ZEL']) : '',
        `OLD-${i + 1}`,
      ].join(';'),
    );
  }
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

async function seed(ctx: Ctx) {
  const sys = SYSTEM_ACTOR;
  const registry = await createOrgUnit(ctx, sys, { kind: 'registry_office', code: 'PIS', name: 'Pisarnica' });
  const units = [
    await createOrgUnit(ctx, sys, { kind: 'public_enterprise', code: 'KOM', name: 'JKP Komunalac' }),
    await createOrgUnit(ctx, sys, { kind: 'department', code: 'PUT', name: 'Odeljenje za puteve' }),
    await createOrgUnit(ctx, sys, { kind: 'public_enterprise', code: 'ZEL', name: 'JKP Zelenilo' }),
  ];
  const type = await createCaseType(ctx, sys, {
    code: 'PR',
    name: { 'sr-Latn': 'Prijava problema', en: 'Problem report' },
    numberPattern: 'S48-{seq:6}/{yy}',
    resolutionDays: 14,
    problemReport: true,
  });
  await updateSistem48Settings(ctx, sys, { dispatcherUnitId: registry.id });
  for (const [k, code] of CATEGORIES.entries()) {
    const c = await createCategory(ctx, sys, {
      code,
      caseTypeId: type.id,
      name: { 'sr-Latn': code, en: code },
      slaClock: k % 4 === 0 ? 'working' : 'calendar',
    });
    await createRoutingRule(ctx, sys, { categoryId: c.id, unitId: units[k % units.length]!.id });
  }
}

export async function runReportImportBench(): Promise<string> {
  let embedded: EmbeddedPostgres | null = null;
  let url = process.env.BENCH_IMPORT_DATABASE_URL ?? '';
  if (!url) {
    const dir = path.join(root, '.bench-data', 'import');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    embedded = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'glas_bench_import', log });
    url = embedded.url;
  }
  const handle = connect(url, 8);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await prepareDatabase(handle);
    const config = loadConfig({
      DATABASE_URL: url,
      GLAS_LOG_LEVEL: 'warn',
      GLAS_DEMO: '0',
      GLAS_WORKER: '0',
      GLAS_DATA_DIR: path.join(root, '.bench-data', 'import-files'),
    });
    const ctx: Ctx = { ...makeCtx(handle, config), now: () => NOW };
    if (Number((await client.query('select count(*) from cases')).rows[0].count) > 0) throw new Error('the benchmark needs an empty database');
    await seed(ctx);
    log(`writing a ${ROWS.toLocaleString('en')}-row CSV`);
    const file = historyCsv(ROWS);
    let t0 = performance.now();
    const read = await readReportFile(file);
    const readS = (performance.now() - t0) / 1000;
    if (!read.ok) throw new Error(`the generated file did not read: ${read.reason}`);

    // How long the import holds the number series: the numbers transaction, seen from the database's locks.
    let seriesLockedMs = 0;
    let polling = true;
    const poll = (async () => {
      const watcher = new pg.Client({ connectionString: url });
      await watcher.connect();
      let since: number | null = null;
      while (polling) {
        const held = Number(
          (
            await watcher.query(
              `select count(*) from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'number_series' and l.mode = 'RowExclusiveLock' and l.granted`,
            )
          ).rows[0].count,
        );
        const now = performance.now();
        if (held && since === null) since = now;
        if (!held && since !== null) {
          seriesLockedMs += now - since;
          since = null;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      await watcher.end();
    })();
    log('importing');
    t0 = performance.now();
    const first = await importReportFile(ctx, SYSTEM_ACTOR, file, { fileName: 'history.csv' });
    const firstS = (performance.now() - t0) / 1000;
    polling = false;
    await poll;
    if (!first.outcome.ok || first.outcome.toCreate !== ROWS) throw new Error(`the import did not take every row: ${first.lines.slice(0, 5).join('; ')}`);
    log(`imported ${ROWS} rows in ${firstS.toFixed(1)} s; again`);
    t0 = performance.now();
    const again = await importReportFile(ctx, SYSTEM_ACTOR, file, { fileName: 'history.csv' });
    const againS = (performance.now() - t0) / 1000;
    const cases = Number((await client.query('select count(*) from cases')).rows[0].count);
    const events = Number((await client.query('select count(*) from case_events')).rows[0].count);
    const messages = Number((await client.query('select count(*) from notification_messages')).rows[0].count);
    if (again.outcome.toCreate !== 0 || cases !== ROWS) throw new Error(`the second import added reports: ${cases} cases`);
    const overview = await computeWeeklyOverview(ctx, { year: 2025, week: 24 });
    const pgVersion = (await client.query('show server_version')).rows[0].server_version as string;
    const mb = (file.byteLength / 2 ** 20).toFixed(1);
    return [
      '## Import of report history (issue 16)',
      '',
      `Run ${new Date().toISOString()} with \`npm run bench -- report-import\` (bench/report-import.ts) on ${os.availableParallelism()} cores, Node ${process.version}, PostgreSQL ${pgVersion} (${embedded ? 'embedded, fresh' : 'BENCH_IMPORT_DATABASE_URL'}); load average at the end ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(', ')}.`,
      `The file: ${ROWS.toLocaleString('en')} rows (${mb} MiB, semicolons, BOM, quoted texts), every column, two years, 12 categories, a third with their unit named. What \`npm run glas -- import-reports\` runs (\`importReportFile\`).`,
      '',
      '| what | seconds | rows/s |',
      '|---|---:|---:|',
      `| read and parse the CSV (csv-parse) | ${readS.toFixed(1)} | ${Math.round(ROWS / readS).toLocaleString('en')} |`,
      `| import: read, check, route, number, write ${ROWS.toLocaleString('en')} reports with ${events.toLocaleString('en')} events, one transaction | ${firstS.toFixed(1)} | ${Math.round(ROWS / firstS).toLocaleString('en')} |`,
      `| the same file again (adds nothing) | ${againS.toFixed(1)} | ${Math.round(ROWS / againS).toLocaleString('en')} |`,
      '',
      `Number series locked (seen in pg_locks, polled every 5 ms) for about ${seriesLockedMs.toFixed(0)} ms in all during the import. Notification messages written: ${messages}. Week ${overview.week} of the imported history counts ${overview.received.total.toLocaleString('en')} reports received.`,
      '',
    ].join('\n');
  } finally {
    await client.end().catch(() => {});
    await handle.close().catch(() => {});
    await embedded?.stop();
  }
}

if (import.meta.main) {
  runReportImportBench().then(
    (md) => console.log(md),
    (e) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exitCode = 1;
    },
  );
}
