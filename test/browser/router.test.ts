/**
 * The report router in a real browser: the administrator's router screen (model, evaluation, the
 * threshold), the category suggested as the description is typed in the operator console and in the
 * public form (the person still picks), and the dispatcher's category correction on the report panel.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessibleAndFits, newPage, signIn, startBrowserApp, type BrowserApp } from './harness.ts';
import { seedSistem48, type Sistem48Fixture } from '../sistem48/helpers.ts';
import { fileConfirmedHistory } from '../sistem48/router-history.ts';
import { trainRouter } from '../../src/sistem48/commands/train-router.ts';
import { fileReport } from '../../src/sistem48/commands/file-report.ts';
import { SYSTEM_ACTOR } from '../../src/kernel/types.ts';

let b: BrowserApp;
let s48: Sistem48Fixture;
let version: number;
before(async () => {
  b = await startBrowserApp();
  s48 = await seedSistem48(b.db.ctx, b.m);
  await fileConfirmedHistory(b.db.ctx, b.m.users.operator!.actor, { seed: 21, count: 300 });
  version = (await trainRouter(b.db.ctx, SYSTEM_ACTOR)).version;
});
after(async () => {
  await b?.close();
});

test('the administrator sees the model with its held-out evaluation and sets the auto-route threshold; the screen passes axe and fits 360 px', async () => {
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'admin');
    await page.goto(`${b.base}/admin/router`);
    await page.getByRole('heading', { name: 'Routing reports by their text' }).waitFor();
    await page.getByRole('heading', { name: new RegExp(`Model ${version}, trained .* in use`) }).waitFor();
    assert.match(await page.getByTestId('router-model').first().innerText(), /Reports learned from: \d+ · held out for testing: \d+ · top-1 \d/);
    const threshold = page.getByLabel('Confidence threshold (%)');
    assert.equal(await threshold.inputValue(), '70');
    await threshold.fill('85');
    await page.getByRole('button', { name: 'Save' }).click();
    // The notice appears once the server has answered the save.
    await page.getByText('Saved.').waitFor();
    const row = await b.db.ctx.db.selectFrom('sistem48_settings').select('auto_route_threshold').executeTakeFirstOrThrow();
    assert.ok(Math.abs(row.auto_route_threshold - 0.85) < 1e-6);
    await assertAccessibleAndFits(page, 'router screen', 1280);
    await page.setViewportSize({ width: 360, height: 800 });
    await assertAccessibleAndFits(page, 'router screen', 360);
    await threshold.fill('70');
    await page.getByRole('button', { name: 'Save' }).click();
  } finally {
    await context.close();
  }
});

test('the operator console suggests the category as the description is typed; the operator takes it with one click', async () => {
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'operator');
    await page.goto(`${b.base}/operator`);
    await page.getByLabel('Description', { exact: true }).fill('ne radi svetlo u ulici Njegoševa kod broja 12');
    const chip = page.getByTestId('category-suggestions').getByRole('button', { name: /Street light out \(\d+ ?%\)/ });
    await chip.click();
    assert.equal(await chip.getAttribute('aria-pressed'), 'true');
    await page.getByLabel('Pole number').waitFor();
  } finally {
    await context.close();
  }
});

test('the public form suggests the category in the citizen’s language; the citizen still chooses', async () => {
  const { context, page } = await newPage(b);
  try {
    await page.goto(`${b.base}/problems/new`);
    await page.getByTestId('language').selectOption('hr');
    await page.getByRole('heading', { name: 'Prijava komunalnog problema' }).waitFor();
    await page.getByLabel('Opis').fill('Kontejneri nisu ispražnjeni već tjedan dana, smeće po ulici');
    const chip = page.getByTestId('category-suggestions').getByRole('button', { name: /Smeće/ });
    await chip.waitFor();
    assert.equal(await page.getByRole('radio', { name: /Smeće/ }).isChecked(), false, 'nothing is chosen for the citizen');
    await chip.click();
    assert.equal(await page.getByRole('radio', { name: /Smeće/ }).isChecked(), true);
  } finally {
    await context.close();
  }
});

test('the dispatcher sees what the router suggested for a report left in the catch-all category and corrects its category; it goes to that category’s unit', async () => {
  const report = await fileReport(b.db.ctx, SYSTEM_ACTOR, {
    via: 'web',
    channel: 'web',
    category: { code: 'other' },
    description: 'Molim vas da me neko pozove u vezi onoga od juče',
    address: 'Trg slobode 1',
  });
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'registry');
    await page.goto(`${b.base}/cases/${report.caseId}`);
    await page.getByRole('heading', { name: 'Change the category' }).waitFor();
    assert.match(await page.getByTestId('router-advice').innerText(), new RegExp(`Model ${version} suggested \\(confidence \\d+ ?%\\)`));
    await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Pothole' });
    await page.getByRole('button', { name: 'Change category' }).click();
    await page.getByTestId('s48-notice-s48-category').getByText('Category: Pothole. The report is now with: JKP Vodovod.').waitFor();
    const row = await b.db.ctx.db.selectFrom('problem_reports').select('category_id').where('case_id', '=', report.caseId).executeTakeFirstOrThrow();
    assert.equal(row.category_id, s48.cat.pothole.id);
  } finally {
    await context.close();
  }
});
