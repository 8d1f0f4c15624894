/**
 * `npm run test:calendar`: runs the date-sensitive test files with the machine's clock started, by
 * Debian's faketime, at the instants where date assumptions break: the 1st of a month, New Year's Eve
 * a minute before midnight in Belgrade (the case-number year changes during the run), both
 * daylight-saving nights in Europe/Belgrade, and 29 February. Fails naming each instant that failed.
 *
 * Each instant runs `npm test`'s runner on its own embedded PostgreSQL, never on TEST_DATABASE_URL:
 * the embedded server is a child of the faked process, so it inherits faketime's LD_PRELOAD and its
 * now() agrees with Node's clock; a system PostgreSQL would keep today's date while Node lives in 2027.
 *
 * Usage: npm run test:calendar [-- test files or globs]   (none: the date-sensitive list below)
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The instants in UTC, with what they are in the municipality (Europe/Belgrade). */
const INSTANTS = [
  { utc: '2027-03-01T00:30:00Z', name: '1st of a month, 01:30 Belgrade' },
  // 40 s into the minute so that the local year turns while the tests run, not after a short run ends.
  { utc: '2026-12-31T22:59:40Z', name: "New Year's Eve, 23:59:40 Belgrade (the year turns during the run)" },
  { utc: '2027-03-28T00:30:00Z', name: 'spring daylight-saving night, 01:30 Belgrade' },
  { utc: '2027-10-31T00:30:00Z', name: 'autumn daylight-saving night, 02:30 Belgrade (summer time)' },
  { utc: '2028-02-29T12:00:00Z', name: '29 February, 13:00 Belgrade' },
  // The machine's UTC date is still yesterday for the municipality's first hour (two in summer): a test that
  // takes "today" from the machine instead of the municipality's calendar breaks here (one did, found by CI).
  { utc: '2027-01-14T23:30:00Z', name: '00:30 Belgrade, still the day before in UTC' },
] as const;

/**
 * The files whose outcome can depend on the date: every unit test next to the code (pure and quick,
 * the calendar rules among them) and the integration tests that number cases by year, write dates
 * into messages, count SLA and quiet hours, publish weeks, sweep by age or filter by time. Every
 * non-browser file passed at all five instants when this list was made (../shared/tools/any-date, about
 * 4 minutes per instant); this subset keeps the CI step near 30 s per instant.
 */
const DATE_SENSITIVE = [
  'src/**/*.test.ts',
  'test/numbering.test.ts',
  'test/public-tracking.test.ts',
  'test/sweep-expired.test.ts',
  'test/notifications/registration-sms.test.ts',
  'test/notifications/status-changes.test.ts',
  'test/notifications/registry-integration.test.ts',
  'test/citizens/sms-in.test.ts',
  'test/citizens/viber.test.ts',
  'test/sistem48/notifications.test.ts',
  'test/sistem48/work.test.ts',
  'test/sistem48/fix-question.test.ts',
  'test/sistem48/open311.test.ts',
  'test/reports/weekly.test.ts',
  'test/reports/unit-report.test.ts',
  'test/sistem48/alerts.test.ts',
];

/** Per instant (about 30 s on a quiet 2-core machine, under 2 minutes on a loaded one); six stay under 17 minutes even at the limit. */
const INSTANT_TIMEOUT_MS = Number(process.env.GLAS_CALENDAR_TIMEOUT_MS ?? 170_000);

function ensureFaketime(): void {
  if (spawnSync('faketime', ['--version'], { stdio: 'ignore' }).error === undefined) return;
  if (process.getuid?.() !== 0) {
    console.error('faketime is missing: install it with `sudo apt-get install -y faketime` for the calendar tests.');
    process.exit(2);
  }
  console.error('installing faketime from Debian for the calendar tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'faketime']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed`);
      process.exit(2);
    }
  }
}

interface Outcome {
  ok: boolean;
  timedOut: boolean;
  seconds: number;
  log: string;
}

/** One run of the test runner under a clock that starts at `utc` and then advances normally. */
function runAt(utc: string, files: string[], logDir: string, index: number): Promise<Outcome> {
  const log = path.join(logDir, `instant-${index + 1}.log`);
  const out = createWriteStream(log);
  // "@<epoch seconds>" means the same instant whatever the machine's time zone (faketime reads a date in local time).
  const at = `@${Math.floor(Date.parse(utc) / 1000)}`;
  const env: NodeJS.ProcessEnv = { ...process.env, GLAS_SKIP_WEB_BUILD: '1', GLAS_SKIP_BROWSER_INSTALL: '1' };
  delete env.TEST_DATABASE_URL;
  const started = performance.now();
  return new Promise((resolve) => {
    // Its own process group, so a run over its time is stopped whole: runner, test files and PostgreSQL.
    const child = spawn('faketime', [at, process.execPath, 'scripts/test.ts', ...files], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, INSTANT_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      out.end(() => resolve({ ok: code === 0 && !timedOut, timedOut, seconds: (performance.now() - started) / 1000, log }));
    });
  });
}

/** The failing tests' names as node:test prints them in its closing summary. */
function failures(log: string): string[] {
  const text = readFileSync(log, 'utf8');
  const summary = text.lastIndexOf('✖ failing tests:');
  const from = summary >= 0 ? text.slice(summary) : text;
  return [
    ...new Set(
      from
        .split('\n')
        .filter((l) => /^✖ /.test(l) && !l.startsWith('✖ failing tests'))
        .map((l) => l.replace(/ \(\d[\d.]*m?s\)$/, '')),
    ),
  ];
}

async function main(): Promise<number> {
  ensureFaketime();
  const files = process.argv.slice(2).length ? process.argv.slice(2) : DATE_SENSITIVE;
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'glas-calendar-'));
  console.log(`calendar run: ${files.length} file patterns at ${INSTANTS.length} instants (logs in ${logDir})`);
  const failed: string[] = [];
  for (const [i, instant] of INSTANTS.entries()) {
    const r = await runAt(instant.utc, files, logDir, i);
    const label = `${instant.name} (UTC ${instant.utc})`;
    if (r.ok) {
      console.log(`ok   ${label} in ${r.seconds.toFixed(0)} s`);
      continue;
    }
    failed.push(label);
    console.log(`FAIL ${label}${r.timedOut ? `: stopped after ${INSTANT_TIMEOUT_MS / 1000} s` : ''}; log: ${r.log}`);
    for (const f of failures(r.log).slice(0, 20)) console.log(`     ${f}`);
  }
  if (failed.length) {
    console.log(`\n${failed.length} of ${INSTANTS.length} instants failed: ${failed.join('; ')}`);
    return 1;
  }
  console.log(`all ${INSTANTS.length} instants passed`);
  return 0;
}

process.exitCode = await main();
