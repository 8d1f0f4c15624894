import { test } from 'node:test';
import assert from 'node:assert/strict';
import { html, page } from './html.ts';

const base = { title: 'x', path: '/reports/weekly', body: html`<p>x</p>` };

test('a Cyrillic page names the municipality by its configured Cyrillic name, else by a transliteration; Latin pages by its name', () => {
  assert.match(page({ ...base, locale: 'sr-Cyrl', municipality: 'Kotor Varoš', municipalityCyrillic: 'Општина Котор-Варош' }), /Општина Котор-Варош/);
  assert.match(page({ ...base, locale: 'sr-Cyrl', municipality: 'Kotor Varoš' }), /Котор Варош/);
  const latin = page({ ...base, locale: 'sr-Latn', municipality: 'Kotor Varoš', municipalityCyrillic: 'Општина Котор-Варош' });
  assert.match(latin, /Kotor Varoš/);
  assert.doesNotMatch(latin, /Котор/);
});
