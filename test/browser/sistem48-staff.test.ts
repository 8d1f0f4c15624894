/**
 * Sistem 48 staff screens in a real browser, mostly by keyboard: the operator console (caller
 * lookup, category picker, duplicate suggestions, filing) and the report panel on the case page
 * (48-hour clock, response with a planned date, field result, costs, photo approval, re-routing,
 * merging), with refusals beside their field in the screen's language.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fileReport } from '../../src/sistem48/commands/file-report.ts';
import { checkSlaThreshold } from '../../src/sistem48/commands/check-sla-threshold.ts';
import { preparePhoto } from '../../src/sistem48/photos.ts';
import { axeViolations, newPage, signIn, signOut, startBrowserApp, type BrowserApp, assertAccessibleAndFits } from './harness.ts';
import { CENTRE, seedSistem48, type Sistem48Fixture } from '../sistem48/helpers.ts';
import { jpegWithGps } from '../sistem48/images.ts';
import { PASSWORD } from '../helpers/fixtures.ts';

let b: BrowserApp;
let s48: Sistem48Fixture;
before(async () => {
  b = await startBrowserApp();
  s48 = await seedSistem48(b.db.ctx, b.m);
});
after(async () => { await b?.close(); });

/** A pothole in the centre (unit A's area) reported earlier by Ana Anić by phone, with her photo awaiting approval. */
async function earlierPotholeWithPhoto() {
  const photo = await preparePhoto(await jpegWithGps(CENTRE.lat, CENTRE.lon, 120), { maxBytes: 5_000_000, maxDimension: 2000 });
  return fileReport(b.db.ctx, b.m.users.operator!.actor, {
    via: 'staff', channel: 'phone', category: { id: s48.cat.pothole.id }, description: 'Duboka rupa kod škole', ...CENTRE, address: 'Glavna 1',
    fields: { size: 'large' }, contact: { name: 'Ana Anić', phone: '0641234567' }, photos: [photo],
  });
}

/** The staff view of a report, read through the API as the user who works on it. */
async function staffReport(caseId: string, username = 'clerkA') {
  const session = await login(username);
  const r = await b.app.inject({ method: 'GET', url: `/api/v1/sistem48/reports/${caseId}`, headers: { cookie: session.cookie } });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as { unitId: string; mergedInto: string | null; contactConsent: boolean; costs: unknown[]; photos: { id: string; approved: boolean }[]; firstResponse: { answeredAt: string | null } };
}

async function login(username: string) {
  const r = await b.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
  assert.equal(r.statusCode, 200, r.body);
  const cookie = r.cookies.find((c) => c.name === 'glas_session')!;
  return { cookie: `glas_session=${cookie.value}` };
}

