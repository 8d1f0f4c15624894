import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { t } from '../../src/i18n/index.ts';
import { registerCase } from '../../src/cases/commands/register-case.ts';
import { transitionCase } from '../../src/cases/commands/transition-case.ts';
import {
  axeViolations,
  moveButtons,
  newPage,
  signIn,
  signOut,
  startBrowserApp,
  timelineTypes,
  waitForStatus,
  type BrowserApp,
  assertAccessibleAndFits,
} from './harness.ts';

let b: BrowserApp;
before(async () => {
  b = await startBrowserApp();
});
after(async () => {
  await b?.close();
});

/** A case registered at the registry and delivered to unit A, made through the commands (not the UI under test). */
async function caseInUnitA() {
  const registry = b.m.users.registry!.actor;
  const c = await registerCase(b.db.ctx, registry, {
    caseTypeId: b.m.caseType.id,
    subject: 'Prijava buke iz lokala',
    channel: 'counter',
    parties: [{ name: 'Jovana Jovanović', phone: '0641112233' }],
  });
  await transitionCase(b.db.ctx, registry, { caseId: c.id, to: 'delivered', unitId: b.m.units.a.id });
  return c;
}

test('Tivat flow: the registry records a case with a phone number and prints a receipt whose QR code opens the public tracking page, unit A works it to a decision, the registry archives it, and every step shows in the timeline', async () => {
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'registry');
    await page.getByRole('link', { name: 'New case' }).click();
    await page.getByLabel('Case type').selectOption({ label: 'Administrative procedure' });
    await page.getByLabel('Subject').fill('Zahtjev za izdavanje građevinske dozvole');
    await page.getByLabel('Full name or company name').fill('Marko Marković');
    await page.getByLabel('Mobile phone number').fill('067 123 456');
    await page.getByRole('button', { name: 'Register the case' }).click();

    const number = (await page.getByTestId('receipt-number').textContent())!.trim();
    const code = (await page.getByTestId('receipt-code').textContent())!.trim();
    assert.match(number, /^UP-I-PIS-\d{3}\/\d{4}$/);
    assert.match(code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    assert.equal(await page.getByRole('img', { name: 'QR code that opens the tracking page' }).count(), 1);
    // The citizen scans the QR code: the public tracking page opens without signing in.
    const trackUrl = `${b.base}/track?number=${encodeURIComponent(number)}&code=${encodeURIComponent(code)}`;
    const citizen = await newPage(b, { width: 360 });
    try {
      await citizen.page.goto(trackUrl);
      await waitForStatus(citizen.page, 'Received at the registry office');
      assert.equal(await citizen.page.getByRole('button', { name: 'Sign in' }).count(), 0);
      assert.deepEqual(await axeViolations(citizen.page), []);
      await citizen.page.goto(`${b.base}/track?number=${encodeURIComponent(number)}&code=2222-2222-2222`);
      await citizen.page.getByRole('alert').filter({ hasText: 'Not found.' }).waitFor();
    } finally {
      await citizen.context.close();
    }

    await page.getByRole('link', { name: 'Open the case' }).click();
    await waitForStatus(page, 'Received at the registry office');
    assert.deepEqual(await moveButtons(page), ['Delivered to the responsible body', 'Dismissed']);
    assert.match((await page.locator('.facts').first().textContent())!, /\+38167123456/);
    const caseUrl = page.url();

    await page.getByRole('button', { name: 'Delivered to the responsible body' }).click();
    await page.getByLabel('Deliver to the responsible body').selectOption({ label: 'Odeljenje A' });
    await page.getByRole('button', { name: 'Confirm' }).click();
    await waitForStatus(page, 'Delivered to the responsible body');
    assert.equal(await page.getByTestId('case-unit').textContent(), 'Odeljenje A');
    assert.deepEqual(await timelineTypes(page), ['case.registered', 'case.delivered']);
    // The deciding body receives the case, not the registry: that move is not offered here.
    assert.deepEqual(await moveButtons(page), ['Returned to the registry office']);
    await signOut(page);

    // Clerk A finds the case in the unit's list and works it.
    await signIn(page, b.base, 'clerkA');
    await page.getByRole('link', { name: 'My unit' }).click();
    await page.getByRole('link', { name: number }).click();
    await waitForStatus(page, 'Delivered to the responsible body');
    assert.equal(page.url(), caseUrl);
    assert.deepEqual(await moveButtons(page), ['Received by the case officer', 'Returned to the registry office']);
    for (const status of ['Received by the case officer', 'In progress', 'Approved'] as const) {
      await page.locator('.moves').getByRole('button', { name: status }).click();
      await page.getByRole('button', { name: 'Confirm' }).click();
      await waitForStatus(page, status);
    }
    assert.equal(await page.getByTestId('case-clerk').textContent(), 'User clerkA');
    assert.deepEqual(await timelineTypes(page), ['case.registered', 'case.delivered', 'case.accepted', 'case.status_changed', 'case.status_changed']);
    // Returning it to the registry takes it out of unit A: the clerk lands on the case list, told it was saved.
    await page.locator('.moves').getByRole('button', { name: 'Returned to the registry office' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL((u) => u.pathname === '/cases');
    assert.equal(await page.locator('.flash').textContent(), 'Saved.');
    await signOut(page);

    // Back at the registry: found by search (without diacritics), then archived.
    await signIn(page, b.base, 'registry');
    await page.getByRole('searchbox', { name: 'Search by number, subject or party name' }).fill('markovic');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: number }).click();
    await waitForStatus(page, 'Returned to the registry office');
    assert.equal(await page.getByTestId('case-clerk').textContent(), '—');
    assert.deepEqual(await moveButtons(page), ['Archived', 'Delivered to the responsible body']);
    await page.locator('.moves').getByRole('button', { name: 'Archived' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await waitForStatus(page, 'Archived');
    assert.equal(await page.getByText('There is nothing you can do on this case.').count(), 1);
    const timeline = page.getByTestId('timeline');
    assert.deepEqual(await timelineTypes(page), [
      'case.registered',
      'case.delivered',
      'case.accepted',
      'case.status_changed',
      'case.status_changed',
      'case.returned_to_registry',
      'case.archived',
    ]);
    for (const label of [
      'Case registered',
      'Delivered to the responsible body',
      'Received by the case officer',
      'In progress → Approved',
      'Returned to the registry office',
      'Case archived',
    ]) {
      assert.ok((await timeline.textContent())!.includes(label), `timeline shows ${label}`);
    }
  } finally {
    await context.close();
  }
});

test('a clerk of unit B opening a unit A case by its address sees the same "not found" as for a case that does not exist', async () => {
  const c = await caseInUnitA();
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'clerkB');
    await page.goto(`${b.base}/cases/${c.id}`);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: 'Not found.' }).waitFor();
    const forOther = await page.locator('main').textContent();
    await page.goto(`${b.base}/cases/${randomUUID()}`);
    await heading.filter({ hasText: 'Not found.' }).waitFor();
    const forMissing = await page.locator('main').textContent();
    assert.equal(forOther, forMissing);
    assert.ok(!forOther!.includes(c.number));
    // Clerk A of the right unit does see it, so the refusal above is about the unit, not a broken page.
    await signOut(page);
    await signIn(page, b.base, 'clerkA');
    await page.goto(`${b.base}/cases/${c.id}`);
    await waitForStatus(page, 'Delivered to the responsible body');
  } finally {
    await context.close();
  }
});

