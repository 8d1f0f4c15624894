/**
 * The load generator, run as a child process of bench/run.ts so that it never shares an event loop
 * with the server it measures. It receives one job over IPC, reports `started` when the measured
 * window opens and `result` when it closes, then exits. HTTP load uses autocannon (keep-alive,
 * one request in flight per connection); the raw SQL reference uses pg clients directly.
 *
 * Every loop is bounded twice: by the job's duration and by a maximum request count.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { Histogram } from './stats.ts';

export type Generator =
  | { kind: 'fixed'; method: 'GET'; path: string }
  | { kind: 'lookup'; numbersFile: string }
  | { kind: 'register'; caseTypeIds: { id: number; weight: number }[] }
  | { kind: 'open311-post'; apiKey: string; serviceCode: string; lat: number; lon: number };

export interface HttpJob {
  kind: 'http';
  url: string;
  connections: number;
  warmupS: number;
  durationS: number;
  maxRequests: number;
  headers: Record<string, string>;
  generator: Generator;
}
export interface SqlJob {
  kind: 'sql';
  url: string;
  connections: number;
  warmupS: number;
  durationS: number;
  maxRequests: number;
  sql: string;
  series: { key: string; pad: number; typeId: number; days: number | null; weight: number; typeCode: string }[];
  registryUnitId: string;
  actorId: string;
  actorName: string;
  actorRole: string;
}
/** Reads in raw SQL: each operation runs the statements in order, the first with a random number from the file, the next with the first's `id`. */
export interface SqlReadJob {
  kind: 'sql-read';
  url: string;
  connections: number;
  warmupS: number;
  durationS: number;
  maxRequests: number;
  statements: string[];
  numbersFile: string;
}
/** The raw reference of an Open311 POST (bench/raw-open311.ts): the values that stay the same for every report. */
export interface SqlOpen311Job {
  kind: 'sql-open311';
  url: string;
  connections: number;
  warmupS: number;
  durationS: number;
  maxRequests: number;
  sql: string;
  fixed: {
    seriesKey: string;
    pad: number;
    caseTypeId: number;
    caseTypeCode: string;
    subject: string;
    dispatcherUnitId: string;
    actorId: string;
    actorName: string;
    actorRole: string;
    unitId: string;
    unitName: string;
    categoryId: number;
    lat: number;
    lon: number;
    slaHours: number;
    warnPercent: number;
    externalClient: string;
  };
}
export type Job = HttpJob | SqlJob | SqlReadJob | SqlOpen311Job;

export interface JobResult {
  ok: number;
  failed: number;
  durationS: number;
  latency: ReturnType<Histogram['toJSON']>;
  statusCounts: Record<string, number>;
  sampleError?: string;
}

const SUBJECTS = [
  'Zahtev za izdavanje građevinske dozvole',
  'Prijava oštećenog kolovoza u ulici Njegoševoj',
  'Zahtev za povraćaj poreza na imovinu',
  'Захтев за издавање локацијских услова',
  'Pritužba na rad komunalne službe',
  'Zahtev za informacije o urbanističkom planu',
];
const NAMES = ['Đorđe Đorđević', 'Milica Petrović', 'Љубиша Јовановић', 'Amra Hodžić', 'Ivan Horvat', 'Jelena Nikolić', 'Građevina d.o.o.'];

function weighted<T extends { weight: number }>(items: T[]): () => T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  return () => {
    let r = Math.random() * total;
    for (const i of items) {
      r -= i.weight;
      if (r < 0) return i;
    }
    return items.at(-1)!;
  };
}

let seq = 0;
function registrationBody(caseTypeId: number): string {
  seq++;
  const name = NAMES[seq % NAMES.length]!;
  return JSON.stringify({
    caseTypeId,
    subject: `${SUBJECTS[seq % SUBJECTS.length]} ${seq}`,
    channel: 'counter',
    description: 'Podnosilac navodi detalje zahteva u priloženom obrascu i prilaže dokaz o uplati administrativne takse.',
    parties: [{ name, phone: `064 ${String(1_000_000 + ((seq * 7919) % 9_000_000))}`, email: `gradjanin${seq}@example.org` }],
  });
}

