import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { jpegWithGps } from '../sistem48/images.ts';
import { axeViolations, newPage, startBrowserApp, type BrowserApp } from './harness.ts';
import { seedSistem48 } from '../sistem48/helpers.ts';
import { localDate, localTime } from '../../src/kernel/time.ts';

// The public map's tiles come from the OpenStreetMap server by default, which this offline machine
// cannot reach: every test here runs with no tiles, as many citizens' phones do.
let b: BrowserApp;
const filed: { garbage?: { number: string; code: string }; pothole?: { number: string; code: string } } = {};
// What the citizen typed about themselves: it must reach the municipality and never the public pages.
const PERSON = { name: 'Jelena Javnić', phone: '064 555 3210', email: 'jelena.javnic@example.org' };

before(async () => {
  b = await startBrowserApp();
  await seedSistem48(b.db.ctx, b.m);
});
after(async () => {
  await b?.close();
});

async function reportRow(number: string) {
  return b.db.ctx.db
    .selectFrom('problem_reports')
    .innerJoin('cases', 'cases.id', 'problem_reports.case_id')
    .select([
      'problem_reports.report_no',
      'problem_reports.lat',
      'problem_reports.lon',
      'problem_reports.address',
      'problem_reports.location_source',
      'problem_reports.contact_consent',
      'problem_reports.sla_hours',
      'problem_reports.first_response_due_at',
      'problem_reports.field_values',
      'cases.unit_id',
      'cases.registered_at',
      'cases.id as case_id',
    ])
    .where('cases.number', '=', number)
    .executeTakeFirstOrThrow();
}

async function filedNumbers(page: Page) {
  await page.getByTestId('filed').waitFor();
  return { number: (await page.getByTestId('filed-number').textContent())!, code: (await page.getByTestId('filed-code').textContent())! };
}

const hours = (from: Date | string, to: Date | string) => (new Date(to).getTime() - new Date(from).getTime()) / 3_600_000;

test('the first screen loads neither the public problem screens nor Leaflet: they come on first use', () => {
  const html = readFileSync('web/dist/index.html', 'utf8');
  const initial = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1]!);
  assert.ok(initial.length >= 1);
  for (const src of initial) {
    assert.ok(!/PublicProblems|maps/.test(src), `${src} is preloaded`);
    assert.ok(!readFileSync(path.join('web/dist', src), 'utf8').includes('leafletjs.com'), `Leaflet is in ${src}`);
  }
  assert.ok(!/maps-[^"]*\.css|PublicProblems-[^"]*\.css/.test(html), 'nor their stylesheets');
});

