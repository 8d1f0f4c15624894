/**
 * A refusal's detail is shown to people in their language (issue 13): a command words it from the
 * catalogue (`invalidAs('detail.…', params, field)`), never as an English literal (`invalid('…')`), which
 * would reach a Serbian or Slovenian screen as English. The files below still have such literals; the
 * list only shrinks: the test fails when a new file gains one, and when a listed file is clean.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const KNOWN = new Set(['src/organisation/commands/create-case-type.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p.endsWith(path.join('db', 'migrations')) ? [] : sources(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p.split(path.sep).join('/')] : [];
  });
}

/** An English detail: invalid( with a string or template literal as its first argument. */
const ENGLISH_DETAIL = /\binvalid\(\s*['"`]/;

test('no new English refusal detail: commands word them from the catalogue', () => {
  const withLiterals = sources('src').filter((f) => ENGLISH_DETAIL.test(readFileSync(f, 'utf8')));
  assert.deepEqual(
    withLiterals.filter((f) => !KNOWN.has(f)),
    [],
    'word these with invalidAs and a detail.* key in locales/*.json',
  );
  assert.deepEqual(
    [...KNOWN].filter((f) => !withLiterals.includes(f)),
    [],
    'these are clean now: delete them from KNOWN',
  );
});

test('the check sees an English literal and not a catalogued one', () => {
  assert.ok(ENGLISH_DETAIL.test("throw invalid('the file is empty', 'file');"));
  assert.ok(ENGLISH_DETAIL.test('throw invalid(`unknown party ${id}`, "partyId");'));
  assert.ok(!ENGLISH_DETAIL.test("throw invalidAs('detail.file_empty', {}, 'file');"));
});