const isoDay = (daysFromNow: number) => {
  const d = new Date(Date.now() + daysFromNow * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

async function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

/** Types the phone number, picks "Pothole" by keyboard, and gives the address and the centre's coordinates. */
async function fillPotholeCall(page: Page) {
  await page.getByLabel('Mobile phone number').focus();
  await page.keyboard.type('064 123 4567');
  await page.getByTestId('s48-caller').getByText('Known caller: Ana Anić').waitFor();
  await page.getByRole('combobox', { name: 'Category' }).focus();
  await page.keyboard.type('pot');
  await page.getByRole('option', { name: /Pothole/ }).waitFor();
  await page.keyboard.press('Enter');
  assert.equal(await page.getByRole('combobox', { name: 'Category' }).inputValue(), 'Pothole');
  await page.getByLabel('Size').selectOption({ label: 'Large' });
  await page.getByLabel('Description', { exact: true }).focus();
  await page.keyboard.type('Nova rupa, opasna za bicikliste');
  await page.getByLabel('Address or description of the place').focus();
  await page.keyboard.type('Glavna 3');
  await page.getByLabel('Latitude').focus();
  await page.keyboard.type(String(CENTRE.lat));
  await page.keyboard.press('Tab');
  await page.keyboard.type(String(CENTRE.lon));
}

test('the operator looks up the caller by phone, picks the category by keyboard, sees the open report nearby (Alt+1 opens it), files a new one and sees its number, unit and 48-hour clock; the form is ready for the next call', async () => {
  const earlier = await earlierPotholeWithPhoto();
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'operator');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Phone reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Report a problem (phone, counter)' }).waitFor();

    // Refused before anything is sent: no category, then no location; each message beside its field.
    await page.getByRole('button', { name: 'File the report' }).click();
    await page.locator('#s48-category-error').filter({ hasText: 'Category is required.' }).waitFor();
    assert.equal(await focusedId(page), 's48-category');

    // A category with a required extra field: first no location (refused here), then no pole number (refused by the server).
    const category = page.getByRole('combobox', { name: 'Category' });
    await page.keyboard.type('light');
    await page.keyboard.press('Enter');
    assert.equal(await category.inputValue(), 'Street light out');
    await page.getByLabel('Pole number (required)').waitFor();
    await page.getByRole('button', { name: 'File the report' }).click();
    await page.locator('#s48-address-error').filter({ hasText: 'Give the location: an address or coordinates.' }).waitFor();
    assert.equal(await focusedId(page), 's48-address');
    await page.keyboard.type('Glavna 5');
    await page.keyboard.press('Enter');
    await page.locator('#s48-field-pole_number-error').filter({ hasText: /^The request is not valid: .*required/ }).waitFor();
    assert.equal(await focusedId(page), 's48-field-pole_number');
    await page.getByLabel('Address or description of the place').fill('');
    await category.fill('');

    await fillPotholeCall(page);
    const caller = page.getByTestId('s48-caller');
    await caller.getByRole('link', { name: earlier.number }).waitFor();
    const dups = page.getByTestId('s48-duplicates');
    await dups.getByRole('link', { name: `Open report ${earlier.number}` }).waitFor();
    assert.match((await dups.textContent())!, /0 m away · Glavna 1/);
    assert.deepEqual(await axeViolations(page), [], 'operator console with a known caller and a duplicate suggestion');

    // One key opens the suggested report instead of filing a new one.
    await page.keyboard.press('Alt+1');
    await page.waitForURL(`${b.base}/cases/${earlier.caseId}`);
    await page.getByTestId('s48-panel').waitFor();
    await page.goBack();

    await page.getByRole('heading', { level: 1, name: 'Report a problem (phone, counter)' }).waitFor();
    await fillPotholeCall(page);
    await page.getByLabel('Latitude').fill('95');
    await page.getByLabel('Longitude').press('Enter');
    await page.locator('#s48-lat-error').filter({ hasText: 'Give both coordinates as numbers' }).waitFor();
    assert.equal(await focusedId(page), 's48-lat');
    await page.getByLabel('Latitude').fill(String(CENTRE.lat));
    await page.getByRole('checkbox', { name: 'The caller agrees to receive updates about this report' }).check();
    await page.getByLabel('Longitude').press('Enter');

    const filed = page.getByTestId('s48-filed');
    await filed.waitFor();
    const title = (await filed.getByRole('heading').textContent())!;
    const number = /^Report (\S+) filed$/.exec(title)?.[1];
    assert.ok(number, title);
    assert.match(number, /^S48-\d{5}\/\d{2}$/);
    assert.match((await page.getByTestId('s48-filed-unit').textContent())!, /^Odeljenje A \(by rule\)$/);
    assert.match((await page.getByTestId('s48-filed-clock').textContent())!, /^4[78] h \d{2} min left · Answer due by /);
    // Filed for the known caller (her party, not a new one), with her consent to updates.
    const href = (await filed.getByRole('link', { name: `Open report ${number}` }).getAttribute('href'))!;
    const filedReport = await staffReport(href.split('/').at(-1)!);
    assert.equal(filedReport.contactConsent, true);
    const session = await login('clerkA');
    const parties = (await b.app.inject({ method: 'GET', url: href.replace('/cases/', '/api/v1/cases/'), headers: { cookie: session.cookie } })).json() as { parties: { id: string }[] };
    const earlierParties = (await b.app.inject({ method: 'GET', url: `/api/v1/cases/${earlier.caseId}`, headers: { cookie: session.cookie } })).json() as { parties: { id: string }[] };
    assert.deepEqual(parties.parties.map((p) => p.id), earlierParties.parties.map((p) => p.id));
    // The next call starts at an empty phone field.
    await page.waitForFunction(() => document.activeElement?.id === 's48-phone');
    assert.equal(await page.getByLabel('Mobile phone number').inputValue(), '');
    assert.equal(await page.getByRole('combobox', { name: 'Category' }).inputValue(), '');

    // The new report reached unit A's work queue, routed by the area rule, with the caller as its party.
    await signOut(page);
    await signIn(page, b.base, 'clerkA');
    await page.getByRole('link', { name: 'Sistem 48 work queue' }).click();
    await page.getByTestId('work-queue').getByRole('link', { name: number }).waitFor();
  } finally {
    await context.close();
  }
});

