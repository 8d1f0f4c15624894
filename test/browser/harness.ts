/**
 * Browser tests' fixture: the real app listening on a free port over a fresh test database (the
 * fixture municipality of test/helpers/fixtures.ts), serving the built web app, and Debian's Chromium
 * driven by playwright-core. `close` stops all three, also after a failed test.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { httpParts } from '../../src/modules.ts';
import { createTestDatabase, type TestDb } from '../helpers/db.ts';
import { seedMunicipality, PASSWORD, type Municipality } from '../helpers/fixtures.ts';
import { HTML_LANG, type Locale } from '../../web/src/i18n.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserApp {
  base: string;
  m: Municipality;
  db: TestDb;
  app: FastifyInstance;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBrowserApp(env: Record<string, string> = {}): Promise<BrowserApp> {
  if (!existsSync('web/dist/index.html')) throw new Error('web/dist is missing: run the browser tests with `npm test`, which builds the web app first');
  // The session cookie is Secure by default; the test server speaks plain http on 127.0.0.1.
  const db = await createTestDatabase({ GLAS_COOKIE_SECURE: '0', ...env });
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  try {
    const m = await seedMunicipality(db.ctx);
    app = await buildApp(db.ctx, { ...httpParts(), logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const started = { app, browser };
    return {
      base,
      m,
      db,
      app,
      browser,
      async close() {
        await started.browser.close().catch(() => {});
        await started.app.close().catch(() => {});
        await db.drop();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    await app?.close().catch(() => {});
    await db.drop();
    throw e;
  }
}

/** A fresh browser profile (own cookies and storage) in English, the language the tests read. */
export async function newPage(b: BrowserApp, opts: { locale?: string; width?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await b.browser.newContext({ locale: opts.locale ?? 'en-GB', viewport: { width: opts.width ?? 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

export async function signIn(page: Page, base: string, username: string, password = PASSWORD) {
  await page.goto(`${base}/staff`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * Picks a language in the header and waits until the page shows it (the language file of a language not yet
 * here arrives first, so reading the page at once could still read the previous language).
 */
export async function chooseLanguage(page: Page, locale: Locale) {
  await page.getByTestId('language').selectOption(locale);
  await page.locator(`html[lang="${HTML_LANG[locale]}"]`).waitFor({ state: 'attached' });
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

/** Runs axe-core on the page as it is now and returns the violations, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern; a <script>
  // tag (addScriptTag) is inline script, which the policy rightly refuses.
  await page.evaluate(readFileSync('node_modules/axe-core/axe.min.js', 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The page as it is now passes axe and does not scroll sideways (what every screen must, at every width tested). */
export async function assertAccessibleAndFits(page: Page, what: string, width: number): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `${what} at ${width}px`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${what} at ${width}px scrolls sideways by ${overflow}px`);
}

/** The event types of the case timeline, oldest first. */
export async function timelineTypes(page: Page): Promise<string[]> {
  return page.locator('[data-testid="timeline"] > li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.type ?? ''));
}

/** Waits until the case header shows the status label. */
export async function waitForStatus(page: Page, label: string) {
  await page.getByTestId('case-status').filter({ hasText: label }).waitFor();
}

/** The status changes the case page offers, as their button labels. */
export async function moveButtons(page: Page): Promise<string[]> {
  return page.locator('.moves button').allTextContents();
}
