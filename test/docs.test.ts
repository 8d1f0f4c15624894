import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CONFIG_VARIABLES } from '../src/config.ts';

test('the README documents every configuration variable, with the same one-line text as the config module', () => {
  const readme = readFileSync('README.md', 'utf8');
  for (const v of Object.values(CONFIG_VARIABLES)) assert.ok(readme.includes(`| \`${v.name}\` | ${v.doc} |`), v.name);
});

test('.ci/run runs the README test command', () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.ok(readme.includes('npm ci && npm test'));
  assert.match(readFileSync('.ci/run', 'utf8'), /npm ci[^\n]*\n(?:.*\n)*npm test/);
});