test('the case officer opens a report from the work queue, sees the clock, is refused without a planned date (in Croatian) and with a past one, answers with status and date (the clock stops and the citizen sees the response), records a field result with a photo and a cost, approves a citizen photo, merges a duplicate and re-routes another report', async () => {
  const earlier = await earlierPotholeWithPhoto();
  const operator = b.m.users.operator!.actor;
  const dup = await fileReport(b.db.ctx, operator, { via: 'staff', channel: 'phone', category: { id: s48.cat.pothole.id }, description: 'Ista rupa, javlja komšija', ...CENTRE, contact: { name: 'Ivo Ivić', phone: '0651112223' } });
  const dumping = await fileReport(b.db.ctx, operator, { via: 'staff', channel: 'counter', category: { id: s48.cat.dumping.id }, description: 'Šut na livadi', address: 'Livadska 4' });
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'clerkA');
    await page.getByRole('link', { name: 'Sistem 48 work queue' }).click();
    await page.getByTestId('work-queue').getByRole('link', { name: earlier.number }).click();
    const panel = page.getByTestId('s48-panel');
    await panel.waitFor();
    const clock = page.getByTestId('s48-clock');
    assert.equal(await clock.getAttribute('data-state'), 'ok');
    assert.match((await clock.textContent())!, /h \d{2} min left/);
    assert.match((await page.getByTestId('s48-unit').textContent())!, /Odeljenje A \(by rule #\d+\)/);
    // The category's extra field, with its label and option name in the screen's language.
    await panel.locator('dt', { hasText: 'Size' }).waitFor();
    await panel.locator('dd', { hasText: /^Large$/ }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'case page with the Sistem 48 panel');

    // Without a date: refused beside the field, in the screen's language, with the focus there.
    await page.getByTestId('language').selectOption('hr');
    await panel.getByRole('button', { name: 'Pošalji odgovor' }).click();
    await page.locator('#s48-response-date-error').filter({ hasText: 'Polje Planirani datum rješavanja je obvezno.' }).waitFor();
    assert.equal(await focusedId(page), 's48-response-date');
    await page.getByTestId('language').selectOption('en');
    // A date in the past: the server refuses it, and its message stands beside the date.
    await page.getByLabel('Planned resolution date').fill(isoDay(-2));
    await panel.getByRole('button', { name: 'Send the response' }).click();
    await page.locator('#s48-response-date-error').filter({ hasText: 'in the past' }).waitFor();
    assert.equal(await clock.getAttribute('data-state'), 'ok');

    await page.getByLabel('Status', { exact: true }).last().selectOption({ label: 'In progress' });
    await page.getByLabel('Planned resolution date').fill(isoDay(3));
    await page.getByLabel('Note for the citizen').first().fill('Ekipa izlazi u četvrtak.');
    await page.getByLabel('Note for the citizen').first().press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="s48-clock"][data-state="answered"]').waitFor();
    assert.match((await page.getByTestId('s48-clock').textContent())!, /The 48-hour clock is stopped/);
    assert.notEqual(await page.getByTestId('s48-planned').textContent(), '—');
    assert.ok((await staffReport(earlier.caseId)).firstResponse.answeredAt);
    // The citizen-facing timeline carries the response with its planned date and note.
    const pub = await b.app.inject({ method: 'GET', url: `/api/v1/sistem48/public/reports/${earlier.reportNo}` });
    assert.equal(pub.statusCode, 200, pub.body);
    const response = (pub.json() as { timeline: { type: string; note: string | null; plannedResolutionAt: string | null; status: string | null }[] }).timeline.find((e) => e.type === 'case.response_given');
    assert.ok(response, 'public timeline has case.response_given');
    assert.equal(response.note, 'Ekipa izlazi u četvrtak.');
    assert.equal(response.status, 'in_progress');
    assert.ok(response.plannedResolutionAt);

    // Field result with a photo from the field.
    const fieldPhoto = await jpegWithGps(CENTRE.lat, CENTRE.lon, 80);
    await page.getByLabel('Photos from the field (JPEG, PNG)').setInputFiles({ name: 'teren.jpg', mimeType: 'image/jpeg', buffer: fieldPhoto });
    await page.locator('#s48-field-note').fill('Rupa je označena, asfaltiranje u četvrtak.');
    await panel.getByRole('button', { name: 'Record the result' }).click();
    await page.getByTestId('s48-photos').getByText('Photo 2 (field)').waitFor();
    const withField = await b.app.inject({ method: 'GET', url: `/api/v1/sistem48/public/reports/${earlier.reportNo}` });
    assert.ok((withField.json() as { timeline: { type: string; note: string | null }[] }).timeline.some((e) => e.type === 'case.field_result' && e.note === 'Rupa je označena, asfaltiranje u četvrtak.'));

    // Costs: nothing given is refused beside labour hours; then one is recorded and listed.
    await panel.getByRole('button', { name: 'Record the cost' }).click();
    await page.locator('#s48-cost-hours-error').filter({ hasText: 'Record at least one of labour hours, materials or contractor.' }).waitFor();
    assert.equal(await focusedId(page), 's48-cost-hours');
    await page.keyboard.type('3');
    await page.getByLabel('Materials').fill('45,5');
    await page.getByLabel('Materials').press('Enter');
    const costs = page.getByTestId('s48-costs');
    await costs.waitFor();
    assert.deepEqual((await costs.locator('tbody tr').first().locator('td').allTextContents()).slice(1), ['3', '45.5', '0']);
    assert.equal((await staffReport(earlier.caseId)).costs.length, 1);

    // The citizen's photo: approved for the public pages.
    const citizenPhoto = (await staffReport(earlier.caseId)).photos.find((p) => !p.approved)!;
    assert.equal((await b.app.inject({ method: 'GET', url: `/api/v1/sistem48/public/photos/${citizenPhoto.id}` })).statusCode, 404);
    await panel.getByRole('button', { name: 'Approve for the public pages: Photo 1 (citizen)' }).click();
    await page.locator('[data-testid="s48-photos"] li[data-approved="no"]').waitFor({ state: 'detached' });
    assert.equal((await b.app.inject({ method: 'GET', url: `/api/v1/sistem48/public/photos/${citizenPhoto.id}` })).statusCode, 200);

    // The duplicate: a wrong number is refused beside the field, then it is merged into the earlier report.
    await page.goto(`${b.base}/cases/${dup.caseId}`);
    await panel.waitFor();
    await page.getByLabel('Number of the report that stays').fill('S48-99999/99');
    await panel.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.locator('#s48-merge-into-error').filter({ hasText: 'Not found.' }).waitFor();
    await page.getByLabel('Number of the report that stays').fill(earlier.number);
    await page.getByLabel('Number of the report that stays').press('Enter');
    await page.getByTestId('s48-merged').waitFor();
    assert.equal((await staffReport(dup.caseId)).mergedInto, earlier.caseId);

    // Re-routing: unit A is not competent for this one; it goes to unit B and out of this clerk's sight.
    await page.goto(`${b.base}/cases/${dumping.caseId}`);
    await panel.waitFor();
    await panel.getByRole('button', { name: 'Re-route', exact: true }).click();
    await page.locator('#s48-reroute-unit-error').filter({ hasText: 'New responsible unit is required.' }).waitFor();
    await page.getByLabel('New responsible unit').selectOption({ label: 'Odeljenje B' });
    await page.getByLabel('Reason').fill('Livada je u nadležnosti Odeljenja B.');
    await panel.getByRole('button', { name: 'Re-route', exact: true }).click();
    await page.waitForURL(`${b.base}/cases`);
    assert.equal((await staffReport(dumping.caseId, 'clerkB')).unitId, b.m.units.b.id);
  } finally {
    await context.close();
  }
});

