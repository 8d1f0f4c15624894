import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { registerCase } from '../../src/cases/commands/register-case.ts';
import { transitionCase } from '../../src/cases/commands/transition-case.ts';
import { fileReport } from '../../src/sistem48/commands/file-report.ts';
import { axeViolations, newPage, signIn, startBrowserApp, type BrowserApp, assertAccessibleAndFits } from './harness.ts';
import { CENTRE, seedSistem48, type Sistem48Fixture } from '../sistem48/helpers.ts';

let b: BrowserApp;
let s48: Sistem48Fixture;
before(async () => {
  b = await startBrowserApp();
  s48 = await seedSistem48(b.db.ctx, b.m);
});
after(async () => {
  await b?.close();
});

const DAY = 86_400_000;

/** A case delivered to unit A whose deadline is `days` from now. */
async function caseDueIn(days: number, subject: string) {
  const registry = b.m.users.registry!.actor;
  const c = await registerCase(b.db.ctx, registry, {
    caseTypeId: b.m.caseType.id,
    subject,
    channel: 'counter',
    parties: [{ name: 'Petra Petrović' }],
    dueAt: new Date(Date.now() + days * DAY),
  });
  await transitionCase(b.db.ctx, registry, { caseId: c.id, to: 'delivered', unitId: b.m.units.a.id });
  return c;
}

/** Two problem reports routed to unit A (illegal dumping goes there by rule). */
async function reportsInUnitA() {
  const operator = b.m.users.operator!.actor;
  const one = await fileReport(b.db.ctx, operator, {
    via: 'staff',
    channel: 'phone',
    category: { id: s48.cat.dumping.id },
    description: 'Šut pored puta',
    ...CENTRE,
    contact: { name: 'Ana Anić', phone: '0641234567' },
  });
  const two = await fileReport(b.db.ctx, operator, {
    via: 'staff',
    channel: 'phone',
    category: { id: s48.cat.dumping.id },
    description: 'Stari nameštaj u parku',
    ...CENTRE,
    contact: { name: 'Ivo Ivić' },
  });
  return [one, two];
}

test('"Due soon" lists open cases due within three days and leaves out later and overdue ones; a filter saved under a name is kept in the browser', async () => {
  const soon = await caseDueIn(2, 'Rok za dva dana');
  const later = await caseDueIn(20, 'Rok za dvadeset dana');
  const late = await caseDueIn(-1, 'Rok je prošao juče');
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'clerkA');
    await page.getByRole('link', { name: 'Due soon' }).click();
    await page.getByRole('link', { name: soon.number }).waitFor();
    assert.equal(await page.getByRole('link', { name: later.number }).count(), 0);
    assert.equal(await page.getByRole('link', { name: late.number }).count(), 0);
    assert.deepEqual(await axeViolations(page), [], 'due soon');

    await page.getByText('Filter', { exact: true }).click();
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Delivered to the responsible body' });
    await page.getByLabel('Open only').check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL((u) => u.searchParams.get('status') === 'delivered' && u.searchParams.get('open') === '1');
    await page.getByRole('link', { name: later.number }).waitFor();
    await page.getByRole('button', { name: 'Save the filter' }).click();
    await page.locator('#flt-name-error').filter({ hasText: 'Name of the filter is required.' }).waitFor();
    await page.getByLabel('Name of the filter').fill('Dostavljeni otvoreni');
    await page.getByRole('button', { name: 'Save the filter' }).click();
    const saved = page.getByRole('navigation', { name: 'Saved filters' });
    await saved.getByRole('link', { name: 'Dostavljeni otvoreni' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Dostavljeni otvoreni');
    assert.deepEqual(await axeViolations(page), [], 'filtered list with a saved filter');

    await page.getByRole('link', { name: 'My unit' }).click();
    await page.reload();
    await saved.getByRole('link', { name: 'Dostavljeni otvoreni' }).click();
    await page.getByRole('link', { name: soon.number }).waitFor();
    await saved.getByRole('button', { name: 'Remove the filter Dostavljeni otvoreni' }).click();
    assert.equal(await page.getByRole('navigation', { name: 'Saved filters' }).count(), 0);
  } finally {
    await context.close();
  }
});

test('the unit head sees Sistem 48 reports of unit A with their 48-hour clock running, and assigns two of them to a clerk at once', async () => {
  const [one, two] = await reportsInUnitA();
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'headA');
    await page.getByRole('link', { name: 'Sistem 48 work queue' }).click();
    const table = page.getByTestId('work-queue');
    await table.getByRole('link', { name: one!.number }).waitFor();
    await table.getByRole('link', { name: two!.number }).waitFor();
    const row = table.locator('tr', { has: page.getByRole('link', { name: one!.number }) });
    assert.match((await row.locator('.clock').textContent())!, /left/);
    assert.match((await page.getByRole('navigation', { name: 'Report groups' }).getByRole('link', { name: /^New/ }).textContent())!, /New \(\d+\)/);
    assert.deepEqual(await axeViolations(page), [], 'work queue');

    await page.getByRole('checkbox', { name: `Select report ${one!.number}` }).check();
    await page.getByRole('checkbox', { name: `Select report ${two!.number}` }).check();
    await page.getByLabel('Clerk', { exact: true }).selectOption({ label: 'User clerkA (Case officer)' });
    await page.getByRole('button', { name: 'Assign the selected' }).click();
    await page.getByText('Reports assigned: 2.').waitFor();
    await row.getByText('User clerkA').waitFor();
    assert.equal(
      await table
        .locator('tr', { has: page.getByRole('link', { name: two!.number }) })
        .getByText('User clerkA')
        .count(),
      1,
    );
  } finally {
    await context.close();
  }
});

