/**
 * Moderation in a real browser: the administrator asks for review in a category; its report shows "awaiting review"
 * on its public page (no text); the registry clerk sees the text as written in the case page's report
 * panel, publishes an edited version with a reason, and the public page shows the edited text.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileReport } from '../../src/sistem48/commands/file-report.ts';
import { WEB_FORM_ACTOR } from '../../src/sistem48/http/routes.ts';
import { assertAccessibleAndFits, newPage, signIn, startBrowserApp, type BrowserApp } from './harness.ts';
import { seedSistem48, type Sistem48Fixture } from '../sistem48/helpers.ts';

let b: BrowserApp;
let s48: Sistem48Fixture;
before(async () => {
  b = await startBrowserApp();
  s48 = await seedSistem48(b.db.ctx, b.m);
});
after(async () => {
  await b?.close();
});

test('a report awaiting review says so on its public page; the moderator publishes an edited text from the report panel and the public page shows it', async () => {
  // The administrator asks for review in the Garbage category on the categories screen.
  const admin = await newPage(b);
  try {
    await signIn(admin.page, b.base, 'admin');
    await admin.page.getByRole('link', { name: 'Problem categories' }).click();
    await admin.page.getByTestId('categories').locator('tr', { hasText: 'Garbage' }).getByRole('button', { name: /Edit/ }).click();
    await admin.page.getByLabel('Publish reports only after review').check();
    await admin.page.getByRole('button', { name: 'Save' }).click();
    // Saved: the form closes and the list offers a new category again.
    await admin.page.getByRole('button', { name: 'New category' }).waitFor();
    assert.equal(
      (await b.db.ctx.db.selectFrom('problem_categories').select('review_required').where('id', '=', s48.cat.garbage.id).executeTakeFirstOrThrow())
        .review_required,
      true,
    );
  } finally {
    await admin.context.close();
  }
  const filed = await fileReport(b.db.ctx, WEB_FORM_ACTOR, {
    via: 'web',
    channel: 'web',
    category: { id: s48.cat.garbage.id },
    address: 'Pijačna 3',
    description: 'Kontejner je pun već nedelju dana. Dragana Kovač',
  });
  const { context, page } = await newPage(b);
  try {
    await page.goto(`${b.base}/problems/${filed.reportNo}`);
    await page.getByTestId('report-awaiting-review').waitFor();
    assert.ok(!(await page.getByTestId('public-report').textContent())!.includes('Dragana'));

    await signIn(page, b.base, 'registry');
    await page.goto(`${b.base}/cases/${filed.caseId}`);
    const panel = page.getByTestId('s48-moderation');
    await panel.getByTestId('s48-awaiting-review').waitFor();
    assert.equal(await panel.getByTestId('s48-written-text').textContent(), 'Kontejner je pun već nedelju dana. Dragana Kovač');
    await panel.getByLabel('Text for the public').fill('Kontejner je pun već nedelju dana.');
    // Without a reason: refused beside the field.
    await panel.getByRole('button', { name: 'Publish this text' }).click();
    await panel.getByText('give the reason for the change').waitFor();
    await panel.getByLabel('Reason (staff see it in the history)').fill('ime podnosioca');
    await panel.getByRole('button', { name: 'Publish this text' }).click();
    await page.getByTestId('s48-notice-s48-moderation').getByText('The public text was saved.').waitFor();
    // The panel reloads after the confirmation: wait for the new state rather than read it at once.
    await panel
      .getByTestId('s48-public-text')
      .filter({ hasText: /^Kontejner je pun već nedelju dana\.$/ })
      .waitFor();
    assert.equal(await panel.getByTestId('s48-awaiting-review').count(), 0);
    assert.equal(await panel.getByTestId('s48-written-text').textContent(), 'Kontejner je pun već nedelju dana. Dragana Kovač');
    await page.setViewportSize({ width: 360, height: 800 });
    await assertAccessibleAndFits(page, 'the case page with the public text section', 360);

    await page.goto(`${b.base}/problems/${filed.reportNo}`);
    await page.getByText('Kontejner je pun već nedelju dana.').waitFor();
    assert.equal(await page.getByTestId('report-awaiting-review').count(), 0);
    assert.ok(!(await page.getByTestId('public-report').textContent())!.includes('Dragana'));
  } finally {
    await context.close();
  }
});