test('a report past its 48 hours shows the time over and the escalations sent; the console and the panel pass axe and do not scroll sideways at 360 px', async () => {
  // A pothole in the centre (unit A, 48 calendar hours) filed 50 hours ago: both thresholds have passed, and the SLA job escalates each once.
  const past = new Date(Date.now() - 50 * 3_600_000);
  const late = await fileReport({ ...b.db.ctx, now: () => past }, b.m.users.operator!.actor, {
    via: 'staff', channel: 'phone', category: { id: s48.cat.pothole.id }, description: 'Rupa kod kanala', ...CENTRE, address: 'Kanalska 12',
  });
  for (const level of ['warning', 'breach'] as const) await checkSlaThreshold(b.db.ctx, { caseId: late.caseId, level });
  for (const width of [1280, 360]) {
    const { context, page } = await newPage(b, { width });
    try {
      const check = (what: string) => assertAccessibleAndFits(page, what, width);
      await signIn(page, b.base, 'headA');
      await page.goto(`${b.base}/cases/${late.caseId}`);
      const clock = page.locator('[data-testid="s48-clock"][data-state="breached"]');
      await clock.waitFor();
      assert.match((await clock.textContent())!, /^\d+ h \d{2} min over/);
      const escalations = page.getByTestId('s48-escalations');
      await escalations.getByText('Response overdue').waitFor();
      assert.equal(await escalations.getByText('Warning (response due soon)').count(), 1);
      await check('case page with an overdue report');
      await signOut(page);

      await signIn(page, b.base, 'registry');
      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Phone reports' }).click();
      await page.getByRole('combobox', { name: 'Category' }).focus();
      await page.keyboard.press('ArrowDown');
      await page.getByRole('listbox', { name: 'Category' }).waitFor();
      await check('operator console with the category list open');
      // Arrow keys move through the list and Enter takes the highlighted category.
      // Focusing the empty field opened the list and the first ArrowDown moved to the second category; one more goes to the third.
      await page.keyboard.press('ArrowDown');
      const third = page.getByRole('listbox', { name: 'Category' }).getByRole('option').nth(2);
      assert.equal(await third.getAttribute('aria-selected'), 'true');
      const thirdName = (await third.textContent())!;
      await page.keyboard.press('Enter');
      const picked = await page.getByRole('combobox', { name: 'Category' }).inputValue();
      assert.ok(picked && thirdName.startsWith(picked), `${picked} / ${thirdName}`);
      assert.equal(await page.getByRole('listbox', { name: 'Category' }).isHidden(), true);
    } finally {
      await context.close();
    }
  }
});
