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
import { axeViolations, chooseLanguage, newPage, signIn, signOut, startBrowserApp, type BrowserApp, assertAccessibleAndFits } from './harness.ts';
import { CENTRE, seedSistem48, type Sistem48Fixture } from '../sistem48/helpers.ts';
import { jpegWithGps } from '../sistem48/images.ts';
import { PASSWORD } from '../helpers/fixtures.ts';

let b: BrowserApp;
let s48: Sistem48Fixture;
before(async () => {
  b = await startBrowserApp();
  s48 = await seedSistem48(b.db.ctx, b.m);
});
after(async () => {
  await b?.close();
});

/** A pothole in the centre (unit A's area) reported earlier by Ana Anić by phone, with her photo awaiting approval. */
async function earlierPotholeWithPhoto() {
  const photo = await preparePhoto(await jpegWithGps(CENTRE.lat, CENTRE.lon, 120), { maxBytes: 5_000_000, maxDimension: 2000 });
  return fileReport(b.db.ctx, b.m.users.operator!.actor, {
    via: 'staff',
    channel: 'phone',
    category: { id: s48.cat.pothole.id },
    description: 'Duboka rupa kod škole',
    ...CENTRE,
    address: 'Glavna 1',
    fields: { size: 'large' },
    contact: { name: 'Ana Anić', phone: '0641234567' },
    photos: [photo],
  });
}

