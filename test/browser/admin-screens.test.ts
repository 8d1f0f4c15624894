/**
 * Issue 15's administration screens in a real browser: an administrator edits a user, a unit and a case type and finds
 * both changes in the audit log by filter (and in its CSV); a user turns on TOTP with the QR screen's key and
 * signs in with a code computed from it by otpauth; when the municipality requires one of administrators, an
 * administrator's open session without one is refused and they enrol at sign-in; a unit head writes a canned response, and a clerk picks it, edits it and sends it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { URI } from 'otpauth';
import { createStaffUser } from '../../src/organisation/commands/create-staff-user.ts';
import { confirmSecondFactorEnrolment, startSecondFactorEnrolment } from '../../src/organisation/commands/enrol-second-factor.ts';
import { fileReport } from '../../src/sistem48/commands/file-report.ts';
import { axeViolations, newPage, signIn, signOut, startBrowserApp, type BrowserApp } from './harness.ts';
import { CENTRE, seedSistem48, type Sistem48Fixture } from '../sistem48/helpers.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { makeI18n } from '../../web/src/i18n.ts';

let b: BrowserApp;
let s48: Sistem48Fixture;
before(async () => {
  b = await startBrowserApp();
  s48 = await seedSistem48(b.db.ctx, b.m);
});
after(async () => {
  await b?.close();
});

/** Holds the server's clock still and moves it on by hand (a TOTP code belongs to a 30-second step and works once); gives it back after. */
function holdClock() {
  const real = b.db.ctx.now;
  let now = real();
  b.db.ctx.now = () => now;
  return {
    now: () => now,
    advance(seconds: number) {
      now = new Date(now.getTime() + seconds * 1000);
    },
    release() {
      b.db.ctx.now = real;
    },
  };
}

test('an administrator edits a user, a unit and a case type, then finds the changes in the audit log by who, what and record, and in its CSV', async () => {
  const u = await createStaffUser(
    b.db.ctx,
    { kind: 'system', name: 'test' },
    { username: 'vesna', displayName: 'Vesna Stara', password: PASSWORD, role: 'case_officer', unitId: b.m.units.a.id },
  );
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'admin');
    await page.goto(`${b.base}/admin/users`);
    await page.getByRole('button', { name: 'Edit: Vesna Stara' }).click();
    const userForm = page.getByRole('form', { name: 'Edit: Vesna Stara' });
    await userForm.getByLabel('Full name').fill('Vesna Nova');
    await userForm.getByLabel('E-mail address').fill('vesna@opstina.test');
    await userForm.getByLabel('Role').selectOption({ label: 'Unit head' });
    await userForm.getByLabel('Unit', { exact: true }).selectOption({ label: 'Odeljenje B' });
    assert.deepEqual(await axeViolations(page), [], 'user edit form');
    await userForm.getByRole('button', { name: 'Save' }).click();
    const row = page.getByRole('row', { name: /Vesna Nova/ });
    await row.waitFor();
    assert.match((await row.textContent())!, /Unit head.*Odeljenje B/);
    // Her history, one link away: her creation and this edit.
    await row.getByRole('link', { name: 'Audit log: Vesna Nova' }).click();
    await page.getByTestId('audit-table').locator('tbody tr').nth(1).waitFor();
    assert.deepEqual(await page.getByTestId('audit-table').locator('tbody tr td:nth-child(3)').allTextContents(), ['update', 'create']);

    await page.getByRole('link', { name: 'Organisational units' }).click();
    await page.getByRole('button', { name: 'Edit: Odeljenje B' }).click();
    const unitForm = page.getByRole('form', { name: 'Edit: Odeljenje B' });
    await unitForm.getByLabel('Name', { exact: true }).fill('Odeljenje za puteve');
    await unitForm.getByLabel('Head of unit').selectOption({ label: 'Vesna Nova' });
    await unitForm.getByLabel('Parent unit').selectOption({ label: 'JKP Vodovod' });
    // A unit cannot go under itself: it is not offered as its own parent.
    assert.equal(await unitForm.getByLabel('Parent unit').locator('option', { hasText: 'Odeljenje B' }).count(), 0);
    await unitForm.getByLabel('Unit mailbox (e-mail)').fill('putevi@opstina.test');
    await unitForm.getByRole('button', { name: 'Save' }).click();
    const unitRow = page.getByRole('row', { name: /Odeljenje za puteve/ });
    await unitRow.waitFor();
    assert.match((await unitRow.textContent())!, /JKP Vodovod.*Vesna Nova/);

    // A case type: its resolution time.
    await page.getByRole('link', { name: 'Case types' }).click();
    await page.getByRole('button', { name: 'Edit: Administrative procedure' }).click();
    const typeForm = page.getByRole('form', { name: 'Edit: Administrative procedure' });
    await typeForm.getByLabel('Days to resolve').fill('15');
    await typeForm.getByRole('button', { name: 'Save' }).click();
    await typeForm.waitFor({ state: 'detached' });
    assert.match((await page.getByRole('row', { name: /Administrative procedure/ }).textContent())!, /15/);

    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    const filter = page.getByRole('form', { name: 'Filter' });
    await filter.getByLabel('Who').selectOption({ label: 'User admin' });
    await filter.getByLabel('Action').selectOption('update');
    await filter.getByLabel('Record kind').selectOption('user');
    await filter.getByLabel('Record (ID of a case, user…)').fill(u.id);
    await filter.getByRole('button', { name: 'Filter' }).click();
    const table = page.getByTestId('audit-table');
    await table.getByText(u.id, { exact: true }).waitFor();
    assert.equal(await table.locator('tbody tr').count(), 1, 'only the one change to Vesna');
    await table.locator('summary').click();
    assert.match((await table.textContent())!, /"display_name": "Vesna Stara"[\s\S]*"display_name": "Vesna Nova"/);
    // Made over HTTP: the address it came from is shown (the browser's, on loopback here).
    assert.match((await table.locator('tbody tr td').nth(5).textContent())!, /^127\.0\.0\.1/);
    assert.deepEqual(await axeViolations(page), [], 'audit log');

    // The unit's change is there when the record kind is a unit.
    await filter.getByLabel('Record kind').selectOption('org_unit');
    await filter.getByLabel('Record (ID of a case, user…)').fill(b.m.units.b.id);
    await filter.getByRole('button', { name: 'Filter' }).click();
    await table.getByText(b.m.units.b.id, { exact: true }).waitFor();
    assert.equal(await table.locator('tbody tr').count(), 1);

    // The CSV has the same rows as the filter.
    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const csv = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    const lines = csv.trim().split('\r\n');
    assert.equal(lines.length, 2, csv);
    assert.match(lines[1]!, /,update,org_unit,/);
    assert.ok(lines[1]!.includes('putevi@opstina.test'));
  } finally {
    await context.close();
  }
});

