/**
 * Benchmarks of the reports (issue 7): the weekly overview and a unit report for a year, with
 * 1,000,000 problem reports and 10,000,000 case events in the database (each under one second),
 * and the leadership dashboard's queries (p99 under 200 ms).
 *
 * The data lives in a dedicated database (embedded PostgreSQL in .bench-data/reports/, or
 * BENCH_REPORTS_DATABASE_URL), bulk-filled in SQL with generate_series and reused between runs:
 * a marker row records a finished fill of this shape.
 *
 *   import { runReportsBench } from './reports.ts';  const markdown = await runReportsBench();
 *   or on its own: node bench/reports.ts
 *
 * Knobs: BENCH_REPORTS (default 1000000), BENCH_REPORT_EVENTS_PER_CASE (default 10), BENCH_REPORTS_DATABASE_URL.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { freePort } from './harness.ts';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connect } from '../src/kernel/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/kernel/db/embedded-postgres.ts';
import { loadConfig } from '../src/config.ts';
import { makeCtx, prepareDatabase } from '../src/runtime.ts';
import type { Ctx } from '../src/kernel/context.ts';
import { SYSTEM_ACTOR } from '../src/kernel/types.ts';
import { addWeeks, formatIsoWeek, previousWeek, weekPeriod } from '../src/reports/domain/calendar.ts';
import { computeWeeklyOverview } from '../src/reports/queries/weekly-overview.ts';
import { insertOverview } from '../src/reports/repositories/overview-repository.ts';
import { unitReport } from '../src/reports/queries/unit-report.ts';
import { unitReportDocument } from '../src/reports/render/unit-sections.ts';
import { renderPdf } from '../src/reports/render/pdf.ts';
import { renderXlsx } from '../src/reports/render/xlsx.ts';
import {
  dashboardBreaches,
  dashboardHotspots,
  dashboardRecurring,
  dashboardStatus,
  dashboardTrends,
  drillDownCases,
} from '../src/reports/queries/leadership.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORTS = Number(process.env.BENCH_REPORTS ?? 1_000_000);
const EVENTS_PER_CASE = Number(process.env.BENCH_REPORT_EVENTS_PER_CASE ?? 10);
/** Bump when the generated data changes shape, so an old database is rebuilt. */
const FILL_VERSION = 2;
/** The bench's "now": data covers the 400 days before it. */
export const NOW = new Date('2026-11-25T09:00:00Z');
const UNITS = 20;
const CATEGORIES = 12;
const log = (m: string) => console.error(`[bench reports ${new Date().toISOString().slice(11, 19)}] ${m}`);

async function marker(c: pg.Client): Promise<{ version: number; reports: number; events: number; fill_seconds: number } | null> {
  const t = await c.query(`select to_regclass('bench_reports.fill_marker') as t`);
  if (!t.rows[0].t) return null;
  return (await c.query('select version, reports, events, fill_seconds from bench_reports.fill_marker')).rows[0] ?? null;
}