test('axe-core finds no violations on the sign-in page, the case list, the intake form, the receipt, the case page and administration, also at 360 px', async () => {
  const c = await caseInUnitA();
  for (const width of [1280, 360]) {
    const { context, page } = await newPage(b, { width });
    try {
      const check = (what: string) => assertAccessibleAndFits(page, what, width);
      await page.goto(`${b.base}/staff`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Username is required.').waitFor();
      await check('sign-in page with errors');
      await signIn(page, b.base, 'registry');
      await page.getByRole('link', { name: 'Recently registered' }).click();
      await page.getByRole('table').waitFor();
      await check('case list');
      await page.goto(`${b.base}/cases/new`);
      await page.getByRole('button', { name: 'Register the case' }).click();
      await page.getByText('Subject is required.').waitFor();
      await check('intake form with errors');
      await page.getByLabel('Case type').selectOption({ label: 'Administrative procedure' });
      await page.getByLabel('Subject').fill('Provjera pristupačnosti');
      await page.getByLabel('Full name or company name').fill('Ana Anić');
      await page.getByRole('button', { name: 'Register the case' }).click();
      await page.getByTestId('receipt-number').waitFor();
      await check('receipt');
      await signOut(page);
      await signIn(page, b.base, 'clerkA');
      await page.goto(`${b.base}/cases/${c.id}`);
      await waitForStatus(page, 'Delivered to the responsible body');
      await page.locator('.moves').getByRole('button', { name: 'Received by the case officer' }).click();
      await check('case page with a status change open');
      await signOut(page);
      await signIn(page, b.base, 'admin');
      await page.getByRole('table').waitFor();
      await check('administration: org units');
    } finally {
      await context.close();
    }
  }
});

test('switching the language to Serbian Cyrillic shows Cyrillic status labels, and the choice survives a reload', async () => {
  const c = await caseInUnitA();
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'clerkA');
    await page.goto(`${b.base}/cases/${c.id}`);
    await waitForStatus(page, 'Delivered to the responsible body');
    await page.getByLabel('Language').selectOption('sr-Cyrl');
    const cyr = t('sr-Cyrl', 'status.delivered');
    assert.match(cyr, /^[\u0400-\u04FF\s]+$/);
    await waitForStatus(page, cyr);
    assert.equal(await page.locator('html').getAttribute('lang'), 'sr-Cyrl');
    assert.match((await page.getByTestId('timeline').textContent())!, new RegExp(t('sr-Cyrl', 'event.case.registered')));
    await page.reload();
    await waitForStatus(page, cyr);
    await page.getByRole('button', { name: t('sr-Cyrl', 'ui.sign_out') }).waitFor();
  } finally {
    await context.close();
  }
});

