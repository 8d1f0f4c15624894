/**
 * The Content-Security-Policy in a real Chromium: the public report form with its Leaflet map, the
 * public problem list, the staff workspace and the API reference load with no CSP violation, and
 * the map's tiles come from the configured tile server (a local one on another origin, since this
 * machine has no network). The staff app refuses to be framed by another page.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { httpParts } from '../../src/modules.ts';
import { createTestDatabase, type TestDb } from '../helpers/db.ts';
import { seedMunicipality, PASSWORD } from '../helpers/fixtures.ts';
import { seedSistem48 } from '../sistem48/helpers.ts';
import { CHROMIUM_ARGS } from './harness.ts';

// A 1×1 PNG: what the tile server answers for every tile.
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

let db: TestDb;
let app: FastifyInstance;
let browser: Browser;
let tiles: http.Server;
let tileRequests = 0;
let base: string;

before(async () => {
  if (!existsSync('web/dist/index.html')) throw new Error('web/dist is missing: run the browser tests with `npm test`, which builds the web app first');
  tiles = http.createServer((req, res) => {
    // The same server on another origin also plays a foreign site that frames Glas (/frame), with a control frame of its own.
    if (req.url === '/frame')
      return res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><iframe name="glas" src="${base}/"></iframe><iframe name="control" src="/control"></iframe>`);
    if (req.url === '/control') return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>control</p>');
    tileRequests++;
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(TILE);
  });
  await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
  // "localhost" is another origin than Glas's 127.0.0.1: the policy must name it, as it would name a real tile server.
  const tileUrl = `http://localhost:${(tiles.address() as AddressInfo).port}/{z}/{x}/{y}.png`;
  db = await createTestDatabase({ GLAS_COOKIE_SECURE: '0', GLAS_MAP_TILE_URL: tileUrl });
  const m = await seedMunicipality(db.ctx);
  await seedSistem48(db.ctx, m);
  app = await buildApp(db.ctx, { ...httpParts(), logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close().catch(() => {});
  await app?.close().catch(() => {});
  await db?.drop();
  await new Promise((resolve) => tiles?.close(resolve));
});

/** A page that records every CSP violation (the DOM event and Chromium's console report) and every console error. */
async function watchedPage(width = 1280): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => {
    problems.push(`securitypolicyviolation: ${v}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  page.on('console', (msg) => {
    // A signed-out page asks who is signed in and gets 401: Chromium logs that as a failed load, which is no fault.
    if (/status of 401/.test(msg.text())) return;
    if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text())) problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { page, problems, close: () => context.close() };
}

test('the public report form on a phone, with its Leaflet map and tiles from the configured server, breaks no CSP rule', async () => {
  const { page, problems, close } = await watchedPage(360);
  try {
    const before = tileRequests;
    await page.goto(`${base}/problems/new`);
    await page.getByRole('heading', { name: 'Report a communal problem' }).waitFor();
    await page.locator('.leaflet-container').waitFor();
    await page.locator('img.leaflet-tile-loaded').first().waitFor();
    assert.ok(tileRequests > before, 'tiles were fetched from the tile server');
    // Leaflet's own stylesheet applies (it is a file of the build, not an inline style).
    assert.equal(await page.locator('.leaflet-container').evaluate((el) => getComputedStyle(el).overflow), 'hidden');
    await page.goto(`${base}/problems`);
    await page.locator('.leaflet-container').waitFor();
    await page.locator('img.leaflet-tile-loaded').first().waitFor();
    // The other public screens: case tracking and the citizen portal's sign-in.
    for (const url of ['/track', '/portal']) {
      await page.goto(`${base}${url}`);
      await page.getByRole('heading').first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    // The server-rendered transparency pages, styled by their own inline stylesheet (allowed by its hash).
    for (const url of ['/reports/definitions', '/reports/weekly']) {
      await page.goto(`${base}${url}`);
      assert.equal(await page.locator('header.site').evaluate((el) => getComputedStyle(el).borderBottomStyle), 'solid', `${url} is styled`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('the staff workspace (every screen of its navigation, as registry clerk, operator and administrator) breaks no CSP rule', async () => {
  for (const username of ['registry', 'operator', 'admin']) {
    const { page, problems, close } = await watchedPage();
    try {
      await page.goto(`${base}/staff`);
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      const links = await page
        .getByRole('navigation')
        .first()
        .getByRole('link')
        .evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href));
      assert.ok(links.length >= 1, `${username}: navigation links`);
      for (const href of links.filter((h) => h.startsWith(base))) {
        await page.goto(href);
        await page.getByRole('button', { name: 'Sign out' }).waitFor();
        await page.waitForLoadState('networkidle');
      }
      assert.deepEqual(problems, [], `${username}: ${links.join(', ')}`);
    } finally {
      await close();
    }
  }
});

test('the API reference (Swagger UI) renders under its own policy with no violation', async () => {
  const { page, problems, close } = await watchedPage();
  try {
    await page.goto(`${base}/api/v1/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock').first().waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('the staff app refuses to be framed by another page', async () => {
  const { page, problems, close } = await watchedPage();
  try {
    // A page of another origin (the tile server's "localhost") frames Glas and, as a control that framing works at
    // all here, a page of its own (which sends no frame rules).
    const foreign = `http://localhost:${(tiles.address() as AddressInfo).port}`;
    const landed = (name: string) =>
      new Promise<string>((resolve) => {
        page.on('framenavigated', (f) => {
          if (f.name() === name) resolve(f.url());
        });
      });
    const glas = landed('glas');
    const other = landed('control');
    await page.goto(`${foreign}/frame`);
    assert.equal(await other, `${foreign}/control`, 'the control frame loads');
    // Chromium replaces a refused frame with its error page: Glas's sign-in form never appears in it.
    assert.match(await glas, /^chrome-error:/, 'Glas refuses the frame');
    assert.equal(await page.frame({ name: 'glas' })!.locator('#root').count(), 0, 'the app did not render inside the frame');
    assert.ok(
      problems.some((p) => p.includes(`Framing '${base}/' violates`) && p.includes(`frame-ancestors 'none'`)),
      problems.join(' | '),
    );
  } finally {
    await close();
  }
});
