import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, axeViolations } from './harness.ts';
import { linkToken, sixDigits, startCitizenHarness, type CitizenHarness } from '../citizens/harness.ts';

let h: CitizenHarness;
let browser: Browser;
let c: { id: string; number: string; partyIds: string[] };

before(async () => {
  h = await startCitizenHarness({ env: { GLAS_COOKIE_SECURE: '0' } });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const registry = await h.login('registry');
  const r = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    as: registry,
    payload: {
      caseTypeId: h.m.caseType.id,
      subject: 'Zahtjev za građevinsku dozvolu',
      channel: 'counter',
      deliverToUnitId: h.m.units.a.id,
      parties: [{ name: 'Marija Marić', phone: '069 555 0001', locale: 'en', consent: { channels: ['sms'] } }],
    },
  });
  assert.equal(r.statusCode, 201, r.body);
  c = r.json();
  const clerkA = await h.login('clerkA');
  assert.equal((await h.call({ method: 'POST', url: `/api/v1/cases/${c.id}/transitions`, as: clerkA, payload: { to: 'accepted' } })).statusCode, 200);
});
after(async () => {
  await browser?.close();
  await h?.close();
});

async function phonePage(): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { page, close: () => context.close() };
}

async function noViolations(page: Page, where: string) {
  assert.deepEqual(await axeViolations(page), [], where);
}

test('on a 360-pixel phone the citizen signs in with the one-time code read at the SMS centre, sees their case with its body, clerk and history, and changes their notification settings; every portal page passes axe', async () => {
  const { page, close } = await phonePage();
  try {
    await page.goto(`${h.url}/portal`);
    await page.getByRole('heading', { name: 'Sign in to the portal' }).waitFor();
    await noViolations(page, 'sign-in');
    await page.getByLabel('Mobile phone number').fill('069 555 0001');
    await page.getByRole('button', { name: 'Send the code' }).click();
    await page.getByRole('status').filter({ hasText: 'a code was sent by SMS' }).waitFor();
    const sms = await h.smsc.waitFor((m) => m.destination === '381695550001' && /sign-in code/.test(m.text), 5000);
    await page.getByLabel('Code from the SMS').fill(sixDigits(sms.text));
    await noViolations(page, 'code step');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await page.getByRole('heading', { name: 'My cases' }).waitFor();
    const card = page.getByTestId('my-cases').locator('li').first();
    await card.getByText('Odeljenje A').waitFor();
    assert.match((await card.textContent())!, /Received by the case officer/);
    assert.match((await card.textContent())!, /User clerkA/);
    await noViolations(page, 'my cases');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `no horizontal scrolling at 360 px (${width})`);

    await page.getByRole('link', { name: c.number }).click();
    await page.getByTestId('case-status').filter({ hasText: 'Received by the case officer' }).waitFor();
    assert.equal(await page.getByTestId('case-unit').textContent(), 'Odeljenje A');
    assert.equal(await page.getByTestId('case-clerk').textContent(), 'User clerkA');
    const types = await page.locator('[data-testid="timeline"] > li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.type));
    assert.deepEqual(types, ['case.registered', 'case.delivered', 'case.accepted']);
    await noViolations(page, 'case page');

    await page.getByRole('link', { name: 'Notifications and account' }).click();
    await page.getByRole('heading', { name: 'Channels and their order' }).waitFor();
    await noViolations(page, 'settings');
    assert.ok((await page.getByTestId('key-kinds').textContent())!.includes('Approved'), 'key events are listed as always sent');
    await page.getByRole('button', { name: 'Move up: SMS' }).click();
    await page.getByLabel('Key events only').check();
    await page.getByLabel('Hold notifications during quiet hours (key ones always come)').check();
    await page.getByLabel('From', { exact: true }).fill('21:30');
    await page.getByLabel('To', { exact: true }).fill('06:45');
    await page.getByLabel('Language and script of messages').selectOption('sr-Cyrl');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const prefs = await h.ctx.db.selectFrom('party_notification_preferences').selectAll().where('party_id', '=', c.partyIds[0]!).executeTakeFirstOrThrow();
    assert.deepEqual(prefs.channel_order, ['sms', 'viber', 'email']);
    assert.equal(prefs.scope, 'key');
    assert.equal(prefs.locale, 'sr-Cyrl');
    assert.deepEqual([prefs.quiet_from, prefs.quiet_to], [21 * 60 + 30, 6 * 60 + 45]);

    await page.getByRole('button', { name: 'Withdraw consent: SMS' }).click();
    await page.getByRole('button', { name: 'Give consent: SMS' }).waitFor();
    const consent = await h.ctx.db
      .selectFrom('notification_consents')
      .select(['action', 'method'])
      .where('party_id', '=', c.partyIds[0]!)
      .where('channel', '=', 'sms')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(consent, { action: 'withdrawn', method: 'portal' });
    await page.getByRole('button', { name: 'Make a Viber link' }).click();
    await page.getByRole('img', { name: 'Scan code that opens Viber' }).waitFor();
    await noViolations(page, 'settings after changes');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the portal' }).waitFor();
  } finally {
    await close();
  }
});

test("the activation link from the counter's SMS opens the portal and sets a password; sign-up passes axe too", async () => {
  const sms = await h.smsc.waitFor((m) => m.destination === '381695550001' && m.text.includes('/portal/link#'), 5000);
  const { page, close } = await phonePage();
  try {
    await page.goto(`${h.url}/portal/link#${linkToken(sms.text)}`);
    await page.getByRole('heading', { name: 'Entering the portal' }).waitFor();
    await noViolations(page, 'activation');
    await page.getByLabel('New password (at least 10 characters)').fill('marija-lozinka-1');
    await page.getByRole('button', { name: 'Enter the portal' }).click();
    await page.getByRole('heading', { name: 'My cases' }).waitFor();
    await page.getByRole('link', { name: c.number }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.getByRole('button', { name: 'Sign in with a password' }).click();
    await page.getByLabel('Mobile number or e-mail address').fill('+381695550001');
    await page.getByLabel('Password', { exact: true }).fill('marija-lozinka-1');
    await noViolations(page, 'password sign-in');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'My cases' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.getByRole('link', { name: 'No account yet? Open one' }).click();
    await page.getByRole('heading', { name: 'Open an account' }).waitFor();
    await noViolations(page, 'sign-up');
  } finally {
    await close();
  }
});
