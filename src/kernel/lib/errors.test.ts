import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientInputError, fieldOfConstraint, firstBadValue, pathOfNul } from './errors.ts';
import { jsonDepthExceeds } from '../../http/validation.ts';

/** A value nested `levels` deep, built without JSON (so no parser limit is involved), with `leaf` at the bottom. */
function deep(levels: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

test('the NUL check walks a value a million levels deep without overflowing the stack', () => {
  assert.equal(pathOfNul(deep(1_000_000, 'clean')), null);
  const found = pathOfNul(deep(1_000, 'a\u0000b'));
  assert.equal(found, '0.a.'.repeat(500).slice(0, -1));
  assert.equal(pathOfNul({ contact: { name: 'Ana', phone: '06\u00004' } }), 'contact.phone');
  assert.equal(pathOfNul({ ok: 1, ['ke\u0000y']: 'x' }), 'key');
  assert.equal(pathOfNul('a\u0000'), '');
  assert.equal(pathOfNul([1, 'x', null, true]), null);
});

test('firstBadValue reports the first bad value in document order', () => {
  const isX = (v: unknown) => v === 'x';
  assert.equal(firstBadValue({ a: ['y', 'x'], b: 'x' }, isX), 'a.1');
  assert.equal(firstBadValue({ a: 'y', b: { c: 'x' } }, isX), 'b.c');
  assert.equal(firstBadValue({ a: 'y' }, isX), null);
});

test('JSON depth is counted over brackets outside strings, in one pass', () => {
  assert.equal(jsonDepthExceeds('[[[]]]', 3), false);
  assert.equal(jsonDepthExceeds('[[[[]]]]', 3), true);
  assert.equal(jsonDepthExceeds('{"a":{"b":{"c":1}}}', 3), false);
  assert.equal(jsonDepthExceeds('{"a":{"b":{"c":{}}}}', 3), true);
  assert.equal(jsonDepthExceeds('["[[[[", "\\"[[[[", {"k\\\\":"{{{{"}]', 2), false);
  assert.equal(jsonDepthExceeds('['.repeat(1_000_000), 32), true);
  // Siblings do not add up: depth is how deep, not how many.
  assert.equal(jsonDepthExceeds('[' + '[],'.repeat(1000) + '[]]', 2), false);
});

test('an integrity violation names the field from its key, its column or its constraint', () => {
  assert.equal(
    fieldOfConstraint({
      code: '23503',
      constraint: 'case_parties_party_id_fkey',
      table: 'case_parties',
      detail: 'Key (party_id)=(4d2…) is not present in table "parties".',
    }),
    'partyId',
  );
  assert.equal(
    fieldOfConstraint({
      code: '23505',
      constraint: 'problem_categories_code_key',
      table: 'problem_categories',
      detail: 'Key (code)=(pothole) already exists.',
    }),
    'code',
  );
  assert.equal(fieldOfConstraint({ code: '23514', constraint: 'problem_categories_sla_hours_check', table: 'problem_categories' }), 'slaHours');
  assert.equal(fieldOfConstraint({ code: '23514', constraint: 'problem_reports_check', table: 'problem_reports' }), 'lat');
  assert.equal(fieldOfConstraint({ code: '23514', constraint: 'some_table_check', table: 'some_table' }), undefined);
  assert.equal(fieldOfConstraint({ code: '23502', column: 'case_type_id', table: 'cases' }), 'caseTypeId');
});

test('integrity violations become 400 (unknown, not allowed, missing) or 409 (duplicate, still referenced)', () => {
  const unknown = clientInputError({ code: '23503', detail: 'Key (unit_id)=(…) is not present in table "org_units".' });
  assert.equal(unknown?.code, 'validation');
  assert.equal(unknown?.details?.field, 'unitId');
  assert.equal(unknown?.details?.detailKey, 'detail.unknown_reference');
  assert.equal(clientInputError({ code: '23503', detail: 'Key (id)=(…) is still referenced from table "cases".' })?.code, 'conflict');
  assert.equal(clientInputError({ code: '23505', detail: 'Key (code)=(x) already exists.' })?.code, 'conflict');
  assert.equal(clientInputError({ code: '23514', constraint: 'cases_channel_check', table: 'cases' })?.details?.field, 'channel');
  assert.equal(clientInputError({ code: '23502', column: 'name' })?.details?.detailKey, 'detail.value_required');
  // Other errors stay errors: a 500 with its log, not a guess.
  assert.equal(clientInputError({ code: '40001' }), null);
  assert.equal(clientInputError(new Error('boom')), null);
});