test('an administrator creates a category with an extra field and a routing rule for it, sets the working week and adds a holiday', async () => {
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'admin');
    await page.getByRole('link', { name: 'Problem categories' }).click();
    await page.getByTestId('categories').waitFor();
    await page.getByRole('button', { name: 'New category' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#cat-code-error').filter({ hasText: 'Code is required.' }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill('tree');
    await page.getByLabel('Name – English', { exact: true }).fill('Fallen tree');
    await page.getByLabel('Name – Srpski (latinica)', { exact: true }).fill('Palo drvo');
    await page.getByLabel('Icon', { exact: true }).fill('tree');
    await page.getByLabel('First response within (hours)').fill('24');
    await page.getByRole('button', { name: 'Add a field' }).click();
    await page.getByLabel('Code (Field 1)').fill('blocks_road');
    await page.getByLabel('Label – English (Field 1)').fill('Blocks the road');
    assert.deepEqual(await axeViolations(page), [], 'category form');
    await page.getByRole('button', { name: 'Save' }).click();
    const row = page.getByTestId('categories').locator('tr', { hasText: 'Fallen tree' });
    await row.getByRole('cell', { name: 'Fallen tree', exact: true }).waitFor();
    assert.match((await row.textContent())!, /24 h · calendar hours/);
    assert.match((await row.textContent())!, /Blocks the road/);

    await page.getByRole('link', { name: 'Routing rules' }).click();
    await page.getByTestId('rules').waitFor();
    await page.getByRole('button', { name: 'New rule' }).click();
    await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Fallen tree' });
    await page.getByLabel('Unit', { exact: true }).selectOption({ label: 'JKP Vodovod' });
    await page.getByLabel('Priority').fill('20');
    await page.getByLabel('Streets').fill('Glavna\nParkovska');
    await page.getByLabel('Area').fill('{not json');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#rule-area-error').filter({ hasText: 'The area is not valid GeoJSON.' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'routing rule form with an error');
    await page.getByLabel('Area').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('rules').locator('tr', { hasText: 'Fallen tree' }).getByText('Glavna, Parkovska').waitFor();

    await page.getByRole('link', { name: 'Response times and holidays' }).click();
    await page.getByRole('checkbox', { name: 'Saturday' }).check();
    await page.getByLabel('Working day starts').fill('07:30');
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    await page.locator('.flash').filter({ hasText: 'Saved.' }).first().waitFor();
    await page.getByLabel('Date', { exact: true }).fill('2031-12-25');
    await page.getByLabel('Name', { exact: true }).fill('Božić');
    await page.getByRole('button', { name: 'Add the holiday' }).click();
    await page.getByTestId('holidays').locator('li', { hasText: 'Božić' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'response times and holidays');
    await page.reload();
    assert.equal(await page.getByRole('checkbox', { name: 'Saturday' }).isChecked(), true);
    assert.equal(await page.getByLabel('Working day starts').inputValue(), '07:30');
  } finally {
    await context.close();
  }
});

test('the new screens have no axe violations and do not scroll sideways at 360 px', async () => {
  await reportsInUnitA();
  const c = await caseDueIn(1, 'Uski ekran');
  for (const width of [1280, 360]) {
    const { context, page } = await newPage(b, { width });
    try {
      const check = (what: string) => assertAccessibleAndFits(page, what, width);
      await signIn(page, b.base, 'headA');
      await page.goto(`${b.base}/work-queue`);
      await page.getByTestId('work-queue').waitFor();
      await check('work queue');
      await page.goto(`${b.base}/cases?queue=due_soon`);
      await page.getByRole('link', { name: c.number }).waitFor();
      await page.getByText('Filter', { exact: true }).click();
      await check('due soon with the filter open');
      await page.goto(`${b.base}/cases/${c.id}`);
      await page.getByText('No message has been sent about this case yet.').waitFor();
      await check('case page without messages');
      await page.getByRole('button', { name: 'Sign out' }).click();
      // Signed out once the sign-in form is back; signing in before that races the sign-out request.
      await page.getByLabel('Username').waitFor();
      await signIn(page, b.base, 'admin');
      for (const [section, ready] of [
        ['notifications', 'kinds'],
        ['templates', 'previews'],
        ['categories', 'categories'],
        ['routing', 'rules'],
        ['sla', 'holidays-section'],
      ] as const) {
        await page.goto(`${b.base}/admin/${section}`);
        await page.getByTestId(ready).waitFor();
        await check(`administration: ${section}`);
      }
    } finally {
      await context.close();
    }
  }
});