test('a clerk turns on TOTP with the key from the QR screen; the password alone then asks for a code, which signs them in; a wrong one is refused', async () => {
  await createStaffUser(
    b.db.ctx,
    { kind: 'system', name: 'test' },
    { username: 'tomislav', displayName: 'Tomislav T', password: PASSWORD, role: 'case_officer', unitId: b.m.units.a.id },
  );
  const clock = holdClock();
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'tomislav');
    await page.getByRole('link', { name: 'Sign-in security' }).click();
    await page.getByText('The second factor is off').waitFor();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('img', { name: 'QR code for the authenticator app' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!;
    const app = URI.parse(`otpauth://totp/Glas:tomislav?secret=${secret}&issuer=Glas`);
    assert.deepEqual(await axeViolations(page), [], 'enrolment');
    await page.getByLabel('Code from the app').fill(app.generate({ timestamp: clock.now().getTime() }));
    await page.getByRole('button', { name: 'Turn on the second factor' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    assert.equal(await page.getByTestId('recovery-codes').locator('li').count(), 10);
    await page.getByText('The second factor is on. Recovery codes left: 10').waitFor();
    await signOut(page);

    clock.advance(30);
    await page.getByLabel('Username').fill('tomislav');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Second step of sign-in' }).waitFor();
    const right = app.generate({ timestamp: clock.now().getTime() });
    await page.getByLabel('Code or recovery code').fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('The code is not right.').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'second step');
    await page.getByLabel('Code or recovery code').fill(right);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  } finally {
    clock.release();
    await context.close();
  }
});

test("when the municipality requires it, an administrator's open session without a second factor is refused at once; signing in again, they set it up and see the recovery codes once", async () => {
  await createStaffUser(b.db.ctx, { kind: 'system', name: 'test' }, { username: 'admin2', displayName: 'Admin Dva', password: PASSWORD, role: 'admin' });
  // The administrator who turns it on must use a factor themselves: Admin Tri enrolled one (through the commands).
  const tri = await createStaffUser(
    b.db.ctx,
    { kind: 'system', name: 'test' },
    { username: 'admin3', displayName: 'Admin Tri', password: PASSWORD, role: 'admin' },
  );
  const triActor = { kind: 'staff', userId: tri.id, name: 'Admin Tri', role: 'admin', unitId: null, unitPath: null, locale: null, scopes: null } as const;
  const clock = holdClock();
  const triApp = URI.parse((await startSecondFactorEnrolment(b.db.ctx, triActor)).uri);
  await confirmSecondFactorEnrolment(b.db.ctx, triActor, triApp.generate({ timestamp: clock.now().getTime() }), null);
  const first = await newPage(b);
  const second = await newPage(b);
  try {
    const page = second.page;
    await signIn(page, b.base, 'admin2');

    clock.advance(30);
    await first.page.goto(`${b.base}/staff`);
    await first.page.getByLabel('Username').fill('admin3');
    await first.page.getByLabel('Password').fill(PASSWORD);
    await first.page.getByRole('button', { name: 'Sign in' }).click();
    await first.page.getByLabel('Code or recovery code').fill(triApp.generate({ timestamp: clock.now().getTime() }));
    await first.page.getByRole('button', { name: 'Verify' }).click();
    await first.page.getByRole('button', { name: 'Sign out' }).waitFor();
    await first.page.goto(`${b.base}/admin/security`);
    await first.page.getByLabel('Administrators must sign in with a second factor').check();
    await first.page.getByText('Saved.').waitFor();

    // Admin Dva's session, opened with the password alone, is refused on its next request, and the form says why.
    await page.goto(`${b.base}/admin/users`);
    await page.getByText('The municipality now requires administrators to use a second factor. Sign in again to set it up.').waitFor();
    await page.getByLabel('Username').fill('admin2');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The municipality requires administrators to sign in with a second factor.').waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!;
    const app = URI.parse(`otpauth://totp/Glas:admin2?secret=${secret}`);
    clock.advance(30);
    await page.getByLabel('Code from the app').fill(app.generate({ timestamp: clock.now().getTime() }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0, 'the codes are shown before the app opens');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.goto(`${b.base}/account/security`);
    await page.getByText('The municipality requires a second factor for administrators.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Turn off the second factor' }).count(), 0);

    await first.page.getByLabel('Administrators must sign in with a second factor').uncheck();
    await first.page.getByText('Saved.').waitFor();
  } finally {
    clock.release();
    await first.context.close();
    await second.context.close();
  }
});

