/**
 * "Every screen answers within 100 ms on the demo data": for each screen of the staff web app, the
 * API calls that screen makes when it opens (in the same order, with the same parallel groups as
 * the page), timed end to end over loopback HTTP against the demo municipality. A screen's time is
 * the wall time until its last answer arrived; p50 and p99 over many openings.
 *
 *   node bench/web-screens.ts           prints the markdown section
 *   runWebScreensBench()                returns it (for bench/run.ts or a report)
 *
 * Knobs: WEB_BENCH_ROUNDS (openings per screen, default 200), WEB_BENCH_DATABASE_URL (a server on
 * which a fresh database may be created; otherwise an embedded PostgreSQL in a temporary folder).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.ts';
import { connect, type DatabaseHandle } from '../src/kernel/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/kernel/db/embedded-postgres.ts';
import { makeCtx, prepareDatabase } from '../src/runtime.ts';
import { buildApp } from '../src/http/app.ts';
import { httpParts } from '../src/modules.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { Histogram } from './stats.ts';

const ROUNDS = Number(process.env.WEB_BENCH_ROUNDS ?? 200);
const WARMUP = 20;
const BUDGET_MS = 100;

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

interface Session {
  cookie: string;
  csrf: string;
}

/** One HTTP client bound to a signed-in user. */
class Client {
  readonly base: string;
  readonly session: Session | null;
  constructor(base: string, session: Session | null) {
    this.base = base;
    this.session = session;
  }
  async get<T = unknown>(url: string): Promise<T> {
    const r = await fetch(this.base + url, {
      headers: { accept: 'application/json', 'accept-language': 'sr-Latn', ...(this.session ? { cookie: this.session.cookie } : {}) },
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }
  async post<T = unknown>(url: string, body: unknown): Promise<T> {
    const r = await fetch(this.base + url, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        ...(this.session ? { cookie: this.session.cookie, 'x-csrf-token': this.session.csrf } : {}),
      },
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`POST ${url}: ${r.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }
}

async function login(base: string, username: string, password: string): Promise<Client> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.getSetCookie().find((c) => c.startsWith('glas_session=')) ?? '').split(';')[0]!;
  return new Client(base, { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken });
}

/** A screen: who opens it and the calls it makes, each inner array fired together as the page does. */
interface Screen {
  name: string;
  as: string;
  steps: (string | { post: string; body: unknown })[][];
}

async function timeScreen(client: Client, s: Screen): Promise<Histogram> {
  const h = new Histogram();
  const open = async () => {
    for (const group of s.steps) {
      await Promise.all(group.map((c) => (typeof c === 'string' ? client.get(c) : client.post(c.post, c.body))));
    }
  };
  for (let i = 0; i < WARMUP; i++) await open();
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await open();
    h.add(performance.now() - t0);
  }
  return h;
}

export interface Env {
  base: string;
  stop(): Promise<void>;
  password: string;
}

/** Glas on a fresh demo municipality, listening on loopback; `env` adds or overrides configuration. */
export async function startDemo(env: Record<string, string> = {}): Promise<Env> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'glas-web-bench-'));
  let embedded: EmbeddedPostgres | null = null;
  let serverUrl = process.env.WEB_BENCH_DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: tmp, port: await freePort(), database: 'postgres' });
    serverUrl = embedded.url;
  }
  const name = `glas_web_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    GLAS_DATA_DIR: tmp,
    GLAS_LOG_LEVEL: 'silent',
    GLAS_DEMO: '1',
    GLAS_WORKER: '0',
    GLAS_COOKIE_SECURE: '0',
    ...env,
  });
  let handle: DatabaseHandle | null = null;
  let app: FastifyInstance | null = null;
  const stop = async () => {
    await app?.close().catch(() => {});
    await handle?.close().catch(() => {});
    if (!embedded) {
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await a.end();
    }
    await embedded?.stop().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  };
  try {
    handle = connect(url.toString());
    await prepareDatabase(handle);
    const ctx = makeCtx(handle, config);
    await seedDemo(ctx);
    // The HTTP app alone: the screens read; no worker or channels are needed to answer them.
    app = await buildApp(ctx, { ...httpParts(), logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    return { base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, stop, password: config.adminPassword ?? 'demo-glas-2026' };
  } catch (e) {
    await stop();
    throw e;
  }
}

interface Unit {
  id: string;
  code: string;
}
interface CaseRow {
  id: string;
  number: string;
  tracking_code?: string;
}

async function screens(env: Env): Promise<{ screens: Screen[]; clients: Map<string, Client> }> {
  const clients = new Map<string, Client>();
  for (const u of ['pisarnica', 'referent', 'jkp', 'admin']) clients.set(u, await login(env.base, u, env.password));
  const referent = clients.get('referent')!;
  const units = (await referent.get<{ items: Unit[] }>('/api/v1/org-units')).items;
  const unit = (code: string) => units.find((u) => u.code === code)!.id;
  const me = await referent.get<{ userId: string; unitId: string }>('/api/v1/auth/me');
  const cases = (await referent.get<{ items: CaseRow[] }>(`/api/v1/cases?unitId=${me.unitId}&sort=registered_desc&limit=50`)).items;
  // The case with the longest history in the clerk's unit: the heaviest case page.
  let heaviest = cases[0]!;
  let most = -1;
  for (const c of cases) {
    const n = (await referent.get<{ items: unknown[] }>(`/api/v1/cases/${c.id}/events`)).items.length;
    if (n > most) {
      most = n;
      heaviest = c;
    }
  }
  const detail = await referent.get<{ tracking_code: string; number: string }>(`/api/v1/cases/${heaviest.id}`);
  const id = heaviest.id;
  const casePage = [
    [`/api/v1/cases/${id}`, `/api/v1/cases/${id}/events`, `/api/v1/cases/${id}/documents`, '/api/v1/org-units', `/api/v1/cases/${id}/messages`],
    [`/api/v1/users?unitId=${me.unitId}`],
  ];
  const list: Screen[] = [
    { name: 'Sign-in check (session)', as: 'referent', steps: [['/api/v1/auth/me']] },
    { name: 'Case list: my unit', as: 'referent', steps: [[`/api/v1/cases?unitId=${me.unitId}&open=true&sort=due_asc&limit=50`, '/api/v1/org-units']] },
    { name: 'Case list: mine', as: 'referent', steps: [[`/api/v1/cases?clerkId=${me.userId}&open=true&sort=due_asc&limit=50`, '/api/v1/org-units']] },
    { name: 'Case list: due soon', as: 'referent', steps: [['/api/v1/cases?open=true&sort=due_asc&limit=200', '/api/v1/org-units']] },
    { name: 'Case list: overdue', as: 'referent', steps: [['/api/v1/cases?overdue=true&sort=due_asc&limit=50', '/api/v1/org-units']] },
    { name: 'Search (no diacritics)', as: 'pisarnica', steps: [['/api/v1/cases?q=petrovic&sort=registered_desc&limit=50', '/api/v1/org-units']] },
    { name: 'Registry intake', as: 'pisarnica', steps: [['/api/v1/case-types', '/api/v1/org-units']] },
    { name: 'Party search at intake', as: 'pisarnica', steps: [['/api/v1/parties?q=jovanovic']] },
    { name: `Case page (${most} events, messages)`, as: 'referent', steps: casePage },
    {
      name: 'Sistem 48 work queue (JKP, new)',
      as: 'jkp',
      steps: [['/api/v1/org-units', `/api/v1/sistem48/queues/${unit('JKP')}?bucket=new&page=1&pageSize=50`], [`/api/v1/users?unitId=${unit('JKP')}`]],
    },
    { name: 'Sistem 48 work queue (JKP, done)', as: 'jkp', steps: [[`/api/v1/sistem48/queues/${unit('JKP')}?bucket=done&page=1&pageSize=50`]] },
    { name: 'Admin: org units', as: 'admin', steps: [['/api/v1/org-units']] },
    { name: 'Admin: users', as: 'admin', steps: [['/api/v1/users', '/api/v1/org-units']] },
    { name: 'Admin: event notifications', as: 'admin', steps: [['/api/v1/notifications/kinds']] },
    {
      name: 'Admin: message templates',
      as: 'admin',
      steps: [
        ['/api/v1/notifications/kinds', '/api/v1/notifications/placeholders'],
        ['/api/v1/notifications/templates?kind=registered&channel=sms', '/api/v1/notifications/templates/registered/sms/sr-Latn/versions'],
      ],
    },
    { name: 'Admin: categories', as: 'admin', steps: [['/api/v1/sistem48/categories', '/api/v1/case-types']] },
    { name: 'Admin: routing rules', as: 'admin', steps: [['/api/v1/sistem48/routing-rules', '/api/v1/sistem48/categories', '/api/v1/org-units']] },
    {
      name: 'Admin: response times and holidays',
      as: 'admin',
      steps: [['/api/v1/sistem48/settings', '/api/v1/org-units', '/api/v1/sistem48/holidays?from=2025-01-01', '/api/v1/sistem48/categories']],
    },
    { name: 'Template preview for a real case', as: 'pisarnica', steps: [] },
    {
      name: 'Public tracking page',
      as: 'public',
      steps: [[`/api/v1/public/track?number=${encodeURIComponent(detail.number)}&code=${encodeURIComponent(detail.tracking_code)}`]],
    },
  ];
  // The preview is rendered for a case the user may see: the registry's newest.
  const regCase = (await clients.get('pisarnica')!.get<{ items: CaseRow[] }>('/api/v1/cases?sort=registered_desc&limit=1')).items[0];
  const preview = list.find((s) => s.name.startsWith('Template preview'))!;
  if (regCase)
    preview.steps = [
      [
        {
          post: '/api/v1/notifications/preview',
          body: { caseId: regCase.id, kind: 'registered', channel: 'sms', locale: 'sr-Cyrl', body: 'Предмет {number} је примљен {date}. Код: {trackingCode}' },
        },
      ],
    ];
  else list.splice(list.indexOf(preview), 1);
  clients.set('public', new Client(env.base, null));
  return { screens: list, clients };
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

/** Runs the benchmark on a fresh demo database and returns its markdown section. */
export async function runWebScreensBench(): Promise<string> {
  const started = Date.now();
  const env = await startDemo();
  try {
    const { screens: list, clients } = await screens(env);
    const rows: string[] = [];
    let worst = 0;
    for (const s of list) {
      const h = await timeScreen(clients.get(s.as)!, s);
      const p99 = h.percentile(0.99);
      worst = Math.max(worst, p99);
      const calls = s.steps.reduce((n, g) => n + g.length, 0);
      rows.push(`| ${s.name} | ${s.as} | ${calls} | ${fmt(h.percentile(0.5))} | ${fmt(p99)} | ${fmt(h.max)} | ${p99 <= BUDGET_MS ? 'yes' : '**no**'} |`);
    }
    return [
      '## Web screens on the demo data',
      '',
      `Each screen's API calls as the web app makes them when the screen opens (parallel where the page fetches in parallel), over loopback HTTP to one Glas process on the demo municipality; one user at a time, ${ROUNDS} openings per screen after ${WARMUP} to warm up. Times in milliseconds until the screen's last answer arrived. Budget: ${BUDGET_MS} ms at p99. Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, Node ${process.version}; run took ${Math.round((Date.now() - started) / 1000)} s.`,
      '',
      '| Screen | As | Calls | p50 | p99 | max | Within budget |',
      '|---|---|---:|---:|---:|---:|---|',
      ...rows,
      '',
      `Slowest screen at p99: ${fmt(worst)} ms (${worst <= BUDGET_MS ? 'every screen within' : 'over'} the ${BUDGET_MS} ms budget).`,
      '',
    ].join('\n');
  } finally {
    await env.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runWebScreensBench().then(
    (md) => {
      process.stdout.write(md);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
