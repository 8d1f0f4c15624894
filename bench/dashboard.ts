/**
 * Benchmark of the leadership dashboard (issue 15): every view of /api/v1/reports/dashboard/overview
 * (the municipality and one unit; split by unit, category, channel and area; 30 days, a quarter and a
 * year) p99 under 300 ms, and the drill-down lists behind its figures under 100 ms, on the reports
 * benchmark's database (bench/reports.ts: 1,000,000 reports and 10,000,000 case events by default,
 * filled once and reused; BENCH_REPORTS sets another size).
 *
 *   npm run bench -- dashboard      or on its own: node bench/dashboard.ts
 *
 * Knobs: BENCH_REPORTS, BENCH_REPORT_EVENTS_PER_CASE, BENCH_REPORTS_DATABASE_URL (as bench/reports.ts),
 * BENCH_DASHBOARD_RUNS (default 100 runs per view).
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connect } from '../src/kernel/db/database.ts';
import { loadConfig } from '../src/config.ts';
import { makeCtx } from '../src/runtime.ts';
import type { Ctx } from '../src/kernel/context.ts';
import { SYSTEM_ACTOR } from '../src/kernel/types.ts';
import { dashboardOverview, drillDownCases } from '../src/reports/queries/leadership.ts';
import { refreshReportRollup } from '../src/reports/commands/refresh-rollup.ts';
import { NOW, openFilledReportsDatabase, time, type Timing } from './reports.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 100);
const VIEW_LIMIT = 300;
const DRILL_LIMIT = 100;
const DAY = 86_400_000;

export async function runDashboardBench(): Promise<string> {
  const { url, embedded, marker: m } = await openFilledReportsDatabase();
  const handle = connect(url, 8);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const config = loadConfig({
      DATABASE_URL: url,
      GLAS_LOG_LEVEL: 'warn',
      GLAS_DEMO: '0',
      GLAS_WORKER: '0',
      GLAS_DATA_DIR: path.join(root, '.bench-data', 'reports', 'files'),
    });
    const ctx: Ctx = { ...makeCtx(handle, config), now: () => NOW };
    // The roll-up (reports:rollup, every ten minutes in a running Glas) brought up to date first: after the
    // migration that adds it, every day of the fill is still to roll up.
    const pending = Number(
      (await client.query(`select count(*) as n from report_rollup_changes where bucket < $1::date`, [NOW.toISOString().slice(0, 10)])).rows[0].n,
    );
    const rollupStarted = performance.now();
    const rolled = { days: 0, months: 0 };
    for (;;) {
      const run = await refreshReportRollup(ctx, { budgetMs: 3_600_000 });
      rolled.days += run.days;
      rolled.months += run.months;
      if (run.complete) break;
    }
    const rollupSeconds = (performance.now() - rollupStarted) / 1000;
    console.error(`[bench dashboard] roll-up: ${rolled.days} days, ${rolled.months} months in ${rollupSeconds.toFixed(1)} s`);
    const unit = (
      await client.query(`select unit_id from report_facts where registered_at >= $1 group by 1 order by count(*) desc limit 1`, [
        new Date(NOW.getTime() - 30 * DAY),
      ])
    ).rows[0].unit_id as string;
    const category = (await client.query(`select id from problem_categories order by id limit 1`)).rows[0].id as number;
    const periods: [string, Date][] = [
      ['30 days', new Date(NOW.getTime() - 30 * DAY)],
      ['a quarter', new Date(NOW.getTime() - 91 * DAY)],
      ['a year', new Date(NOW.getTime() - 365 * DAY)],
    ];
    const views: Timing[] = [];
    for (const [label, from] of periods) {
      for (const by of ['unit', 'category', 'channel', 'area'] as const) {
        views.push(await time(`view: municipality, ${label}, by ${by}`, RUNS, VIEW_LIMIT, () => dashboardOverview(ctx, SYSTEM_ACTOR, { from, to: NOW, by })));
      }
      views.push(
        await time(`view: busiest unit, ${label}, by category`, RUNS, VIEW_LIMIT, () =>
          dashboardOverview(ctx, SYSTEM_ACTOR, { from, to: NOW, by: 'category', unitId: unit }),
        ),
      );
      views.push(
        await time(`view: one category, ${label}, by unit`, RUNS, VIEW_LIMIT, () =>
          dashboardOverview(ctx, SYSTEM_ACTOR, { from, to: NOW, by: 'unit', categoryId: category }),
        ),
      );
    }
    // The drill-down lists behind the 30-day and the year's municipality view, first page (100 reports).
    const year = await dashboardOverview(ctx, SYSTEM_ACTOR, { from: periods[2]![1], to: NOW, by: 'unit' });
    const month = await dashboardOverview(ctx, SYSTEM_ACTOR, { from: periods[0]![1], to: NOW, by: 'unit' });
    const drill = (link: string) => {
      const q = Object.fromEntries(new URL(link, 'http://x').searchParams);
      const num = (k: string) => (q[k] === undefined ? undefined : Number(q[k]));
      const date = (k: string) => (q[k] === undefined ? undefined : new Date(q[k]!));
      return () =>
        drillDownCases(ctx, SYSTEM_ACTOR, {
          metric: q.metric as Parameters<typeof drillDownCases>[2]['metric'],
          unitId: q.unitId,
          categoryId: num('categoryId'),
          channel: q.channel,
          from: date('from'),
          to: date('to'),
          cell: q.cell,
          cellM: num('cellM'),
          minAgeDays: num('minAgeDays'),
          maxAgeDays: num('maxAgeDays'),
          limit: 100,
        });
    };
    const drills: Timing[] = [];
    for (const [label, d] of [
      ['30 days', month],
      ['a year', year],
    ] as const) {
      drills.push(await time(`drill-down: received, ${label}`, RUNS, DRILL_LIMIT, drill(d.total.received.cases)));
      drills.push(await time(`drill-down: answer deadline missed, ${label}`, RUNS, DRILL_LIMIT, drill(d.total.answeredInPromise.missed.cases)));
      drills.push(await time(`drill-down: answered (first-answer times), ${label}`, RUNS, DRILL_LIMIT, drill(d.total.firstResponseHours.cases)));
      drills.push(
        await time(`drill-down: received in the busiest unit, ${label}`, RUNS, DRILL_LIMIT, drill(d.groups.find((g) => g.key === unit)!.received.cases)),
      );
    }
    drills.push(await time('drill-down: late now', RUNS, DRILL_LIMIT, drill(month.total.lateNow.cases)));
    drills.push(await time('drill-down: open 30–90 days', RUNS, DRILL_LIMIT, drill(month.backlog.bands[3]!.cases)));
    const pgVersion = (await client.query('show server_version')).rows[0].server_version as string;
    const rows = [...views, ...drills];
    return [
      '## Leadership dashboard (issue 15)',
      '',
      `Run ${new Date().toISOString()} with \`npm run bench -- dashboard\` (bench/dashboard.ts) on ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${pgVersion} (${embedded ? 'embedded, product settings' : 'BENCH_REPORTS_DATABASE_URL'}).`,
      `Data: the reports benchmark's fill, ${Number(m.reports).toLocaleString('en')} problem reports over 400 days, ${Number(m.events).toLocaleString('en')} case events.`,
      pending
        ? `Roll-up brought up to date before measuring (\`refreshReportRollup\`, what the reports:rollup task does): ${rolled.days} days and ${rolled.months} months from ${pending.toLocaleString('en')} change marks in ${rollupSeconds.toFixed(0)} s.`
        : `The roll-up was up to date (${rolled.days} days, ${rolled.months} months rolled up before measuring).`,
      `Load average when the measurements ended: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(', ')} (other work on the machine inflates the times). In-process times (queries + assembly), sequential, after one warm-up run.`,
      '',
      '| what | runs | p50 ms | p99 ms | max ms | limit ms (p99) | within |',
      '|---|---:|---:|---:|---:|---:|---|',
      ...rows.map(
        (t) => `| ${t.name} | ${t.runs} | ${t.p50.toFixed(1)} | ${t.p99.toFixed(1)} | ${t.max.toFixed(1)} | ${t.limit} | ${t.p99 < t.limit ? 'yes' : 'NO'} |`,
      ),
      '',
    ].join('\n');
  } finally {
    await client.end().catch(() => {});
    await handle.close().catch(() => {});
    await embedded?.stop();
  }
}

if (import.meta.main) {
  runDashboardBench().then(
    (md) => console.log(md),
    (e) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exitCode = 1;
    },
  );
}