test('a unit head writes a canned response for their unit; a clerk picks it in the answer panel, edits it and sends it', async () => {
  const report = await fileReport(b.db.ctx, b.m.users.operator!.actor, {
    via: 'staff',
    channel: 'phone',
    category: { id: s48.cat.pothole.id },
    description: 'Rupa kod pijace',
    ...CENTRE,
    address: 'Glavna 7',
    contact: { name: 'Petar Perić', phone: '0641112223' },
  });
  const head = await newPage(b);
  try {
    await signIn(head.page, b.base, 'headA');
    await head.page.getByRole('link', { name: 'Canned responses' }).click();
    await head.page.getByRole('button', { name: 'New canned response' }).click();
    const form = head.page.getByRole('form', { name: 'New canned response' });
    // A unit head keeps only their own unit's.
    assert.deepEqual(await form.getByLabel('For').locator('option').allTextContents(), ['Odeljenje A']);
    await form.getByLabel('Category').selectOption({ label: 'Pothole' });
    await form.getByLabel('Status').selectOption({ label: 'In progress' });
    await form.getByLabel('Title (Srpski (latinica))').fill('Krpljenje rupe');
    await form.getByLabel('Text (Srpski (latinica))').fill('Ekipa će zakrpiti rupu u roku od tri dana.');
    await form.getByLabel('Title (English)').fill('Pothole patching');
    await form.getByLabel('Text (English)').fill('A crew will patch the hole within three days.');
    assert.deepEqual(await axeViolations(head.page), [], 'canned response form');
    await form.getByRole('button', { name: 'Save' }).click();
    await head.page.getByRole('row', { name: /Pothole patching/ }).waitFor();
  } finally {
    await head.context.close();
  }

  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'clerkA');
    await page.goto(`${b.base}/cases/${report.caseId}`);
    const panel = page.getByTestId('s48-panel');
    await panel.waitFor();
    await page.getByLabel('Status', { exact: true }).last().selectOption({ label: 'In progress' });
    await page.getByLabel('Language of the answer').selectOption({ label: 'Srpski (latinica)' });
    await page.getByLabel('Canned response').selectOption({ label: 'Pothole patching' });
    const note = page.getByLabel('Note for the citizen').first();
    assert.equal(await note.inputValue(), 'Ekipa će zakrpiti rupu u roku od tri dana.');
    await note.fill(`${await note.inputValue()} Hvala na prijavi.`);
    const day = new Date(Date.now() + 3 * 86_400_000);
    await page
      .getByLabel('Planned resolution date')
      .fill(`${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`);
    assert.deepEqual(await axeViolations(page), [], 'answer panel with a canned response');
    await panel.getByRole('button', { name: 'Send the response' }).click();
    await page.locator('[data-testid="s48-clock"][data-state="answered"]').waitFor();
    const pub = await b.app.inject({ method: 'GET', url: `/api/v1/sistem48/public/reports/${report.reportNo}` });
    const notes = (pub.json() as { timeline: { note: string | null }[] }).timeline.map((e) => e.note);
    assert.ok(notes.includes('Ekipa će zakrpiti rupu u roku od tri dana. Hvala na prijavi.'), JSON.stringify(notes));
  } finally {
    await context.close();
  }
});

