import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFieldDefinitions, checkFieldValues, pickText, type CategoryField } from './fields.ts';
import { descriptionProblem } from '../../kernel/lib/public-text.ts';

const fields: CategoryField[] = [
  { code: 'pole_number', type: 'string', required: true, label: { en: 'Pole' } },
  {
    code: 'size',
    type: 'singlevaluelist',
    required: false,
    label: { en: 'Size' },
    options: [
      { key: 'small', name: { en: 'Small' } },
      { key: 'large', name: { en: 'Large' } },
    ],
  },
  { code: 'depth', type: 'number', required: false, label: { en: 'Depth' } },
  {
    code: 'kinds',
    type: 'multivaluelist',
    required: false,
    label: { en: 'Kinds' },
    options: [
      { key: 'a', name: { en: 'A' } },
      { key: 'b', name: { en: 'B' } },
    ],
  },
];

test('field values are checked and normalised against the definitions', () => {
  assert.deepEqual(checkFieldValues(fields, { pole_number: ' JR-1 ', size: 'small', depth: '12,5', kinds: 'a,b' }), {
    ok: true,
    values: { pole_number: 'JR-1', size: 'small', depth: 12.5, kinds: ['a', 'b'] },
  });
  assert.equal(checkFieldValues(fields, {}).ok, false);
  assert.equal(checkFieldValues(fields, { pole_number: '1', size: 'huge' }).ok, false);
  assert.equal(checkFieldValues(fields, { pole_number: '1', colour: 'red' }).ok, false);
  assert.equal(checkFieldValues(fields, { pole_number: '1', depth: 'deep' }).ok, false);
});

test('definitions: lists need options, codes must be usable as XML names, no duplicates', () => {
  assert.deepEqual(checkFieldDefinitions(fields), []);
  assert.equal(checkFieldDefinitions([{ code: '1st', type: 'string', required: false, label: { en: 'x' } }]).length, 1);
  assert.equal(checkFieldDefinitions([{ code: 'x', type: 'singlevaluelist', required: false, label: { en: 'x' } }]).length, 1);
  assert.equal(checkFieldDefinitions([fields[0]!, fields[0]!]).length, 1);
});

test('texts fall back through related languages, and Serbian Cyrillic is derived from Latin', () => {
  assert.equal(pickText({ 'sr-Latn': 'Ulična rasveta', en: 'Street light' }, 'sr-Cyrl'), 'Улична расвета');
  assert.equal(pickText({ 'sr-Latn': 'Ulična rasveta', en: 'Street light' }, 'sl'), 'Ulična rasveta');
  assert.equal(pickText({ en: 'Street light' }, 'hr'), 'Street light');
});

test('a description of only markup is refused; text with markup in it is kept as text', () => {
  assert.ok(descriptionProblem('<script>alert(1)</script>'));
  assert.ok(descriptionProblem('<b></b>&nbsp;<br/>'));
  assert.equal(descriptionProblem('Rupa <b>velika</b> kod škole'), null);
  assert.equal(descriptionProblem('a < b and c > d'), null);
});
