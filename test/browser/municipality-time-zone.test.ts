/**
 * Clerk screens follow the municipality, not the browser: a clerk in a New York browser who picks a planned
 * resolution day gets that day in the municipality's zone (GLAS_TIMEZONE), and an archived case offers
 * neither assignment nor document upload.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileReport } from '../../src/sistem48/commands/file-report.ts';
import { dayAt, dayEnd, dayStart, instantToDay } from '../../web/src/tz.ts';
import { makeI18n } from '../../web/src/i18n.ts';
import { signIn, startBrowserApp, type BrowserApp } from './harness.ts';
import { CENTRE, seedSistem48, type Sistem48Fixture } from '../sistem48/helpers.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { newCaseBody } from '../helpers/app.ts';

let b: BrowserApp;
let s48: Sistem48Fixture;
before(async () => {
  b = await startBrowserApp();
  s48 = await seedSistem48(b.db.ctx, b.m);
});
after(async () => {
  await b?.close();
});

async function session(username: string) {
  const r = await b.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
  assert.equal(r.statusCode, 200, r.body);
  const cookie = r.cookies.find((c) => c.name === 'glas_session')!;
  return { cookie: `glas_session=${cookie.value}`, csrf: (r.json() as { csrfToken: string }).csrfToken };
}

async function inject(method: 'GET' | 'POST', url: string, as: { cookie: string; csrf: string }, payload?: object) {
  const r = await b.app.inject({ method, url, payload, headers: { cookie: as.cookie, 'x-csrf-token': as.csrf } });
  assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json() as Record<string, unknown>;
}

/** A context whose clock runs in another zone than the municipality's. */
async function page(timezoneId: string) {
  const context = await b.browser.newContext({ locale: 'en-GB', timezoneId, viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  p.setDefaultTimeout(10_000);
  return { context, page: p };
}

test('a clerk in a New York browser picks a planned day: the server stores the end of that day in the municipality', async () => {
  const zone = (await b.app.inject({ method: 'GET', url: '/api/v1/sistem48/public/map' })).json().timeZone as string;
  assert.equal(zone, b.db.ctx.config.timezone);
  // The browser's zone must differ from the municipality's for the test to mean anything.
  assert.notEqual(zone, 'America/New_York');
  const filed = await fileReport(b.db.ctx, b.m.users.operator!.actor, {
    via: 'staff',
    channel: 'phone',
    category: { id: s48.cat.pothole.id },
    description: 'Rupa na raskrsnici',
    ...CENTRE,
    address: 'Glavna 3',
    fields: { size: 'large' },
    contact: { name: 'Ana Anić', phone: '0641234567' },
  });
  const day = instantToDay(new Date(Date.now() + 5 * 86_400_000), zone);
  const { context, page: p } = await page('America/New_York');
  try {
    // The browser really is in New York: its own reading of the day's end is another instant.
    assert.notEqual(await p.evaluate((d) => new Date(`${d}T23:59:00`).toISOString(), day), dayAt(day, 23, 59, zone));
    await signIn(p, b.base, 'clerkA');
    await p.goto(`${b.base}/cases/${filed.caseId}`);
    const panel = p.getByTestId('s48-panel');
    await panel.waitFor();
    await p.getByLabel('Planned resolution date').fill(day);
    await panel.getByRole('button', { name: 'Send the response' }).click();
    await p.locator('[data-testid="s48-clock"][data-state="answered"]').waitFor();
    const clerk = await session('clerkA');
    const report = await inject('GET', `/api/v1/sistem48/reports/${filed.caseId}`, clerk);
    const planned = report.plannedResolutionAt as string;
    assert.equal(new Date(planned).toISOString(), dayAt(day, 23, 59, zone));
    assert.equal(instantToDay(planned, zone), day);
    // And the page shows it on the municipality's clock (23:59 that day), not New York's (17:59).
    await p
      .getByTestId('s48-planned')
      .filter({ hasText: makeI18n('en', zone).dateTime(planned) })
      .waitFor();
  } finally {
    await context.close();
  }
});

test('the public problems list filters whole days in the municipality, from a browser in New York', async () => {
  const zone = b.db.ctx.config.timezone;
  const { context, page: p } = await page('America/New_York');
  try {
    const asked = p.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/sistem48/public/reports' && new URL(r.url()).searchParams.has('from'));
    await p.goto(`${b.base}/problems?from=2026-03-29&to=2026-10-25`);
    const q = new URL((await asked).url()).searchParams;
    // The spring-forward day starts at 23:00 UTC the evening before; the autumn day ends at 22:59:59.999 UTC.
    assert.equal(q.get('from'), dayStart('2026-03-29', zone));
    assert.equal(q.get('to'), dayEnd('2026-10-25', zone));
  } finally {
    await context.close();
  }
});

test('an archived case offers neither assignment nor document upload; one still at the registry offers both', async () => {
  const registry = await session('registry');
  const clerk = await session('clerkA');
  async function caseIn(archived: boolean) {
    const c = await inject('POST', '/api/v1/cases', registry, newCaseBody(b.m));
    const id = c.id as string;
    const steps: [typeof registry, Record<string, unknown>][] = [
      [registry, { to: 'delivered', unitId: b.m.units.a.id }],
      [clerk, { to: 'accepted' }],
      [clerk, { to: 'in_progress' }],
      [clerk, { to: 'approved' }],
      [clerk, { to: 'returned_to_registry' }],
    ];
    if (archived) steps.push([registry, { to: 'archived' }]);
    for (const [who, move] of steps) await inject('POST', `/api/v1/cases/${id}/transitions`, who, move);
    return id;
  }
  const open = await caseIn(false);
  const archived = await caseIn(true);
  const { context, page: p } = await page('UTC');
  try {
    await signIn(p, b.base, 'registry');
    await p.goto(`${b.base}/cases/${open}`);
    await p.getByRole('heading', { name: 'Documents' }).waitFor();
    assert.equal(await p.getByRole('heading', { name: 'Assignment' }).count(), 1);
    assert.equal(await p.getByRole('button', { name: 'Attach a document' }).count(), 1);

    await p.goto(`${b.base}/cases/${archived}`);
    await p.locator('[data-testid="case-status"]', { hasText: 'Archived' }).waitFor();
    await p.getByRole('heading', { name: 'Documents' }).waitFor();
    assert.equal(await p.getByRole('heading', { name: 'Assignment' }).count(), 0);
    assert.equal(await p.getByRole('button', { name: 'Assign' }).count(), 0);
    assert.equal(await p.getByRole('button', { name: 'Attach a document' }).count(), 0);
    assert.equal(await p.locator('input[type="file"]').count(), 0);
  } finally {
    await context.close();
  }
});
