/**
 * The language chosen in the app rules the screen and the pages Glas renders, not the browser's
 * (issue 13): dates are typed and shown the Serbian way on a Serbian screen in an American browser,
 * and the weekly overview's definitions page, rendered on the server, comes in the chosen language.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, signIn, startBrowserApp, type BrowserApp } from './harness.ts';
import { setMessageOverrides } from '../../src/i18n/catalog.ts';
import { seedSistem48 } from '../sistem48/helpers.ts';

let b: BrowserApp;
before(async () => {
  b = await startBrowserApp();
  await seedSistem48(b.db.ctx, b.m);
});
after(async () => {
  setMessageOverrides({});
  await b?.close();
});

test('on a Serbian screen in an American browser, the public list takes and shows dates as Serbian writes them; server pages follow the chosen language', async () => {
  const { context, page } = await newPage(b, { locale: 'en-US' });
  try {
    await page.goto(`${b.base}/problems`);
    await page.getByTestId('language').selectOption('sr-Latn');
    const from = page.getByLabel('Prijavljeno od');
    await from.fill('5.3.2026');
    await from.blur();
    assert.equal(await from.inputValue(), '5. 3. 2026.');
    await page.getByRole('button', { name: 'Prikaži' }).click();
    await page.waitForURL(/from=2026-03-05/);
    // An ISO day is understood too, and shown the Serbian way.
    await from.fill('2026-12-31');
    await from.blur();
    assert.equal(await from.inputValue(), '31. 12. 2026.');

    await page.goto(`${b.base}/reports/definitions`);
    await page.getByRole('heading', { name: 'Kako računamo brojke' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'sr-Latn');
  } finally {
    await context.close();
  }
});

test('an administrator rewords a message in the web app, sees it previewed in every language, and the next screen uses it in Latin and Cyrillic', async () => {
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'admin');
    await page.getByTestId('language').selectOption('sr-Latn');
    await page.goto(`${b.base}/admin/wording`);
    await page.getByLabel('Traži po ključu ili tekstu').fill('ui.sign_out');
    await page.getByRole('button', { name: 'Pretraži', exact: true }).click();
    await page.getByRole('button', { name: 'ui.sign_out', exact: true }).click();
    await page.getByLabel('Srpski (latinica)', { exact: true }).fill('Izlaz iz sistema');
    // The Cyrillic preview follows the Latin draft before anything is saved.
    await page.getByTestId('wording-preview-sr-Cyrl').getByText('Излаз из система').waitFor();
    await page.getByRole('button', { name: 'Sačuvaj (Srpski (latinica))' }).click();
    await page.getByRole('status').getByText('Sačuvana verzija 1.').waitFor();
    // The next screen: the header's button, at once and after a reload, in Latin and in Cyrillic.
    await page.getByRole('button', { name: 'Izlaz iz sistema' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Izlaz iz sistema' }).waitFor();
    await page.getByTestId('language').selectOption('sr-Cyrl');
    await page.getByRole('button', { name: 'Излаз из система' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Odjava' }).count(), 0);
  } finally {
    await context.close();
  }
});