async function fill(c: pg.Client): Promise<{ reports: number; events: number; seconds: number }> {
  const started = Date.now();
  const q = async (label: string, text: string, params: unknown[] = []) => {
    const t0 = Date.now();
    const r = await c.query(text, params);
    log(
      `${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s${r.rowCount !== null && r.rowCount !== undefined ? ` (${r.rowCount.toLocaleString('en')} rows)` : ''}`,
    );
    return r;
  };
  await c.query(`set synchronous_commit = off; set maintenance_work_mem = '512MB'; set work_mem = '256MB'`);
  await q(
    'organisation',
    `
    insert into org_units (kind, code, name, path) values ('registry_office', 'PIS', 'Pisarnica', '/');
    update org_units set path = '/' || id || '/' where code = 'PIS';
    insert into org_units (kind, code, name, parent_id, path)
      select case when i % 4 = 0 then 'public_enterprise' else 'department' end, 'U' || i, 'Služba ' || i, null, '/' from generate_series(1, ${UNITS}) i;
    update org_units set path = '/' || id || '/' where code <> 'PIS';
    insert into case_types (code, name, number_pattern, resolution_days, problem_report) values ('PR', '{"sr-Latn":"Prijava problema"}', 'S48-{seq:7}/{yy}', 7, true);
    insert into problem_categories (code, case_type_id, name, sla_hours)
      select 'cat' || i, (select id from case_types where code = 'PR'), jsonb_build_object('sr-Latn', 'Kategorija ' || i, 'en', 'Category ' || i), 48
      from generate_series(1, ${CATEGORIES}) i;`,
  );
  // One row per report with every instant decided up front; the tables are filled from it.
  await q(
    'plan',
    `
    create unlogged table bench_reports.plan as
    select i, gen_random_uuid() as id,
      reg, reg + interval '48 hours' as due,
      case when rnd_answer < 0.985 then reg + (rnd_hours * 70 + 0.2) * interval '1 hour' end as responded,
      case when age_days > 1 and rnd_close < least(0.985, 0.4 + age_days / 20.0) then reg + (1 + rnd_days * 20) * interval '1 day' end as decided,
      (array(select id from org_units where code like 'U%' order by code))[1 + (i % ${UNITS})] as unit_id,
      1 + ((i * 7) % ${CATEGORIES}) as cat_idx,
      (array['counter','web','phone','sms','email','viber','post','api'])[1 + (i % 8)] as channel,
      44.58 + rnd_lat * 0.08 as lat, 17.33 + rnd_lon * 0.10 as lon,
      case when i % 50 = 0 then 1 else 0 end as rerouted,
      i % 60 = 0 as duplicate
    from (
      select i, ${NOW.getTime() / 1000}::float8 as now_s, random() as rnd_answer, random() as rnd_hours, random() as rnd_close, random() as rnd_days,
             random() as rnd_lat, random() as rnd_lon,
             to_timestamp(${NOW.getTime() / 1000} - (i::float8 / ${REPORTS}) * 400 * 86400) as reg,
             (i::float8 / ${REPORTS}) * 400 as age_days
      from generate_series(1, ${REPORTS}) i
    ) x`,
  );
  // A decision can only come after the answer, and never after now.
  await q(
    'plan: consistency',
    `
    update bench_reports.plan set decided = null where decided > ${'to_timestamp(' + NOW.getTime() / 1000 + ')'};
    update bench_reports.plan set responded = null where responded > ${'to_timestamp(' + NOW.getTime() / 1000 + ')'};
    update bench_reports.plan set decided = responded + interval '1 hour' where decided is not null and (responded is null or decided < responded) and responded is not null;
    update bench_reports.plan set decided = null where decided > ${'to_timestamp(' + NOW.getTime() / 1000 + ')'} or (decided is not null and responded is null);`,
  );
  await q(
    'cases',
    `
    insert into cases (id, number, case_type_id, subject, channel, tracking_code, status, status_changed_at, registry_unit_id, unit_id, registered_at, due_at, closed_at, search_key, last_event_seq, last_event_hash)
    select p.id, 'S48-' || p.i, (select id from case_types where code = 'PR'), 'Prijava ' || p.i, p.channel, 'T' || p.i,
      case when p.decided is not null then 'resolved' when p.responded is not null then 'in_progress' else 'delivered' end,
      coalesce(p.decided, p.responded, p.reg), (select id from org_units where code = 'PIS'), p.unit_id, p.reg,
      coalesce(p.responded + interval '5 days', p.reg + interval '7 days'), p.decided, '', ${EVENTS_PER_CASE}, 'x'
    from bench_reports.plan p`,
  );
  await q(
    'triggers off for the bulk insert',
    `alter table problem_reports disable trigger report_facts_report; alter table case_decisions disable trigger report_facts_decision`,
  );
  await q(
    'problem_reports',
    `
    insert into problem_reports (case_id, category_id, lat, lon, location_source, routed_by, reroute_count, merged_into, sla_hours, sla_clock,
      first_response_due_at, first_response_warn_at, responded_at, planned_resolution_at, created_at)
    select p.id, pc.id, p.lat, p.lon, 'given', 'rule', p.rerouted, q.id, 48, 'calendar',
      p.due, p.reg + interval '36 hours', p.responded, p.responded + interval '5 days', p.reg
    from bench_reports.plan p
    join problem_categories pc on pc.code = 'cat' || p.cat_idx
    left join bench_reports.plan q on p.duplicate and q.i = p.i + 1`,
  );
  await q(
    'case_decisions',
    `insert into case_decisions (case_id, decided_at, status, event_id) select id, decided, 'resolved', 0 from bench_reports.plan where decided is not null`,
  );
  // The triggers that keep report_facts were off for the bulk insert (one statement is faster than a million trigger calls); fill it as migration 202611215004 does.
  await q(
    'report_facts',
    `
    insert into report_facts
      select c.id, c.registered_at, c.closed_at, c.due_at, c.unit_id, c.channel, pr.category_id, pr.responded_at, pr.first_response_due_at,
             pr.first_response_warn_at, pr.reroute_count, pr.merged_into is not null, d.decided_at, d.status, pr.lat, pr.lon
      from problem_reports pr join cases c on c.id = pr.case_id left join case_decisions d on d.case_id = c.id`,
  );
  await q(
    'triggers back on',
    `alter table problem_reports enable trigger report_facts_report; alter table case_decisions enable trigger report_facts_decision`,
  );
  // Events: registered, delivered, then notes, field results and status changes up to EVENTS_PER_CASE per case.
  await q(
    'case_events',
    `
    insert into case_events (case_id, seq, type, actor_name, occurred_at, visibility, data, prev_hash, hash)
    select p.id, s,
      case when s = 1 then 'case.registered' when s = 2 then 'case.delivered'
           when s = ${EVENTS_PER_CASE} and p.decided is not null then 'case.status_changed'
           when s = 3 and p.responded is not null then 'case.response_given'
           when s = 4 and p.decided is not null and p.i % 3 = 0 then 'case.field_result'
           else 'case.note_added' end,
      'Bench', least(coalesce(p.decided, p.responded, p.reg) , p.reg + (s - 1) * interval '10 minutes'),
      case when s in (5, 6, 7) then 'internal' else 'public' end,
      case when s = ${EVENTS_PER_CASE} and p.decided is not null then '{"from":"in_progress","to":"resolved"}'::jsonb else '{}'::jsonb end,
      'x', 'x'
    from bench_reports.plan p cross join generate_series(1, ${EVENTS_PER_CASE}) s`,
  );
  await q(
    'report_field_results',
    `
    insert into report_field_results select e.id, e.case_id, c.unit_id, e.occurred_at
    from case_events e join cases c on c.id = e.case_id where e.type = 'case.field_result'`,
  );
  await q(
    'report_costs',
    `
    insert into report_costs (case_id, unit_id, labour_hours, materials, contractor, recorded_at)
    select id, unit_id, 1 + (i % 8), (i % 13) * 10, case when i % 5 = 0 then 250 else 0 end, coalesce(decided, responded, reg + interval '1 day')
    from bench_reports.plan where i % 3 = 0 and (decided is not null or responded is not null)`,
  );
  await q(
    'budget_lines',
    `
    insert into budget_lines (unit_id, year, amount) select id, y, 250000 from org_units, generate_series(2025, 2026) y where code like 'U%'`,
  );
  await q('drop plan', 'drop table bench_reports.plan');
  await q('vacuum analyze', 'vacuum analyze');
  const events = Number((await c.query('select count(*)::bigint as n from case_events')).rows[0].n);
  const seconds = (Date.now() - started) / 1000;
  await c.query('create table bench_reports.fill_marker (version int, reports bigint, events bigint, filled_at timestamptz, fill_seconds float8)');
  await c.query('insert into bench_reports.fill_marker values ($1, $2, $3, now(), $4)', [FILL_VERSION, REPORTS, events, seconds]);
  return { reports: REPORTS, events, seconds };
}