test("the public form states the chosen category's real answer time, and the filed report's page says which kind of hours it runs on", async () => {
  const clock = holdClock();
  const { context, page } = await newPage(b);
  try {
    await page.goto(`${b.base}/problems/new`);
    await page.getByTestId('language').selectOption('en');
    await page.getByRole('radio', { name: /Illegal dumping/ }).check();
    const promised = (await b.app.inject({ method: 'GET', url: '/api/v1/sistem48/public/categories/dumping/answer-time' })).json();
    assert.equal(promised.clock, 'working');
    const en = makeI18n('en', promised.timeZone);
    const said = page.getByTestId('answer-time');
    await said.filter({ hasText: 'working hours' }).waitFor();
    assert.equal(await said.textContent(), en.t('s48a.answer_by_working', { date: en.dateTime(promised.dueAt), hours: 48 }));
    await page.getByRole('radio', { name: /Garbage/ }).check();
    await said.filter({ hasText: 'within 24 hours' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'form with the answer time');

    const filed = await fileReport(b.db.ctx, b.m.users.operator!.actor, {
      via: 'staff',
      channel: 'counter',
      category: { id: s48.cat.dumping.id },
      description: 'Šut',
      address: 'Livadska 9',
    });
    await page.goto(`${b.base}/problems/${filed.reportNo}`);
    await page.getByTestId('report-promise').filter({ hasText: '48 working hours' }).waitFor();
  } finally {
    clock.release();
    await context.close();
  }
});

test("in a case's status change, a unit head picks the municipality's canned response for that status and sends it edited", async () => {
  const login = async (username: string) => {
    const r = await b.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    return { cookie: `glas_session=${r.cookies.find((c) => c.name === 'glas_session')!.value}`, 'x-csrf-token': r.json().csrfToken as string };
  };
  const admin = await login('admin');
  const made = await b.app.inject({
    method: 'POST',
    url: '/api/v1/sistem48/canned-responses',
    headers: admin,
    payload: {
      unitId: null,
      categoryId: null,
      status: 'accepted',
      title: { en: 'Request accepted' },
      body: { en: 'We have accepted your request and will decide within the legal time limit.' },
    },
  });
  assert.equal(made.statusCode, 201, made.body);
  const registry = await login('registry');
  const c = await b.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: registry,
    payload: {
      caseTypeId: b.m.caseType.id,
      subject: 'Zahtev za uverenje',
      description: 'Opis',
      channel: 'counter',
      parties: [{ name: 'Ivana Ivić', phone: '064 765 4321' }],
    },
  });
  assert.equal(c.statusCode, 201, c.body);
  const moved = await b.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${c.json().id}/transitions`,
    headers: registry,
    payload: { to: 'delivered', unitId: b.m.units.a.id },
  });
  assert.equal(moved.statusCode, 200, moved.body);

  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'headA');
    await page.goto(`${b.base}/cases/${c.json().id}`);
    await page.locator('.moves').getByRole('button', { name: 'Received by the case officer' }).click();
    const form = page.getByRole('form', { name: 'Received by the case officer' });
    await form.getByLabel('Canned response').selectOption({ label: 'Request accepted' });
    const note = form.getByLabel('Note', { exact: true });
    assert.equal(await note.inputValue(), 'We have accepted your request and will decide within the legal time limit.');
    await note.fill('We have accepted your request; we decide by Friday.');
    assert.deepEqual(await axeViolations(page), [], 'status change with a canned response');
    await form.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('.moves').getByRole('button', { name: 'Received by the case officer' }).waitFor({ state: 'detached' });
    const events = (await b.app.inject({ method: 'GET', url: `/api/v1/cases/${c.json().id}/events`, headers: registry })).json().items as {
      type: string;
      note: string | null;
    }[];
    assert.equal(events.find((e) => e.type === 'case.accepted')?.note, 'We have accepted your request; we decide by Friday.');
  } finally {
    await context.close();
  }
});
