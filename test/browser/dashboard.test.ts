/**
 * Issue 15 in the browser: leadership lands on the dashboard, drills down from a figure to its reports
 * and downloads a unit report as PDF and XLSX in Cyrillic from the meeting view (the files are read
 * back: pdf.js for the PDF's text, exceljs for the spreadsheet); a unit head lands on their home and
 * reassigns two cases at once. Reports are filed relative to the server's clock (now):
 *   R1 filed 100 h ago, answered after 47 h (in time); R2 filed 10 h ago, not answered (38 hours left);
 *   R3 filed 60 h ago, not answered (late). Answered within the promise: R1 of R1 and R3 = 50 %.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import '../../src/catalogue.ts';
import { t } from '../../src/i18n/catalog.ts';
import { assertAccessibleAndFits, axeViolations, newPage, signIn, startBrowserApp, type BrowserApp } from './harness.ts';
import { CENTRE, seedSistem48 } from '../sistem48/helpers.ts';
import { HOUR, plus, reportBuilder } from '../reports/helpers.ts';

let b: BrowserApp;
const no: Record<string, string> = {};
const id: Record<string, string> = {};

before(async () => {
  b = await startBrowserApp();
  await seedSistem48(b.db.ctx, b.m);
  const now = b.db.ctx.now();
  const rb = reportBuilder(b.db.ctx);
  const file = async (name: string, hoursAgo: number) => {
    const r = await rb.file(plus(now, -hoursAgo * HOUR), { category: 'pothole', channel: 'web', lat: CENTRE.lat, lon: CENTRE.lon });
    const c = await b.db.ctx.db.selectFrom('cases').select('number').where('id', '=', r.caseId).executeTakeFirstOrThrow();
    no[name] = c.number;
    id[name] = r.caseId;
    return r.caseId;
  };
  const r1 = await file('R1', 100);
  await rb.respond(r1, plus(now, -53 * HOUR));
  await file('R2', 10);
  await file('R3', 60);
});
after(async () => {
  await b?.close();
});

async function pdfText(path: string): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(path)) }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const c = await (await doc.getPage(i)).getTextContent();
    parts.push(c.items.map((x) => ('str' in x ? x.str : '')).join(' '));
  }
  return parts.join('\n');
}

test('leadership lands on the dashboard, drills down from a figure, and downloads a unit report as PDF and XLSX in Cyrillic', async () => {
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'leader');
    await page.waitForURL(/\/dashboard$/);
    const headline = page.getByTestId('dash-headline');
    await headline.waitFor();
    // R2 still has 38 hours: it is neither late nor in time, so the share is 1 of 2.
    assert.equal(await page.getByTestId('dash-answered-share').textContent(), '50%');
    assert.equal(await page.getByTestId('dash-late-now').textContent(), '1');
    const groups = page.getByTestId('dash-groups');
    await groups.getByRole('rowheader', { name: 'Odeljenje A' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'dashboard');

    await page.getByTestId('dash-late-now').click();
    await page.waitForURL(/\/dashboard\/reports\?metric=late/);
    assert.equal(await page.getByTestId('drill-total').textContent(), 'Reports: 1');
    const list = page.getByTestId('drill-list');
    await list.getByRole('link', { name: no.R3! }).waitFor();
    assert.equal(await list.getByRole('link', { name: no.R2! }).count(), 0);
    await list.getByRole('link', { name: no.R3! }).click();
    await page.waitForURL(new RegExp(`/cases/${id.R3}$`));

    await page.goto(`${b.base}/dashboard/meeting?focus=${b.m.units.a.id}`);
    await page.getByTestId('language').selectOption('sr-Cyrl');
    await page.getByRole('heading', { name: t('sr-Cyrl', 'dash.meeting') }).waitFor();
    const focus = page.locator('tr[aria-current="true"]');
    assert.match((await focus.textContent())!, new RegExp(t('sr-Cyrl', 'dash.in_focus')));

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('unit-report-pdf').click()]);
    const text = await pdfText((await pdf.path())!);
    for (const key of ['reports.workload', 'reports.deadlines', 'reports.costs'] as const)
      assert.ok(text.includes(t('sr-Cyrl', key)), `${key} in the PDF: ${text.slice(0, 300)}`);
    assert.ok(text.includes('Odeljenje A'), 'the unit is named as it is called');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('unit-report-xlsx').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await xlsx.path())!)) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    assert.ok(names.includes(t('sr-Cyrl', 'reports.workload').slice(0, 28)), names.join(', '));
    const workload = wb.getWorksheet(t('sr-Cyrl', 'reports.workload').slice(0, 28))!;
    const rows = workload.getSheetValues().filter(Array.isArray) as unknown[][];
    // Received in the meeting view's period (the last 30 days, today included): the three reports, stored as a number.
    assert.deepEqual(rows.find((r) => r[1] === t('sr-Cyrl', 'reports.received'))?.slice(1, 3), [t('sr-Cyrl', 'reports.received'), 3]);

    // The audit log is the administrators' (the server answers leadership 403): no menu entry, and no page at its address.
    const menu = page.getByRole('navigation', { name: t('sr-Cyrl', 'ui.main_menu') });
    await menu.getByRole('link', { name: t('sr-Cyrl', 'dash.nav') }).waitFor();
    assert.equal(await menu.getByRole('link', { name: t('sr-Cyrl', 'ui.nav_admin') }).count(), 0);
    await page.goto(`${b.base}/admin/audit`);
    await page.getByRole('heading', { name: t('sr-Cyrl', 'error.not_found') }).waitFor();
    assert.equal(await page.getByTestId('audit-table').count(), 0);
  } finally {
    await context.close();
  }
});

test('a unit head lands on their home, sees the queue’s health and reassigns two reports at once', async () => {
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'headA');
    await page.waitForURL(/\/home$/);
    await page.getByTestId('home-health').waitFor();
    assert.equal(await page.getByTestId('home-unassigned').textContent(), '3');
    assert.deepEqual(await axeViolations(page), [], 'home');
    const cases = page.getByTestId('home-cases');
    await page.getByRole('checkbox', { name: `Select ${no.R2}` }).check();
    await page.getByRole('checkbox', { name: `Select ${no.R3}` }).check();
    await page.getByTestId('home-target').selectOption({ label: 'User clerkA' });
    await page.getByTestId('home-reassign').click();
    await page.getByTestId('home-notice').getByText('Cases reassigned: 2').waitFor();
    // The queue reloads after the move: one report (R1) is left without a clerk.
    await page.getByTestId('home-unassigned').filter({ hasText: /^1$/ }).waitFor();
    await cases
      .getByRole('row', { name: new RegExp(no.R3!) })
      .getByText('User clerkA')
      .waitFor();
    const rows = await b.db.ctx.db.selectFrom('cases').select(['id', 'clerk_id']).where('id', 'in', [id.R2!, id.R3!]).execute();
    assert.deepEqual(
      rows.map((r) => r.clerk_id),
      [b.m.users.clerkA!.id, b.m.users.clerkA!.id],
    );
    const events = await b.db.ctx.db.selectFrom('case_events').select('type').where('case_id', '=', id.R3!).where('type', '=', 'case.assigned').execute();
    assert.equal(events.length, 1, 'each reassignment is recorded on its case');

    // Their dashboard is their unit's, with the unit report beside it.
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('dash-headline').waitFor();
    await page.getByRole('heading', { name: 'Dashboard: Odeljenje A' }).waitFor();
    assert.equal(await page.getByTestId('dash-late-now').textContent(), '1');
    await page.getByTestId('unit-report-pdf').waitFor();
  } finally {
    await context.close();
  }
});

test('the dashboard, the meeting view, a drill-down list and the home pass axe and fit a 360 px phone', async () => {
  const { context, page } = await newPage(b, { width: 360 });
  try {
    await signIn(page, b.base, 'leader');
    await page.getByTestId('dash-headline').waitFor();
    await assertAccessibleAndFits(page, 'dashboard', 360);
    await page.goto(`${b.base}/dashboard/meeting?focus=${b.m.units.a.id}`);
    await page.getByTestId('unit-report-links').waitFor();
    await assertAccessibleAndFits(page, 'meeting view', 360);
    await page.goto(`${b.base}/dashboard/reports?metric=open`);
    await page.getByTestId('drill-list').waitFor();
    await assertAccessibleAndFits(page, 'drill-down list', 360);
    await page.getByRole('button', { name: 'Sign out' }).click();
    // Signed out once the sign-in form is back; signing in before that races the sign-out request.
    await page.getByLabel('Username').waitFor();
    await signIn(page, b.base, 'headA');
    await page.getByTestId('home-health').waitFor();
    await assertAccessibleAndFits(page, 'home', 360);
  } finally {
    await context.close();
  }
});