export interface Timing {
  name: string;
  runs: number;
  p50: number;
  p99: number;
  max: number;
  limit: number;
}

export async function time(name: string, runs: number, limit: number, fn: () => Promise<unknown>): Promise<Timing> {
  await fn(); // warm the caches and the plan
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]!;
  const t = { name, runs, p50: at(0.5), p99: at(0.99), max: ms.at(-1)!, limit };
  log(`${name}: p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms, max ${t.max.toFixed(1)} ms (limit ${limit} ms)`);
  return t;
}

export interface FilledReportsDatabase {
  url: string;
  embedded: EmbeddedPostgres | null;
  pgPid: number | null;
  marker: { version: number; reports: number; events: number; fill_seconds: number };
}

/**
 * Starts the reports benchmark database (embedded in .bench-data/reports/, or BENCH_REPORTS_DATABASE_URL)
 * and fills it unless its marker says it already holds this fill. Also the base of the Sistem 48
 * benchmark (bench/sistem48.ts), which measures on a copy of it.
 */
export async function openFilledReportsDatabase(): Promise<FilledReportsDatabase> {
  let embedded: EmbeddedPostgres | null = null;
  let url = process.env.BENCH_REPORTS_DATABASE_URL ?? '';
  let pgPid: number | null = null;
  if (!url) {
    const dir = path.join(root, '.bench-data', 'reports');
    mkdirSync(dir, { recursive: true });
    embedded = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'glas_bench_reports', log });
    url = embedded.url;
    const pidFile = path.join(dir, 'pg', 'postmaster.pid');
    pgPid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : null;
  }
  const handle = connect(url, 8);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    let m = await marker(client);
    if (!m || m.version !== FILL_VERSION || Number(m.reports) !== REPORTS) {
      const hasData = (
        await client.query(`select to_regclass('public.cases') is not null and exists (select 1 from cases) as any`).catch(() => ({ rows: [{ any: false }] }))
      ).rows[0].any;
      if (hasData) {
        if (!embedded) throw new Error('BENCH_REPORTS_DATABASE_URL points at a database with data this script did not fill; give it an empty database');
        log('the reports benchmark database holds a different fill; rebuilding it');
        await client.query(
          'drop schema public cascade; create schema public; drop schema if exists bench_reports cascade; drop schema if exists graphile_worker cascade',
        );
      }
      await prepareDatabase(handle);
      await client.query('create schema if not exists bench_reports');
      log(`filling ${REPORTS.toLocaleString('en')} reports with ${EVENTS_PER_CASE} events each (once; later runs reuse it)`);
      const f = await fill(client);
      m = { version: FILL_VERSION, reports: f.reports, events: f.events, fill_seconds: f.seconds };
    } else {
      await prepareDatabase(handle);
      log(`reusing the filled database: ${Number(m.reports).toLocaleString('en')} reports, ${Number(m.events).toLocaleString('en')} events`);
    }
    return { url, embedded, pgPid, marker: m };
  } catch (e) {
    await embedded?.stop();
    throw e;
  } finally {
    await client.end().catch(() => {});
    await handle.close().catch(() => {});
  }
}