const REPORT_TEXTS = ['Rupa na kolovozu ispred broja', 'Ne radi ulična rasveta kod stuba', 'Преливен контејнер код зграде', 'Oštećen poklopac šahta u ulici'];
/** One citizen's report as both sides of the Open311 comparison write it. */
function open311Report() {
  seq++;
  const [firstName, lastName] = NAMES[seq % NAMES.length]!.split(' ');
  return {
    description: `${REPORT_TEXTS[seq % REPORT_TEXTS.length]} ${seq}`,
    email: `gradjanin${seq}@example.org`,
    firstName: firstName!,
    lastName: lastName ?? 'Građanin',
  };
}

/** Latencies of the measured window, in ms; `full` once maxRequests were recorded, which ends the window. */
class Recorder {
  readonly h = new Histogram();
  readonly max: number;
  constructor(max: number) {
    this.max = max;
  }
  add(ms: number) {
    if (this.h.n < this.max) this.h.add(ms);
  }
  get full() {
    return this.h.n >= this.max;
  }
}

async function runHttpOnce(
  job: HttpJob,
  durationS: number,
  rec: Recorder | null,
): Promise<{ result: autocannon.Result; statusCounts: Record<string, number> }> {
  const g = job.generator;
  let request: autocannon.Request;
  if (g.kind === 'fixed') {
    request = { method: g.method, path: g.path };
  } else if (g.kind === 'lookup') {
    const numbers = readFileSync(g.numbersFile, 'utf8').split('\n').filter(Boolean);
    request = {
      method: 'GET',
      setupRequest: (req) => ({ ...req, path: `/api/v1/cases/by-number?number=${encodeURIComponent(numbers[Math.floor(Math.random() * numbers.length)]!)}` }),
    };
  } else if (g.kind === 'open311-post') {
    // What a GeoReport v2 client sends: a form with the key, the service, the place and the citizen's contact.
    request = {
      method: 'POST',
      path: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      setupRequest: (req) => {
        const r = open311Report();
        return {
          ...req,
          body: new URLSearchParams({
            api_key: g.apiKey,
            service_code: g.serviceCode,
            lat: String(g.lat),
            long: String(g.lon),
            description: r.description,
            email: r.email,
            first_name: r.firstName,
            last_name: r.lastName,
          }).toString(),
        };
      },
    };
  } else {
    const nextType = weighted(g.caseTypeIds);
    request = {
      method: 'POST',
      path: '/api/v1/cases',
      setupRequest: (req) => ({ ...req, body: registrationBody(nextType().id) }),
    };
  }
  const statusCounts: Record<string, number> = {};
  let instance: autocannon.Instance;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        pipelining: 1,
        duration: durationS,
        timeout: 30,
        headers: { 'content-type': 'application/json', ...job.headers },
        requests: [request],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
      if (rec && statusCode >= 200 && statusCode < 300) rec.add(responseTime);
      if (rec?.full) instance.stop();
    });
  });
  return { result, statusCounts };
}

async function runHttp(job: HttpJob): Promise<JobResult> {
  if (job.warmupS > 0) await runHttpOnce(job, job.warmupS, null);
  const rec = new Recorder(job.maxRequests);
  process.send!({ type: 'started' });
  const t0 = performance.now();
  const { result, statusCounts } = await runHttpOnce(job, job.durationS, rec);
  const durationS = (performance.now() - t0) / 1000;
  const ok = rec.h.n;
  const total = Object.values(statusCounts).reduce((s, v) => s + v, 0);
  return { ok, failed: total - ok + result.errors + result.timeouts, durationS, latency: rec.h.toJSON(), statusCounts };
}

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
function trackingCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

type Op = (c: pg.Client) => Promise<unknown>;

