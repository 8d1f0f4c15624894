/**
 * What a phone downloads to open the public report form (/problems/new): a real Chromium with a
 * 360 × 640 mobile viewport opens the form on the demo municipality, and every request's bytes on
 * the wire (CDP Network.loadingFinished encodedDataLength: headers and compressed body) are added
 * up. The first visit starts from an empty browser profile; the second is a new browser process on
 * the same profile, as a citizen coming back another day (its HTTP cache on disk).
 *
 * Map tiles are excluded: they come from the tile server (OpenStreetMap by default), which this
 * machine cannot reach; their number and size depend on the screen and the tile server, not on Glas.
 * Here the tile URL points at a closed local port, so tile requests fail at once; they are counted.
 *
 *   node bench/web-transfer.ts      prints the markdown section
 *   runWebTransferBench()           returns it (bench/all.ts writes it to BENCHMARKS.md)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startDemo } from './web-screens.ts';

const FIRST_GOAL = 200 * 1024;
const SECOND_GOAL = 20 * 1024;
// Port 9 (discard) on loopback: nothing listens there, so every tile fails at once instead of waiting on DNS.
const TILE_URL = 'http://127.0.0.1:9/{z}/{x}/{y}.png';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Resource {
  path: string;
  type: string;
  status: number;
  encoding: string;
  bytes: number;
  fromCache: boolean;
}
interface Visit {
  resources: Resource[];
  glasBytes: number;
  tileRequests: number;
}

async function visit(profile: string, base: string): Promise<Visit> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'sr-Latn-RS',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const seen = new Map<string, Partial<Resource> & { url: string; wireStatus?: number }>();
    cdp.on('Network.requestWillBeSent', (e) => {
      seen.set(e.requestId, { url: e.request.url, type: e.type ?? '', bytes: 0, fromCache: false });
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = seen.get(e.requestId);
      if (!r) return;
      const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      Object.assign(r, { status: e.response.status, encoding: h['content-encoding'] ?? '', fromCache: r.fromCache || e.response.fromDiskCache === true });
    });
    // A revalidated response shows as its cached 200 in responseReceived; the status on the wire (304) is in the extra info.
    cdp.on('Network.responseReceivedExtraInfo', (e) => {
      const r = seen.get(e.requestId);
      if (r) r.wireStatus = e.statusCode;
    });
    cdp.on('Network.requestServedFromCache', (e) => {
      const r = seen.get(e.requestId);
      if (r) r.fromCache = true;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = seen.get(e.requestId);
      if (r) r.bytes = e.encodedDataLength;
    });
    cdp.on('Network.loadingFailed', (e) => {
      const r = seen.get(e.requestId);
      if (r) r.status = 0;
    });
    await page.goto(`${base}/problems/new`);
    // The form is usable: its categories came from the API and the pin map is drawn.
    await page.locator('input[type="radio"]').first().waitFor();
    await page.locator('.leaflet-container').waitFor();
    await page.waitForLoadState('networkidle');
    const resources: Resource[] = [];
    let tileRequests = 0;
    for (const r of seen.values()) {
      if (r.url.startsWith('http://127.0.0.1:9/')) {
        tileRequests++;
        continue;
      }
      if (!r.url.startsWith(base)) continue;
      resources.push({
        path: r.url.slice(base.length),
        type: r.type ?? '',
        status: r.wireStatus ?? r.status ?? 0,
        encoding: r.encoding ?? '',
        bytes: r.bytes ?? 0,
        fromCache: r.fromCache ?? false,
      });
    }
    return { resources, glasBytes: resources.reduce((n, r) => n + r.bytes, 0), tileRequests };
  } finally {
    await context.close();
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const shortPath = (p: string) => (p.length > 70 ? `${p.slice(0, 67)}…` : p);

function table(v: Visit): string[] {
  return [
    '| Request | Type | Status | Encoding | Bytes on the wire |',
    '|---|---|---:|---|---:|',
    ...v.resources.map(
      (r) => `| \`${shortPath(r.path)}\` | ${r.type} | ${r.fromCache ? 'cache' : r.status} | ${r.encoding || '–'} | ${r.bytes.toLocaleString('en')} |`,
    ),
    `| **Total from Glas** | | | | **${v.glasBytes.toLocaleString('en')}** (${kb(v.glasBytes)}) |`,
  ];
}

/** Opens the form twice in Chromium on a fresh demo municipality and returns the markdown section. */
export async function runWebTransferBench(): Promise<string> {
  const env = await startDemo({ GLAS_MAP_TILE_URL: TILE_URL });
  const profile = await mkdtemp(path.join(os.tmpdir(), 'glas-web-transfer-'));
  try {
    const first = await visit(profile, env.base);
    const second = await visit(profile, env.base);
    const ok = (n: number, goal: number) => (n < goal ? 'yes' : '**no**');
    return [
      '## Bytes a phone downloads to open the public report form',
      '',
      `Chromium (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}) with a 360 × 640 mobile viewport opens \`/problems/new\` on the demo municipality over loopback, waits until the form's categories and its map are there and the network is idle, and adds up every request's bytes on the wire (CDP \`Network.loadingFinished\` encodedDataLength: response headers plus the compressed body). The second visit is a new browser process on the same profile (its disk cache), as a citizen returning another day. Command: \`npm run bench -- web-transfer\`. Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}.`,
      '',
      `Map tiles are not counted: they come from the configured tile server (OpenStreetMap by default), which this machine cannot reach, and their number depends on the screen, not on Glas. Here they pointed at a closed port (${first.tileRequests} and ${second.tileRequests} tile requests failed at once on the two visits).`,
      '',
      '| Visit | From Glas | Goal | Met |',
      '|---|---:|---:|---|',
      `| First (empty cache) | ${kb(first.glasBytes)} | under ${kb(FIRST_GOAL)} | ${ok(first.glasBytes, FIRST_GOAL)} |`,
      `| Second (same profile) | ${kb(second.glasBytes)} | under ${kb(SECOND_GOAL)} | ${ok(second.glasBytes, SECOND_GOAL)} |`,
      '',
      '### First visit',
      '',
      ...table(first),
      '',
      '### Second visit',
      '',
      'Hashed assets are cached for a year (`immutable`) and not asked for again; the page itself is revalidated (`no-cache`, ETag → 304); the API answers are fetched anew.',
      '',
      ...table(second),
      '',
    ].join('\n');
  } finally {
    await rm(profile, { recursive: true, force: true });
    await env.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runWebTransferBench().then(
    (md) => {
      process.stdout.write(md);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