/** Runs the reports benchmarks and returns their section of BENCHMARKS.md (markdown). */
export async function runReportsBench(): Promise<string> {
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
    const base = makeCtx(handle, config);
    const ctx: Ctx = { ...base, now: () => NOW };
    const tz = config.timezone;
    const last = previousWeek(NOW, tz);

    // The weekly overview without an archive (the trend's eleven earlier weeks computed too), then as the job runs it every week.
    await client.query('delete from weekly_overviews');
    const cold = await time('weekly overview, empty archive (12 weeks computed)', 3, 1000, () => computeWeeklyOverview(ctx, last));
    for (let i = 11; i >= 1; i--) {
      const w = addWeeks(last, -i);
      const p = weekPeriod(w, tz);
      await insertOverview(handle.db, await computeWeeklyOverview(ctx, w), p.start, p.end);
    }
    const weekly = await time(`weekly overview ${formatIsoWeek(last)} (earlier weeks archived)`, 10, 1000, () => computeWeeklyOverview(ctx, last));
    const unit = (await client.query(`select c.unit_id from cases c where c.registered_at >= '2026-01-01' group by 1 order by count(*) desc limit 1`)).rows[0]
      .unit_id as string;
    const year = await time('unit report, busiest unit, year 2026', 10, 1000, () => unitReport(ctx, SYSTEM_ACTOR, unit, '2026'));
    const report = await unitReport(ctx, SYSTEM_ACTOR, unit, '2026');
    const pdf = await time('unit report year 2026 as PDF (query + render)', 5, 1000, async () =>
      renderPdf(unitReportDocument(await unitReport(ctx, SYSTEM_ACTOR, unit, '2026'), 'sr-Latn'), {
        lang: 'sr-Latn',
        pageLabel: (a, b) => `${a}/${b}`,
        now: NOW,
      }),
    );
    const xlsx = await time(
      'unit report year 2026 as XLSX (query + render)',
      5,
      1000,
      async () => await renderXlsx(unitReportDocument(await unitReport(ctx, SYSTEM_ACTOR, unit, '2026'), 'sr-Latn')),
    );
    const from30 = new Date(NOW.getTime() - 30 * 86_400_000);
    const dash: Timing[] = [];
    dash.push(await time('dashboard: live SLA status by unit', 200, 200, () => dashboardStatus(ctx, SYSTEM_ACTOR)));
    dash.push(await time('dashboard: breaches, last 30 days', 200, 200, () => dashboardBreaches(ctx, SYSTEM_ACTOR, { from: from30, to: NOW })));
    dash.push(await time('dashboard: trends, 12 weeks', 200, 200, () => dashboardTrends(ctx, SYSTEM_ACTOR, { weeks: 12 })));
    dash.push(await time('dashboard: hot spots, 30 days, 250 m', 200, 200, () => dashboardHotspots(ctx, SYSTEM_ACTOR, { from: from30, to: NOW, cellM: 250 })));
    dash.push(await time('dashboard: recurring, 90 days, 100 m, ≥ 3', 200, 200, () => dashboardRecurring(ctx, SYSTEM_ACTOR, { days: 90, cellM: 100, min: 3 })));
    dash.push(
      await time('dashboard: drill-down, breached in one unit', 200, 200, () =>
        drillDownCases(ctx, SYSTEM_ACTOR, { metric: 'breached', unitId: unit, limit: 100 }),
      ),
    );
    const pgVersion = (await client.query('show server_version')).rows[0].server_version as string;
    const rows = [cold, weekly, year, pdf, xlsx, ...dash];
    const ok = (t: Timing) =>
      t.name.includes('empty archive')
        ? t.p50 < t.limit
          ? 'yes'
          : 'no (informational)'
        : (t.name.startsWith('dashboard') ? t.p99 : t.max) < t.limit
          ? 'yes'
          : 'NO';
    return [
      '## Reports (issue 7)',
      '',
      `Run ${new Date().toISOString()} with \`runReportsBench()\` (bench/reports.ts) on ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${pgVersion} (${embedded ? 'embedded, product settings' : 'BENCH_REPORTS_DATABASE_URL'}).`,
      `Data: ${Number(m.reports).toLocaleString('en')} problem reports over 400 days in ${UNITS} units and ${CATEGORIES} categories, ${Number(m.events).toLocaleString('en')} case events (filled in ${Number(m.fill_seconds).toFixed(0)} s, reused by later runs).`,
      `Load average when the measurements ended: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(', ')} (other work on the machine inflates the times).`,
      `The busiest unit holds ${report.workload.received.toLocaleString('en')} reports received in 2026 and ${report.costs.reports.toLocaleString('en')} with costs. Times are in-process (query + assembly), sequential, after one warm-up run.`,
      '',
      '| what | runs | p50 ms | p99 ms | max ms | limit ms | within |',
      '|---|---:|---:|---:|---:|---:|---|',
      ...rows.map((t) => `| ${t.name} | ${t.runs} | ${t.p50.toFixed(1)} | ${t.p99.toFixed(1)} | ${t.max.toFixed(1)} | ${t.limit} | ${ok(t)} |`),
      '',
    ].join('\n');
  } finally {
    await client.end().catch(() => {});
    await handle.close().catch(() => {});
    await embedded?.stop();
  }
}

if (import.meta.main) {
  runReportsBench().then(
    (md) => console.log(md),
    (e) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exitCode = 1;
    },
  );
}