test('a case officer adds an internal note and a note for the citizen and attaches a document; the timeline tells internal from public, and the document downloads', async () => {
  const c = await caseInUnitA();
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'clerkA');
    await page.goto(`${b.base}/cases/${c.id}`);
    await waitForStatus(page, 'Delivered to the responsible body');

    await page.getByRole('button', { name: 'Add a note' }).click();
    await page.getByText('Note is required.').waitFor();
    await page.getByLabel('Note', { exact: true }).fill('Provjeriti katastarski plan.');
    await page.getByRole('button', { name: 'Add a note' }).click();
    await page.locator('[data-type="case.note_added"]').waitFor();
    await page.getByLabel('Note', { exact: true }).fill('Molimo dostavite kopiju lične karte.');
    await page.getByRole('radio', { name: 'Visible to the citizen' }).first().check();
    await page.getByRole('button', { name: 'Add a note' }).click();
    await page.locator('[data-type="case.note_added"]').nth(1).waitFor();

    await page.getByLabel('File').setInputFiles({ name: 'zapisnik.txt', mimeType: 'text/plain', buffer: Buffer.from('Zapisnik sa uviđaja.\n') });
    await page.getByRole('button', { name: 'Attach a document' }).click();
    await page.getByRole('link', { name: 'Download zapisnik.txt' }).waitFor();

    const notes = page.locator('[data-type="case.note_added"]');
    assert.deepEqual(
      await notes.evaluateAll((els) => els.map((e) => [e.className, e.querySelector('.vis')?.textContent, e.querySelector('.event-note')?.textContent])),
      [
        ['event event-internal', 'Internal', 'Provjeriti katastarski plan.'],
        ['event event-public', 'Visible to the citizen', 'Molimo dostavite kopiju lične karte.'],
      ],
    );
    assert.match((await page.locator('[data-type="case.document_added"]').textContent())!, /zapisnik\.txt/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download zapisnik.txt' }).click()]);
    assert.equal(download.suggestedFilename(), 'zapisnik.txt');
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    assert.equal(Buffer.concat(chunks).toString('utf8'), 'Zapisnik sa uviđaja.\n');
  } finally {
    await context.close();
  }
});

test('bad input is refused with the message beside the field it concerns, in the language of the screen', async () => {
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'registry');
    await page.getByLabel('Language').selectOption('hr');
    await page.getByRole('link', { name: t('hr', 'ui.nav_new_case') }).click();
    await page.getByLabel(t('hr', 'ui.case_type')).selectOption({ label: 'Upravni postupak' });
    await page.getByLabel(t('hr', 'ui.subject')).fill('Zahtjev');
    await page.getByLabel(t('hr', 'ui.party_name')).fill('Ivana Horvat');
    await page.getByLabel(t('hr', 'ui.phone')).fill('nije broj');
    await page.getByRole('button', { name: t('hr', 'ui.register_case') }).click();
    const error = page.locator('#phone-error');
    await error.waitFor();
    assert.match((await error.textContent())!, /^Uneseni podaci nisu ispravni: .*nije broj/);
    assert.equal(await page.getByLabel(t('hr', 'ui.phone')).getAttribute('aria-invalid'), 'true');
    // Focus moves to the field (in the effect after the error renders), so a keyboard user can correct it at once.
    const focused = await page
      .waitForFunction(() => document.activeElement?.id === 'phone', undefined, { timeout: 3000 })
      .then(
        () => true,
        () => false,
      );
    assert.ok(focused, `focus is on ${await page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName)}, not on the phone field`);
    assert.equal(await page.getByTestId('receipt-number').count(), 0);
  } finally {
    await context.close();
  }
});