test('from the sign-in screen a citizen reaches the form and, in Croatian, files a report by address alone, picking the street from the suggestions; it is routed by its street to unit B with its first-response clock, and the contact and consent reach the municipality', async () => {
  const { context, page } = await newPage(b);
  try {
    await page.goto(`${b.base}/`);
    await page.getByRole('link', { name: 'Report a problem' }).click();
    await page.getByRole('heading', { name: 'Report a communal problem' }).waitFor();
    await page.getByTestId('language').selectOption('hr');
    await page.getByRole('heading', { name: 'Prijava komunalnog problema' }).waitFor();

    await page.getByRole('radio', { name: /Smeće/ }).check();
    const address = page.getByRole('combobox', { name: 'Adresa ili mjesto' });
    await address.fill('pija');
    await page.getByRole('option', { name: /Pijačna/ }).waitFor();
    await address.press('ArrowDown');
    await address.press('Enter');
    assert.equal(await address.inputValue(), 'Pijačna');
    await address.press('End');
    await address.pressSequentially(' 5');
    await page.getByLabel('Opis').fill('Kontejner nije ispražnjen tjedan dana');
    await page.getByLabel('Ime i prezime').fill(PERSON.name);
    await page.getByLabel('Mobilni telefon').fill(PERSON.phone);
    await page.getByLabel('E-pošta', { exact: true }).fill(PERSON.email);
    await page.getByLabel('Šaljite mi obavijesti o ovoj prijavi (SMS ili e-pošta)').check();
    assert.equal(await page.getByTestId('pin-status').textContent(), 'Oznaka nije postavljena.', 'no pin: the address alone');
    await page.getByRole('button', { name: 'Pošalji prijavu' }).click();

    await page.getByRole('heading', { name: 'Prijava je zaprimljena' }).waitFor();
    const r = await filedNumbers(page);
    assert.match(r.number, /^S48-\d{5}\/\d{2}$/);
    assert.match(r.code, /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    filed.garbage = r;

    const row = await reportRow(r.number);
    assert.equal(row.unit_id, b.m.units.b.id, 'the garbage rule for Pijačna sends it to unit B');
    assert.equal(row.address, 'Pijačna 5');
    assert.equal(row.location_source, 'address');
    assert.equal(row.lat, null);
    assert.equal(row.contact_consent, true);
    assert.equal(row.sla_hours, 24, 'the garbage category answers within 24 hours');
    assert.equal(hours(row.registered_at, row.first_response_due_at), 24);
    const party = await b.db.ctx.db
      .selectFrom('case_parties')
      .innerJoin('parties', 'parties.id', 'case_parties.party_id')
      .select(['parties.name', 'parties.email'])
      .where('case_parties.case_id', '=', row.case_id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(party, { name: PERSON.name, email: PERSON.email });

    await page.getByRole('link', { name: 'Pratite ovu prijavu' }).click();
    await page.getByRole('heading', { name: `Prijava ${r.number}` }).waitFor();
    assert.equal(await page.getByTestId('report-unit').textContent(), 'Odeljenje B');
  } finally {
    await context.close();
  }
});

test('a citizen files a report by clicking the tileless map: the pin lands in the centre area, the report is routed by its position to unit A, and its 48-hour clock runs', async () => {
  const { context, page } = await newPage(b);
  try {
    await page.goto(`${b.base}/problems/new`);
    await page.getByRole('radio', { name: /Pothole/ }).check();
    await page.getByLabel('Size').selectOption('large');
    const map = page.getByTestId('pick-map');
    await map.locator('.leaflet-control-zoom-in').waitFor();
    await map.click();
    await page
      .getByTestId('pin-status')
      .filter({ hasText: /^The pin is at 45\.\d+, 19\.\d+\.$/ })
      .waitFor();
    await page.locator('.s48-pin').waitFor();
    await page.getByRole('combobox', { name: 'Address or place' }).fill('Glavna 12');
    await page.getByLabel('Description').fill('Deep hole in front of the school');
    await page.getByLabel(/^Photos/).setInputFiles({ name: 'hole.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(45.41, 19.89) });
    await page.getByRole('button', { name: 'Send the report' }).click();

    await page.getByRole('heading', { name: 'Report received' }).waitFor();
    const r = await filedNumbers(page);
    filed.pothole = r;
    const row = await reportRow(r.number);
    assert.equal(row.location_source, 'given');
    assert.ok(row.lat! > 45.4 && row.lat! < 45.416 && row.lon! > 19.875 && row.lon! < 19.9, `in the centre area: ${row.lat}, ${row.lon}`);
    assert.equal(row.unit_id, b.m.units.a.id, 'the centre-area pothole rule sends it to unit A');
    assert.deepEqual(row.field_values, { size: 'large' });
    assert.equal(hours(row.registered_at, row.first_response_due_at), 48);
    const photos = await b.db.ctx.db.selectFrom('report_photos').select(['source', 'approved_at']).where('case_id', '=', row.case_id).execute();
    assert.deepEqual(photos, [{ source: 'citizen', approved_at: null }], 'the photo came with the form and waits for approval');
    const dueText = await page.getByTestId('filed').textContent();
    assert.match(dueText!, /The responsible service answers by/);
  } finally {
    await context.close();
  }
});

test('a second report of the same category at the same place shows "already reported" with a link to follow the first one; the map can also take the pin by a button, without a pointer', async () => {
  assert.ok(filed.pothole, 'the map test filed a pothole');
  const { context, page } = await newPage(b);
  try {
    await page.goto(`${b.base}/problems/new`);
    await page.getByRole('radio', { name: /Pothole/ }).check();
    await page.getByRole('button', { name: 'Place the pin at the centre of the map' }).click();
    await page
      .getByTestId('pin-status')
      .filter({ hasText: /^The pin is at / })
      .waitFor();
    await page.getByRole('button', { name: 'Remove the pin' }).click();
    await page.getByTestId('pin-status').filter({ hasText: 'No pin placed.' }).waitFor();
    await context.grantPermissions(['geolocation'], { origin: b.base });
    await context.setGeolocation({ latitude: 45.43, longitude: 19.85 });
    await page.getByRole('button', { name: 'Use my location' }).click();
    await page.getByTestId('pin-status').filter({ hasText: 'The pin is at 45.43000, 19.85000.' }).waitFor();

    // An earlier report at this address gives the suggestion its position, and so the pin.
    const address = page.getByRole('combobox', { name: 'Address or place' });
    await address.fill('glavna');
    await page.getByRole('option', { name: /Glavna 12/ }).click();
    await page.getByRole('heading', { name: 'Already reported nearby' }).waitFor();
    const follow = page.getByRole('link', { name: `Follow report ${filed.pothole.number}` });
    await follow.click();
    await page.getByRole('heading', { name: `Report ${filed.pothole.number}` }).waitFor();
    assert.equal(await page.getByTestId('report-unit').textContent(), 'Odeljenje A');
  } finally {
    await context.close();
  }
});

test("without a pin the typed address alone finds the open report of the same kind, on the same street and then at the same address; the map's zoom buttons are titled in the screen's language", async () => {
  assert.ok(filed.pothole, 'the map test filed a pothole at Glavna 12');
  const { context, page } = await newPage(b);
  try {
    await page.goto(`${b.base}/problems/new`);
    const zoomIn = page.getByTestId('pick-map').locator('.leaflet-control-zoom-in');
    await zoomIn.waitFor();
    assert.equal(await zoomIn.getAttribute('title'), 'Zoom in');
    await page.getByRole('radio', { name: /Pothole/ }).check();
    const address = page.getByRole('combobox', { name: 'Address or place' });
    await address.fill('Glavna 40');
    await address.press('Escape');
    const dups = page.getByTestId('duplicates');
    const item = dups.getByRole('listitem').filter({ has: page.getByRole('link', { name: `Follow report ${filed.pothole.number}` }) });
    await item.filter({ hasText: 'in the same street' }).waitFor();
    assert.doesNotMatch((await item.textContent())!, /m away/);
    assert.equal(await page.getByTestId('pin-status').textContent(), 'No pin placed.');
    await address.fill('Glavna 12');
    await address.press('Escape');
    await item.filter({ hasText: 'at the same address' }).waitFor();

    await page.getByTestId('language').selectOption('sl');
    await page.getByTestId('pick-map').locator('.leaflet-control-zoom-in[title="Povečaj zemljevid"]').waitFor();
    assert.equal(await page.getByTestId('pick-map').locator('.leaflet-control-zoom-out').getAttribute('title'), 'Pomanjšaj zemljevid');
    assert.equal(await page.getByTestId('pick-map').locator('.leaflet-control-zoom-in').count(), 1, 'one zoom control, replaced, not added again');
  } finally {
    await context.close();
  }
});

test('bad input is refused with the message beside the field and the focus on it: missing choices before sending (named as the question reads), a file that is not a photo and a wrong e-mail address from the API; each error goes once its field is changed', async () => {
  const { context, page } = await newPage(b);
  try {
    await page.goto(`${b.base}/problems/new`);
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.locator('#category-error').filter({ hasText: 'Choose an answer to "What is the problem?".' }).waitFor();
    assert.equal(await page.getByRole('group', { name: 'What is the problem?' }).count(), 1);
    await page.locator('#address-error').filter({ hasText: 'Address or place' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'category');

    await page.getByRole('radio', { name: /Street light out/ }).check();
    await page.locator('#category-error').waitFor({ state: 'detached' });
    assert.equal(await page.locator('#address-error').count(), 1, 'only the changed field lost its error');
    await page.getByRole('combobox', { name: 'Address or place' }).fill('Glavna 3');
    await page.locator('#address-error').waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('combobox', { name: 'Address or place' }).getAttribute('aria-invalid'), null);
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.locator('#pole_number-error').filter({ hasText: 'Pole number' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'pole_number');
    await page.getByLabel('Pole number *').fill('17-B');
    await page.locator('#pole_number-error').waitFor({ state: 'detached' });

    await page.getByLabel(/^Photos/).setInputFiles({ name: 'rupa.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not a picture at all') });
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.locator('#photos-error').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'photos');
    await page.getByLabel(/^Photos/).setInputFiles([]);
    await page.locator('#photos-error').waitFor({ state: 'detached' });

    await page.getByLabel('E-mail', { exact: true }).fill('not-an-address');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.locator('#email-error').filter({ hasText: 'not-an-address' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'email');
    await page.getByLabel('E-mail', { exact: true }).fill('jelena@example.org');
    await page.locator('#email-error').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('filed').count(), 0, 'nothing was filed');
    const reports = await b.db.ctx.db
      .selectFrom('problem_reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(reports.n), 2, 'only the two good reports exist');
  } finally {
    await context.close();
  }
});

test("on a 360-pixel phone the list and map of problems, its filters and a report's public page work without tiles, pass axe, and show none of the personal data the citizen gave", async () => {
  assert.ok(filed.garbage && filed.pothole, 'the earlier tests filed two reports');
  const { context, page } = await newPage(b, { width: 360 });
  const noPersonalData = async (where: string) => {
    const text = await page.locator('body').innerText();
    const html = await page.content();
    for (const v of [PERSON.name, PERSON.phone, PERSON.email, 'Javnić', '3210', filed.garbage!.code, filed.pothole!.code]) {
      assert.ok(!text.includes(v) && !html.includes(v), `${where}: shows ${v}`);
    }
  };
  const fits = async (where: string) => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${where}: no horizontal scrolling at 360 px (${width})`);
  };
  try {
    await page.goto(`${b.base}/track`);
    await page.getByRole('link', { name: 'Problems in the municipality' }).click();
    await page.getByRole('heading', { name: 'Problems in the municipality', level: 1 }).waitFor();
    const list = page.getByTestId('report-list');
    await list.getByRole('link', { name: new RegExp(filed.garbage.number) }).waitFor();
    await list.getByRole('link', { name: new RegExp(filed.pothole.number) }).waitFor();
    // The located report is a dot on the map (drawn even with no tiles).
    await page.getByTestId('reports-map').locator('path.leaflet-interactive').first().waitFor();
    assert.equal(await page.getByTestId('reports-map').locator('path.leaflet-interactive').count(), 1, 'only the pothole has a position');
    assert.deepEqual(await axeViolations(page), [], 'list and map');
    await fits('list');
    await noPersonalData('list');

    await page.getByLabel('Kind of problem').selectOption('garbage');
    await page.getByLabel('Status').selectOption('open');
    await page.getByLabel('Responsible service').selectOption({ label: 'Odeljenje B' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/\/problems\?category=garbage&unit=[0-9a-f-]+&status=open$/);
    await list.getByRole('link', { name: new RegExp(filed.pothole.number) }).waitFor({ state: 'detached' });
    // The list reloads (empty while loading): count once the filtered result is shown.
    await list.getByRole('link', { name: new RegExp(filed.garbage.number) }).waitFor();
    assert.equal(await list.locator('> li').count(), 1);
    await page.getByLabel('Status').selectOption('closed');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No reports match these filters.').waitFor();
    await page.goBack();
    await list.getByRole('link', { name: new RegExp(filed.garbage.number) }).click();

    await page.getByRole('heading', { name: `Report ${filed.garbage.number}` }).waitFor();
    assert.equal(await page.getByTestId('report-status').textContent(), 'Delivered to the responsible body');
    assert.match((await page.getByTestId('report-clock').textContent())!, /^Answer due by /);
    const types = await page.locator('[data-testid="report-timeline"] > li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.type));
    assert.ok(types.includes('case.registered'), types.join(', '));
    assert.deepEqual(await axeViolations(page), [], 'report page');
    await fits('report page');
    await noPersonalData('report page');

    await page.goto(`${b.base}/problems/new`);
    await page.getByTestId('pick-map').locator('.leaflet-control-zoom-in').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'report form');
    await fits('report form');
  } finally {
    await context.close();
  }
});

test('the list goes page by page through many reports, and a period with no reports says so', async () => {
  for (let i = 1; i <= 21; i++) {
    const r = await fetch(`${b.base}/api/v1/sistem48/public/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'other', address: `Školska ${i}` }),
    });
    assert.equal(r.status, 201, await r.text());
  }
  const { context, page } = await newPage(b);
  try {
    await page.goto(`${b.base}/problems?category=other`);
    const list = page.getByTestId('report-list');
    await list.getByRole('link', { name: /Other/ }).first().waitFor();
    assert.equal(await list.locator('> li').count(), 20);
    assert.ok((await list.textContent())!.includes('Školska 21'), 'newest first');
    const pages = page.getByRole('navigation', { name: 'Pages' });
    assert.equal(await pages.getByRole('link', { name: 'Previous page' }).count(), 0);
    await pages.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/\/problems\?category=other&page=2$/);
    await pages.getByText('Page 2').waitFor();
    await list.getByText('Školska 1', { exact: true }).waitFor();
    assert.equal(await list.locator('> li').count(), 1);
    assert.equal(await pages.getByRole('link', { name: 'Next page' }).count(), 0);
    await pages.getByRole('link', { name: 'Previous page' }).click();
    await list.getByText('Školska 21', { exact: true }).waitFor();

    // Tomorrow on the municipality's calendar, which the filter reads: the machine's own date is another day for an
    // hour or two around midnight (UTC against Belgrade), and a day of 25 hours is not "now + 24 h" away.
    const zone = b.db.ctx.config.timezone;
    const today = localDate(new Date(), zone);
    const tomorrow = localDate(localTime(today.year, today.month, today.day + 1, 0, zone), zone);
    const day = `${tomorrow.year}-${String(tomorrow.month).padStart(2, '0')}-${String(tomorrow.day).padStart(2, '0')}`;
    await page.getByLabel('Reported from').fill(day);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No reports match these filters.').waitFor();
    assert.match(page.url(), new RegExp(`from=${day}`));
  } finally {
    await context.close();
  }
});

test('following a problem report by number and tracking code on /track links to its public report page', async () => {
  assert.ok(filed.garbage, 'an earlier test filed the garbage report');
  const { context, page } = await newPage(b, { width: 360 });
  try {
    await page.goto(`${b.base}/track?number=${encodeURIComponent(filed.garbage.number)}&code=${encodeURIComponent(filed.garbage.code)}`);
    const link = page.getByTestId('track-report-link');
    await link.click();
    await page.getByRole('heading', { name: `Report ${filed.garbage.number}` }).waitFor();
    assert.match(page.url(), /\/problems\/\d+$/);
  } finally {
    await context.close();
  }
});
