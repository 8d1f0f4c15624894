import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessibleAndFits, newPage, signIn, startBrowserApp, type BrowserApp } from './harness.ts';
import { CENTRE, seedSistem48 } from '../sistem48/helpers.ts';

// Issue 14, item 6: `/` is the citizen's front door; every public page links to the others.
let b: BrowserApp;
const filed: { id: string; number: string }[] = [];
const CONTACT = { name: 'Ružica Tragić', phone: '064 555 8811', email: 'ruzica@example.org', consent: true };

// The address citizens use; the browser here reaches Glas on 127.0.0.1, which must never be printed or sent.
const PUBLIC_URL = 'https://glas.opstina.example';

before(async () => {
  b = await startBrowserApp({ GLAS_PUBLIC_URL: PUBLIC_URL });
  await seedSistem48(b.db.ctx, b.m);
  for (const r of [
    { category: 'pothole', description: 'Duboka rupa kod škole, Ružica zna gde', lat: CENTRE.lat, lon: CENTRE.lon, address: 'Glavna 12' },
    { category: 'garbage', description: 'Kontejner prepun, zovite 0645558811', address: 'Pijačna 3' },
    { category: 'other', description: 'Klupa polomljena u parku', address: 'Njegoševa 7' },
  ]) {
    const res = await b.app.inject({ method: 'POST', url: '/api/v1/sistem48/public/reports', payload: { ...r, contact: CONTACT } });
    assert.equal(res.statusCode, 201, res.body);
    filed.push({ id: res.json().id, number: res.json().number });
  }
});
after(async () => {
  await b?.close();
});

const ENTRIES = ['Report a problem', 'Problems in the municipality', 'Track a case', 'My cases', 'Weekly overview'];

test('from `/` a citizen reaches every way in (report, problems, tracking, the portal, the weekly overview), each page links to all the others, and staff sign-in is one link away', async () => {
  for (const width of [1280, 360]) {
    const { context, page } = await newPage(b, { width });
    try {
      await page.goto(`${b.base}/`);
      await page.getByRole('heading', { name: 'Your municipality is listening', level: 1 }).waitFor();
      await assertAccessibleAndFits(page, 'front door', width);
      const door = page.getByTestId('front-door');
      for (const name of [...ENTRIES, 'Staff sign-in'])
        assert.equal(await door.getByRole('link', { name, exact: true }).count(), 1, `${name} on the front door`);
      assert.equal(await page.getByLabel('Username').count(), 0, 'the staff sign-in form is not the front door');

      const landing: Record<string, () => Promise<void>> = {
        'Report a problem': () => page.getByRole('heading', { name: 'Report a communal problem', level: 1 }).waitFor(),
        'Problems in the municipality': () => page.getByRole('heading', { name: 'Problems in the municipality', level: 1 }).waitFor(),
        'Track a case': () => page.getByRole('heading', { name: 'Track a case', level: 1 }).waitFor(),
        'My cases': () => page.getByRole('heading', { name: 'Sign in to the portal', level: 1 }).waitFor(),
        'Weekly overview': () => page.getByRole('link', { name: 'Archive', exact: true }).waitFor(),
      };
      for (const name of ENTRIES) {
        await page.goto(`${b.base}/`);
        await door.getByRole('link', { name, exact: true }).click();
        await landing[name]!();
        // Every public page names every other way in, and home.
        // (The weekly page's own menu carries the overview beside the citizen menu, both in its banner.)
        const menu = name === 'Weekly overview' ? page.getByRole('banner') : page.getByRole('navigation', { name: 'For citizens' });
        for (const other of ['Home', ...ENTRIES])
          assert.equal(await menu.getByRole('link', { name: other, exact: true }).count(), 1, `${other} from ${name} at ${width}px`);
        if (name !== 'Weekly overview') await assertAccessibleAndFits(page, name, width);
      }
      // Back from the server-rendered weekly page to the app.
      await page.getByRole('navigation', { name: 'For citizens' }).getByRole('link', { name: 'Home' }).click();
      await page.getByTestId('front-door').waitFor();

      await page.getByRole('link', { name: 'Staff sign-in' }).click();
      await page.getByLabel('Username').fill('registry');
      await page.getByLabel('Password').fill('test-password-123');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/cases', 'staff land in their queues');
      await page.goto(`${b.base}/`);
      await page.waitForURL(`${b.base}/cases`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Username').waitFor();
    } finally {
      await context.close();
    }
  }
});

test('the public list searches the text and the street, never what masking hides; a located report shows its place on a map; the form puts the map first with "type the address" as the way round it', async () => {
  const { context, page } = await newPage(b, { width: 360 });
  try {
    const list = page.getByTestId('report-list');
    const shown = async () => (await list.getByRole('link').allTextContents()).map((s) => s.split(':')[0]!);
    await page.goto(`${b.base}/problems`);
    await list.waitFor();
    assert.equal((await shown()).length, 3);

    await page.getByLabel('Search the text').fill('klupa');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/q=klupa/);
    await list.getByRole('link', { name: new RegExp(filed[2]!.number) }).waitFor();
    assert.deepEqual(await shown(), [filed[2]!.number]);

    // The reporter's name and phone are masked on the public pages: searching them finds nothing.
    for (const hidden of ['Ružica', '0645558811']) {
      await page.getByLabel('Search the text').fill(hidden);
      await page.getByRole('button', { name: 'Show' }).click();
      await page.getByText('No reports match').waitFor();
    }

    await page.getByLabel('Search the text').fill('');
    await page.getByLabel('Street').fill('pijacna');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/street=pijacna/);
    await list.getByRole('link', { name: new RegExp(filed[1]!.number) }).waitFor();
    assert.deepEqual(await shown(), [filed[1]!.number], 'Pijačna found as "pijacna"');

    // A daily e-mail of what the filters show; the e-mailed link's page confirms it with a button.
    await page.getByTestId('alerts').getByLabel('Your e-mail').fill('susjed@example.org');
    await page.getByTestId('alerts').getByLabel('Only the area the map shows now').check();
    await page.getByTestId('alerts').getByRole('button', { name: 'Subscribe' }).click();
    await page.getByTestId('alerts').getByRole('status').filter({ hasText: 'We sent a confirmation link to susjed@example.org' }).waitFor();
    const alert = await b.db.ctx.db.selectFrom('report_alerts').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([alert.street_key, alert.category_codes, alert.confirmed_at], ['pijacna', null, null]);
    assert.equal(alert.bbox?.length, 4, 'the area the map showed');
    assert.ok(alert.bbox![0]! < alert.bbox![2]! && alert.bbox![1]! < alert.bbox![3]!);
    await page.goto(`${b.base}/problems/alerts#confirm=${alert.token}`);
    await page.getByRole('button', { name: 'Confirm the alert' }).click();
    await page.getByText('Confirmed. The digest comes every morning').waitFor();
    assert.ok((await b.db.ctx.db.selectFrom('report_alerts').select('confirmed_at').executeTakeFirstOrThrow()).confirmed_at);

    await page.goto(`${b.base}/problems/${filed[0]!.id}`);
    await page.getByRole('heading', { name: 'On the map' }).waitFor();
    await page.getByTestId('report-map').locator('path.leaflet-interactive').waitFor();
    await page.goto(`${b.base}/problems/${filed[1]!.id}`);
    await page.getByTestId('public-report').waitFor();
    assert.equal(await page.getByTestId('report-map').count(), 0, 'no map for a report with no position');

    await page.goto(`${b.base}/problems/new`);
    const map = page.getByTestId('pick-map');
    await map.waitFor();
    const address = page.getByRole('combobox', { name: 'Address or place' });
    const top = async (l: typeof map) => (await l.boundingBox())!.y;
    assert.ok((await top(map)) < (await top(address)), 'the map comes before the address');
    await page.getByRole('button', { name: "Can't use the map? Type the address" }).click();
    assert.equal(await address.evaluate((el) => el === document.activeElement), true, 'the button takes the focus to the address');
  } finally {
    await context.close();
  }
});

