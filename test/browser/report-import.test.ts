/**
 * The administrator's import of report history in a real browser: pick a CSV, see its first rows and
 * the problems found (nothing written), pick a corrected file, import it, and find it among the
 * earlier imports. The screen is accessible and fits a phone.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { newPage, signIn, startBrowserApp, assertAccessibleAndFits, type BrowserApp } from './harness.ts';
import { seedSistem48 } from '../sistem48/helpers.ts';

let b: BrowserApp;
before(async () => {
  b = await startBrowserApp();
  await seedSistem48(b.db.ctx, b.m);
});
after(async () => {
  await b?.close();
});

const imported = async () => Number((await sql<{ n: string }>`select count(*)::text as n from imported_reports`.execute(b.db.ctx.db)).rows[0]!.n);
const csv = (lines: string[]) => ({ name: 'istorija.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`) });

test('an administrator previews a file with its problems, then imports a corrected one', async () => {
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'admin');
    await page.goto(`${b.base}/admin/import`);
    await page.getByRole('heading', { name: 'Import of report history' }).waitFor();
    await page
      .getByLabel('File')
      .setInputFiles(
        csv(['received_at;category;text;status', '2025-02-03 08:00;pothole;Rupa ispred pošte;rešeno', '2025-02-04 09:00;garbage;Kontejner;u radu']),
      );
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('line 2: the status "rešeno" means the report is closed: give closed_at').waitFor();
    assert.equal(await page.getByTestId('import-preview').getByRole('row').count(), 3);
    assert.equal(await page.getByTestId('import-confirm').count(), 0, 'a file with problems cannot be imported');
    await assertAccessibleAndFits(page, 'import preview', 360);
    assert.equal(await imported(), 0);

    await page
      .getByLabel('File')
      .setInputFiles(
        csv([
          'received_at;category;text;status;closed_at',
          '2025-02-03 08:00;pothole;Rupa ispred pošte;rešeno;2025-02-05 10:00',
          '2025-02-04 09:00;garbage;Kontejner;u radu;',
        ]),
      );
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('Ready to import: 2. Imported before: 0. Rows repeated in the file: 0.').waitFor();
    await page.getByRole('button', { name: 'Import (reports: 2)' }).click();
    await page.getByTestId('import-done').getByText('Reports imported: 2.', { exact: false }).waitFor();
    assert.equal(await imported(), 2);
    await page.getByTestId('imports').getByRole('cell', { name: 'istorija.csv' }).waitFor();
    await assertAccessibleAndFits(page, 'import done', 1280);
  } finally {
    await context.close();
  }
});