/** Runs `op` on every connection in a loop until the deadline or the request budget runs out. */
async function runSqlLoad(job: SqlJob | SqlReadJob | SqlOpen311Job, op: Op): Promise<{ result: JobResult; close: () => Promise<void> }> {
  const clients: pg.Client[] = [];
  const close = () => Promise.all(clients.map((c) => c.end().catch(() => {}))).then(() => {});
  try {
    for (let i = 0; i < job.connections; i++) {
      const c = new pg.Client({ connectionString: job.url });
      c.on('error', () => {});
      await c.connect();
      clients.push(c);
    }
    let errors = 0;
    let sampleError: string | undefined;
    const loop = async (c: pg.Client, deadline: number, rec: Recorder | null, budget: { left: number }) => {
      while (performance.now() < deadline && budget.left-- > 0) {
        const t = performance.now();
        try {
          await op(c);
          rec?.add(performance.now() - t);
        } catch (e) {
          errors++;
          sampleError ??= (e as Error).message;
        }
      }
    };
    const phase = async (durationS: number, rec: Recorder | null) => {
      const deadline = performance.now() + durationS * 1000;
      const budget = { left: rec ? rec.max : 10_000_000 };
      await Promise.all(clients.map((c) => loop(c, deadline, rec, budget)));
    };
    if (job.warmupS > 0) await phase(job.warmupS, null);
    errors = 0;
    const rec = new Recorder(job.maxRequests);
    process.send!({ type: 'started' });
    const t0 = performance.now();
    await phase(job.durationS, rec);
    const durationS = (performance.now() - t0) / 1000;
    return { result: { ok: rec.h.n, failed: errors, durationS, latency: rec.h.toJSON(), statusCounts: {}, sampleError }, close };
  } catch (e) {
    await close();
    throw e;
  }
}

function registerOp(job: SqlJob): Op {
  const nextSeries = weighted(job.series);
  return (c) => {
    const s = nextSeries();
    seq++;
    return c.query({
      name: 'bench-register',
      text: job.sql,
      values: [
        s.key,
        s.pad,
        s.typeId,
        `${SUBJECTS[seq % SUBJECTS.length]} ${seq}`,
        'Podnosilac navodi detalje zahteva u priloženom obrascu i prilaže dokaz o uplati administrativne takse.',
        trackingCode(),
        job.registryUnitId,
        job.actorId,
        new Date(),
        s.days,
        NAMES[seq % NAMES.length],
        `+38164${String(1_000_000 + ((seq * 7919) % 9_000_000))}`,
        `gradjanin${seq}@example.org`,
        job.actorName,
        job.actorRole,
        s.typeCode,
      ],
    });
  };
}

function open311RawOp(job: SqlOpen311Job): Op {
  const f = job.fixed;
  return (c) => {
    const r = open311Report();
    return c.query({
      name: 'bench-open311',
      text: job.sql,
      values: [
        f.seriesKey,
        f.pad,
        f.caseTypeId,
        f.subject,
        r.description,
        trackingCode(),
        f.dispatcherUnitId,
        f.actorId,
        new Date(),
        `${r.firstName} ${r.lastName}`,
        r.email,
        f.actorName,
        f.actorRole,
        f.caseTypeCode,
        f.unitId,
        f.unitName,
        f.categoryId,
        f.lat,
        f.lon,
        f.slaHours,
        f.warnPercent,
        f.externalClient,
      ],
    });
  };
}

function readOp(job: SqlReadJob): Op {
  const numbers = readFileSync(job.numbersFile, 'utf8').split('\n').filter(Boolean);
  return async (c) => {
    const first = await c.query({ name: 'bench-read-0', text: job.statements[0]!, values: [numbers[Math.floor(Math.random() * numbers.length)]!] });
    const id = first.rows[0]?.id;
    if (!id) throw new Error('lookup found nothing');
    for (let i = 1; i < job.statements.length; i++) await c.query({ name: `bench-read-${i}`, text: job.statements[i]!, values: [id] });
  };
}

async function run(job: Job): Promise<{ result: JobResult; close: () => Promise<void> }> {
  if (job.kind === 'http') return { result: await runHttp(job), close: async () => {} };
  return runSqlLoad(job, job.kind === 'sql' ? registerOp(job) : job.kind === 'sql-open311' ? open311RawOp(job) : readOp(job));
}

process.once('message', (job: Job) => {
  // A hard stop in case something hangs: the parent also kills this process past its own limit.
  const guard = setTimeout(
    () => {
      console.error('load generator: time limit reached');
      process.exit(3);
    },
    (job.warmupS + job.durationS + 120) * 1000,
  );
  guard.unref();
  run(job).then(
    ({ result, close }) => {
      // Connections stay open until the parent has read the CPU counters of their server processes.
      process.once('message', () => void close().then(() => process.exit(0)));
      process.send!({ type: 'result', result });
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
});