test("the printed receipt's tracking address and QR code use the public address (GLAS_PUBLIC_URL), not the one the clerk's browser uses", async () => {
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'registry');
    await page.goto(`${b.base}/cases/new`);
    await page.getByLabel('Case type').selectOption({ label: 'Administrative procedure' });
    await page.getByLabel('Subject').fill('Zahtev za potvrdu');
    await page.getByLabel('Full name or company name').fill('Petar Šalterski');
    await page.getByLabel('Mobile phone number').fill('064 555 2323');
    // Item 7: Viber consent with the Viber number, and the consent statement to print beside the receipt.
    await page.getByLabel('Viber: notices on Viber (number below)').check();
    await page.getByLabel('Viber number').fill('065 555 2424');
    await page.getByRole('button', { name: 'Register the case' }).click();
    const receipt = page.locator('.receipt');
    await receipt.waitFor();
    const number = (await page.getByTestId('receipt-number').textContent())!;
    const code = (await page.getByTestId('receipt-code').textContent())!;
    assert.match((await receipt.locator('.receipt-track').textContent())!, new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/track`));
    assert.ok(!(await receipt.innerHTML()).includes('127.0.0.1'), 'the receipt names no browser address');
    const qrText = await receipt.locator('[data-qr-text]').getAttribute('data-qr-text');
    assert.equal(qrText, `${PUBLIC_URL}/track?number=${encodeURIComponent(number)}&code=${encodeURIComponent(code)}`);
    const statement = page.getByTestId('consent-statement');
    assert.equal(await statement.textContent(), 'Consent statement (PDF)');
    const pdf = await page.request.get(`${b.base}${await statement.getAttribute('href')}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const viber = await b.db.ctx.db.selectFrom('notification_consents').select(['address', 'method']).where('channel', '=', 'viber').executeTakeFirstOrThrow();
    assert.deepEqual(viber, { address: '+381655552424', method: 'counter_signed' });
  } finally {
    await context.close();
  }
});