/** The staff view of a report, read through the API as the user who works on it. */
async function staffReport(caseId: string, username = 'clerkA') {
  const session = await login(username);
  const r = await b.app.inject({ method: 'GET', url: `/api/v1/sistem48/reports/${caseId}`, headers: { cookie: session.cookie } });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as {
    unitId: string;
    mergedInto: string | null;
    contactConsent: boolean;
    costs: unknown[];
    photos: { id: string; approved: boolean }[];
    firstResponse: { answeredAt: string | null };
  };
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

test('the operator looks up the caller by phone, picks the category by keyboard, sees the open report nearby (Alt+1 would add the caller to it), files a new one and sees its number, unit and 48-hour clock; the form is ready for the next call', async () => {
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
    await page
      .locator('#s48-field-pole_number-error')
      .filter({ hasText: /^The request is not valid: .*required/ })
      .waitFor();
    assert.equal(await focusedId(page), 's48-field-pole_number');
    await page.getByLabel('Address or description of the place').fill('');
    await category.fill('');

    await fillPotholeCall(page);
    const caller = page.getByTestId('s48-caller');
    await caller.getByRole('link', { name: earlier.number }).waitFor();
    const dups = page.getByTestId('s48-duplicates');
    const addButton = dups.getByRole('button', { name: `Add the caller to report ${earlier.number}` });
    await addButton.waitFor();
    assert.equal(await addButton.getAttribute('aria-keyshortcuts'), 'Alt+1');
    // The report itself opens in a new tab, so the call in progress is not lost.
    const newTab = dups.getByRole('link', { name: `open ${earlier.number} in a new tab` });
    assert.equal(await newTab.getAttribute('target'), '_blank');
    assert.equal(await newTab.getAttribute('href'), `/cases/${earlier.caseId}`);
    assert.match((await dups.textContent())!, /0 m away · Glavna 1/);
    assert.deepEqual(await axeViolations(page), [], 'operator console with a known caller and a duplicate suggestion');

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
    const parties = (await b.app.inject({ method: 'GET', url: href.replace('/cases/', '/api/v1/cases/'), headers: { cookie: session.cookie } })).json() as {
      parties: { id: string }[];
    };
    const earlierParties = (await b.app.inject({ method: 'GET', url: `/api/v1/cases/${earlier.caseId}`, headers: { cookie: session.cookie } })).json() as {
      parties: { id: string }[];
    };
    assert.deepEqual(
      parties.parties.map((p) => p.id),
      earlierParties.parties.map((p) => p.id),
    );
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

test('with only an address the console suggests the open report on the same street, then at the same address; Alt+1 adds the caller to it (with consent: told how it goes) and the form is ready for the next call; without a caller it asks for one, and the error goes once the phone is typed', async () => {
  const earlier = await earlierPotholeWithPhoto();
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'operator');
    await page.goto(`${b.base}/operator`);
    await page.getByRole('heading', { level: 1, name: 'Report a problem (phone, counter)' }).waitFor();
    await page.getByLabel('Mobile phone number').fill('063 555 1234');
    await page
      .getByTestId('s48-caller')
      .getByText(/No one is known with the number/)
      .waitFor();
    await page.getByLabel('Full name or company name').fill('Petar Petrović');
    await page.getByRole('checkbox', { name: 'The caller agrees to receive updates about this report' }).check();
    await page.getByRole('combobox', { name: 'Category' }).fill('pot');
    await page.getByRole('option', { name: /Pothole/ }).waitFor();
    await page.keyboard.press('Enter');

    // No coordinates: the address is enough; another house on the street shows the report as on the same street, with no distance.
    const dups = page.getByTestId('s48-duplicates');
    const address = page.getByLabel('Address or description of the place');
    await address.fill('Glavna 77');
    const item = dups.getByTestId('s48-duplicate').filter({ has: page.getByRole('button', { name: `Add the caller to report ${earlier.number}` }) });
    await item.waitFor();
    assert.match((await item.textContent())!, /same street · Glavna 1/);
    assert.doesNotMatch((await dups.textContent())!, /m away/);
    await dups.getByText(/^Open reports of this category at this address or in this street: \d+$/).waitFor();
    await address.fill('Glavna 1');
    await item.filter({ hasText: 'same address' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'operator console with suggestions by address');

    // Alt+N adds the caller to the N-th suggestion (the same address comes first).
    const names = await dups.getByTestId('s48-duplicate').getByRole('button').allTextContents();
    const n = names.indexOf(`Add the caller to report ${earlier.number}`) + 1;
    assert.ok(n >= 1 && n <= 9, names.join(' | '));
    await address.focus();
    await page.keyboard.press(`Alt+${n}`);
    const added = page.getByTestId('s48-added');
    await added.getByRole('heading', { name: `The caller is added to report ${earlier.number}` }).waitFor();
    await added.getByText('The caller will be told how it goes.').waitFor();
    assert.equal(await page.getByTestId('s48-filed').count(), 0, 'no new report was filed');
    await page.waitForFunction(() => document.activeElement?.id === 's48-phone');
    assert.equal(await page.getByLabel('Mobile phone number').inputValue(), '');
    assert.equal(await page.getByLabel('Address or description of the place').inputValue(), '');
    // The caller is a party of the earlier report now.
    const session = await login('clerkA');
    const c = (await b.app.inject({ method: 'GET', url: `/api/v1/cases/${earlier.caseId}`, headers: { cookie: session.cookie } })).json() as {
      parties: { name: string }[];
    };
    assert.ok(
      c.parties.some((p) => p.name === 'Petar Petrović'),
      JSON.stringify(c.parties),
    );

    // Next call: the same problem, but nobody named yet; the button asks for the caller first, beside the phone.
    await page.getByRole('combobox', { name: 'Category' }).fill('pot');
    await page.getByRole('option', { name: /Pothole/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByLabel('Address or description of the place').fill('Glavna 1');
    await dups.getByRole('button', { name: `Add the caller to report ${earlier.number}` }).click();
    const phoneError = page.locator('#s48-phone-error');
    await phoneError.filter({ hasText: "Give the caller's phone number or name first." }).waitFor();
    assert.equal(await focusedId(page), 's48-phone');
    // The error goes as soon as the field it is about changes.
    await page.keyboard.type('0');
    await phoneError.waitFor({ state: 'detached' });
    assert.equal(await page.locator('#s48-phone').getAttribute('aria-invalid'), null);
  } finally {
    await context.close();
  }
});

/** The notice (role=status) an action of the panel showed, which must also hold the focus. */
async function confirmed(page: Page, where: string, text: string) {
  const notice = page.getByTestId(`s48-notice-${where}`);
  await notice.filter({ hasText: text }).waitFor();
  assert.equal(await notice.getAttribute('role'), 'status');
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, `s48-notice-${where}`);
}

/** Sets a date input's value as typed, bypassing Playwright's format check (a six-digit year is a valid date string for the input). */
async function typeIntoDate(page: Page, selector: string, value: string) {
  await page.locator(selector).evaluate((el, v) => {
    const input = el as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

test('the case officer opens a report from the work queue, sees the clock, is refused without a planned date (in Croatian), with a six-digit year and with a past one, answers with status and date (the clock stops and the citizen sees the response), records a field result with a photo and a cost, approves a citizen photo, merges a duplicate and re-routes another report; each action confirms itself beside its form with the focus on the confirmation', async () => {
  const earlier = await earlierPotholeWithPhoto();
  const operator = b.m.users.operator!.actor;
  const dup = await fileReport(b.db.ctx, operator, {
    via: 'staff',
    channel: 'phone',
    category: { id: s48.cat.pothole.id },
    description: 'Ista rupa, javlja komšija',
    ...CENTRE,
    contact: { name: 'Ivo Ivić', phone: '0651112223' },
  });
  const dumping = await fileReport(b.db.ctx, operator, {
    via: 'staff',
    channel: 'counter',
    category: { id: s48.cat.dumping.id },
    description: 'Šut na livadi',
    address: 'Livadska 4',
  });
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'clerkA');
    await page.getByRole('link', { name: 'Sistem 48 work queue' }).click();
    await page.getByTestId('work-queue').getByRole('link', { name: earlier.number }).click();
    const panel = page.getByTestId('s48-panel');
    await panel.waitFor();
    // One number: the case number, not the report's internal one.
    assert.equal(await panel.getByRole('heading', { level: 2 }).first().textContent(), `Sistem 48: report ${earlier.number}`);
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
    // A year of six digits (the date input takes it) is refused here, saying what to fix, not "Invalid time value".
    await typeIntoDate(page, '#s48-response-date', '112026-11-24');
    await panel.getByRole('button', { name: 'Send the response' }).click();
    const dateError = page.locator('#s48-response-date-error');
    await dateError.filter({ hasText: 'Give a valid date: day, month and a four-digit year.' }).waitFor();
    assert.equal(await focusedId(page), 's48-response-date');
    assert.equal(await panel.getByText('Invalid time value').count(), 0);
    // A date in the past is refused too, and its message stands beside the date.
    await page.getByLabel('Planned resolution date').fill(isoDay(-2));
    await panel.getByRole('button', { name: 'Send the response' }).click();
    await dateError.filter({ hasText: 'in the past' }).waitFor();
    assert.equal(await clock.getAttribute('data-state'), 'ok');
    // Fixing the field takes its error away before anything is sent.
    await page.getByLabel('Planned resolution date').fill(isoDay(4));
    await dateError.waitFor({ state: 'detached' });

    await page.getByLabel('Status', { exact: true }).last().selectOption({ label: 'In progress' });
    await page.getByLabel('Planned resolution date').fill(isoDay(3));
    await page.getByLabel('Note for the citizen').first().fill('Ekipa izlazi u četvrtak.');
    await page.getByLabel('Note for the citizen').first().press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="s48-clock"][data-state="answered"]').waitFor();
    await confirmed(page, 's48-response', 'The response is sent to the citizen.');
    assert.match((await page.getByTestId('s48-clock').textContent())!, /The 48-hour clock is stopped/);
    assert.notEqual(await page.getByTestId('s48-planned').textContent(), '—');
    assert.ok((await staffReport(earlier.caseId)).firstResponse.answeredAt);
    // The citizen-facing timeline carries the response with its planned date and note.
    const pub = await b.app.inject({ method: 'GET', url: `/api/v1/sistem48/public/reports/${earlier.reportNo}` });
    assert.equal(pub.statusCode, 200, pub.body);
    const response = (
      pub.json() as { timeline: { type: string; note: string | null; plannedResolutionAt: string | null; status: string | null }[] }
    ).timeline.find((e) => e.type === 'case.response_given');
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
    await confirmed(page, 's48-field', 'The field result is recorded.');
    const withField = await b.app.inject({ method: 'GET', url: `/api/v1/sistem48/public/reports/${earlier.reportNo}` });
    assert.ok(
      (withField.json() as { timeline: { type: string; note: string | null }[] }).timeline.some(
        (e) => e.type === 'case.field_result' && e.note === 'Rupa je označena, asfaltiranje u četvrtak.',
      ),
    );

    // Costs: nothing given is refused beside labour hours; then one is recorded and listed.
    await panel.getByRole('button', { name: 'Record the cost' }).click();
    await page.locator('#s48-cost-hours-error').filter({ hasText: 'Record at least one of labour hours, materials or contractor.' }).waitFor();
    assert.equal(await focusedId(page), 's48-cost-hours');
    await page.keyboard.type('3');
    await page.locator('#s48-cost-hours-error').waitFor({ state: 'detached' });
    // In English "45,5" is a thousands comma in the wrong place: refused as unclear, beside the field.
    await page.getByLabel('Materials').fill('45,5');
    await page.getByLabel('Materials').press('Enter');
    const materialsError = page.locator('#s48-cost-materials-error');
    await materialsError.filter({ hasText: 'Unclear number: write decimals with a point (1.5); a comma separates thousands (1,200).' }).waitFor();
    assert.equal(await focusedId(page), 's48-cost-materials');
    await page.getByLabel('Materials').fill('45.5');
    await materialsError.waitFor({ state: 'detached' });
    await page.getByLabel('Materials').press('Enter');
    const costs = page.getByTestId('s48-costs');
    await costs.waitFor();
    await confirmed(page, 's48-costs', 'The cost is recorded.');
    // The panel reloads the report after the confirmation: wait for the row, then read it (once, under
    // load, the table was read between the two renders and had no row).
    const firstCost = costs.locator('tbody tr').first();
    await firstCost.locator('td').nth(2).filter({ hasText: '€45.50' }).waitFor();
    assert.deepEqual((await firstCost.locator('td').allTextContents()).slice(1), ['3', '€45.50', '€0.00']);
    assert.equal((await staffReport(earlier.caseId)).costs.length, 1);
    // In Serbian "." groups thousands: 1.200 is twelve hundred, shown as 1.200,00; "1.5" could be either and is refused.
    await page.getByTestId('language').selectOption('sr-Latn');
    await page.locator('#s48-cost-contractor').fill('1.5');
    await page.locator('#s48-cost-contractor').press('Enter');
    await page.locator('#s48-cost-contractor-error').filter({ hasText: 'Nejasan broj' }).waitFor();
    await page.locator('#s48-cost-contractor').fill('1.200');
    await page.locator('#s48-cost-contractor').press('Enter');
    await confirmed(page, 's48-costs', 'Trošak je upisan.');
    await costs.locator('tbody tr td', { hasText: /^1\.200,00/ }).waitFor();
    const recorded = (await staffReport(earlier.caseId)).costs as { contractor: string }[];
    assert.deepEqual(
      recorded.map((c) => Number(c.contractor)).sort((x, y) => x - y),
      [0, 1200],
    );
    await page.getByTestId('language').selectOption('en');

    // The citizen's photo: approved for the public pages.
    const citizenPhoto = (await staffReport(earlier.caseId)).photos.find((p) => !p.approved)!;
    assert.equal((await b.app.inject({ method: 'GET', url: `/api/v1/sistem48/public/photos/${citizenPhoto.id}` })).statusCode, 404);
    await panel.getByRole('button', { name: 'Approve for the public pages: Photo 1 (citizen)' }).click();
    await page.locator('[data-testid="s48-photos"] li[data-approved="no"]').waitFor({ state: 'detached' });
    await confirmed(page, 's48-photos', 'The photo is approved for the public pages.');
    assert.equal((await b.app.inject({ method: 'GET', url: `/api/v1/sistem48/public/photos/${citizenPhoto.id}` })).statusCode, 200);

    // The duplicate: a wrong number is refused beside the field, then it is merged into the earlier report.
    await page.goto(`${b.base}/cases/${dup.caseId}`);
    await panel.waitFor();
    const dupNumber = ((await staffReport(dup.caseId)) as unknown as { number: string }).number;
    await page.getByLabel('Number of the report that stays').fill('S48-99999/99');
    await panel.getByRole('button', { name: 'Merge', exact: true }).click();
    await page
      .locator('#s48-merge-into-error')
      .filter({ hasText: `No report has the number "S48-99999/99". Give the full case number, for example ${dupNumber}.` })
      .waitFor();
    // The short form people say ("13/26") is completed after the pattern of this report's own number.
    const [, seq, year] = /(\d+)\/(\d+)$/.exec(earlier.number)!;
    await page.getByLabel('Number of the report that stays').fill(`${Number(seq)}/${year}`);
    await page.locator('#s48-merge-into-error').waitFor({ state: 'detached' });
    await page.getByLabel('Number of the report that stays').press('Enter');
    await page.getByTestId('s48-merged').waitFor();
    // The merge form is gone with the open report: the confirmation stands under the panel's heading, focused.
    await confirmed(page, 's48-merge', `The report is merged into ${earlier.number} and closed.`);
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
    via: 'staff',
    channel: 'phone',
    category: { id: s48.cat.pothole.id },
    description: 'Rupa kod kanala',
    ...CENTRE,
    address: 'Kanalska 12',
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

test('in Serbian Cyrillic the queue and the console stay in one script (hours and minutes as ч and мин, key names Enter and Alt+1 in Latin), the queue column names the first-response deadline, and Bosnian dates read as dates in Chromium', async () => {
  await earlierPotholeWithPhoto();
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'clerkA');
    await page.getByTestId('language').selectOption('sr-Cyrl');
    await page.goto(`${b.base}/work-queue?unit=${b.m.units.a.id}&bucket=new`);
    const queue = page.getByTestId('work-queue');
    await queue.waitFor();
    assert.ok((await queue.locator('thead th').allTextContents()).includes('Рок за први одговор'));
    const clocks = await queue.locator('.clock[data-state]:not([data-state="answered"]) strong').allTextContents();
    assert.ok(clocks.length > 0);
    for (const text of clocks) assert.match(text, /^(још|прекорачено) \d+ ч \d{2} мин$/);
    // The case page of one of them, in Bosnian: the due date is written out, not "2026 M11 24".
    await queue.locator('a.case-number').first().click();
    await page.getByTestId('s48-clock').waitFor();
    await chooseLanguage(page, 'bs');
    const due = (await page.getByTestId('s48-clock').textContent())!;
    assert.doesNotMatch(due, /M\d{1,2}/);
    assert.match(due, /\d{1,2}\. \d{1,2}\. \d{4}\./);
    // Croatian, then English before Croatian's file has arrived: the last choice stays, not the slower download.
    let releaseCroatian = () => {};
    const croatianHeld = new Promise<void>((resolve) => {
      releaseCroatian = resolve;
    });
    await page.route(/\/assets\/hr-[^/]+\.js$/, async (route) => {
      await croatianHeld;
      await route.continue();
    });
    const croatianArrived = page.waitForResponse(/\/assets\/hr-[^/]+\.js$/);
    await page.getByTestId('language').selectOption('hr');
    await chooseLanguage(page, 'en');
    releaseCroatian();
    await (await croatianArrived).finished();
    await signOut(page);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    await signIn(page, b.base, 'operator');
    await page.getByTestId('language').selectOption('sr-Cyrl');
    await page.goto(`${b.base}/operator`);
    const hint = (await page.locator('.s48-console > p.hint').first().textContent())!;
    assert.match(hint, /тастером Enter/);
    assert.match(hint, /Alt\+1 додаје позиваоца/);
    assert.doesNotMatch(hint.replace(/Enter|Alt\+1/g, ''), /[A-Za-z]/);
  } finally {
    await context.close();
  }
});

test('the work queue offers only the units whose reports the user may see: a case officer their unit (another unit asked for in the address falls back to it), a unit head their unit and those under it, leadership every unit', async () => {
  const { context, page } = await newPage(b);
  const options = async () => (await page.locator('#wq-unit option').allTextContents()).slice(1);
  try {
    await signIn(page, b.base, 'clerkA');
    await page.goto(`${b.base}/work-queue?unit=${b.m.units.b.id}&bucket=new`);
    await page.locator('#wq-unit option', { hasText: 'Odeljenje A' }).waitFor({ state: 'attached' });
    assert.deepEqual(await options(), ['Odeljenje A']);
    assert.equal(await page.locator('#wq-unit').inputValue(), b.m.units.a.id);
    await signOut(page);

    await signIn(page, b.base, 'headAdm');
    await page.goto(`${b.base}/work-queue`);
    await page.locator('#wq-unit option', { hasText: 'Odeljenje B' }).waitFor({ state: 'attached' });
    const underAdm = await options();
    for (const name of ['Uprava', 'Odeljenje A', 'Odeljenje B']) assert.ok(underAdm.includes(name), `${name} in ${underAdm.join(', ')}`);
    assert.ok(!underAdm.includes('JKP Vodovod'), underAdm.join(', '));
    await signOut(page);

    await signIn(page, b.base, 'leader');
    await page.goto(`${b.base}/work-queue`);
    await page.locator('#wq-unit option', { hasText: 'JKP Vodovod' }).waitFor({ state: 'attached' });
    const all = await options();
    for (const name of ['Uprava', 'Odeljenje A', 'Odeljenje B', 'JKP Vodovod']) assert.ok(all.includes(name), `${name} in ${all.join(', ')}`);
  } finally {
    await context.close();
  }
});
