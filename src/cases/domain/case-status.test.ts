import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TRANSITIONS, checkMergeClose, checkMove, checkTransition, eventTypeForTransition, isOpen } from './case-status.ts';
import { CASE_STATUSES } from '../../kernel/types.ts';

test('every status has a row in the transition table and every target is a known status', () => {
  assert.deepEqual(Object.keys(TRANSITIONS).sort(), [...CASE_STATUSES].sort());
  for (const targets of Object.values(TRANSITIONS)) for (const to of targets) assert.ok(CASE_STATUSES.includes(to));
});

test('archived is final; everything else can move somewhere', () => {
  assert.deepEqual(TRANSITIONS.archived, []);
  for (const s of CASE_STATUSES) if (s !== 'archived') assert.ok(TRANSITIONS[s].length > 0, s);
});

test('every status is reachable from received', () => {
  const seen = new Set(['received']);
  const queue = ['received'] as (keyof typeof TRANSITIONS)[];
  while (queue.length)
    for (const n of TRANSITIONS[queue.shift()!])
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
  assert.deepEqual([...seen].sort(), [...CASE_STATUSES].sort());
});

test('an invalid move names the allowed ones', () => {
  assert.deepEqual(checkTransition('received', 'approved'), { ok: false, allowed: ['delivered', 'dismissed'] });
  assert.deepEqual(checkTransition('received', 'delivered'), { ok: true });
  assert.deepEqual(checkTransition('archived', 'in_progress'), { ok: false, allowed: [] });
});

test('an appeal reopens a decided case and the decision can be taken again', () => {
  assert.ok(checkTransition('rejected', 'appeal_received').ok);
  assert.ok(checkTransition('appeal_received', 'approved').ok);
  assert.ok(isOpen('appeal_received'));
  assert.ok(!isOpen('rejected'));
});

test('the event recorded for a move tells opinion requests and answers apart', () => {
  assert.equal(eventTypeForTransition('in_progress', 'awaiting_opinion'), 'case.opinion_requested');
  assert.equal(eventTypeForTransition('awaiting_opinion', 'in_progress'), 'case.opinion_received');
  assert.equal(eventTypeForTransition('incomplete', 'in_progress'), 'case.status_changed');
  assert.equal(eventTypeForTransition('in_progress', 'approved'), 'case.status_changed');
});

test('a merge closes a duplicate from any open status, never one already closed', () => {
  for (const s of CASE_STATUSES) assert.equal(checkMergeClose(s).ok, isOpen(s), s);
  assert.equal(checkMergeClose('delivered').ok, true);
  assert.equal(checkMergeClose('archived').ok, false);
});

test('each move follows its rule: the table, the merge closing a duplicate, the registry mirror', () => {
  assert.deepEqual(checkMove('resolved', 'in_progress', 'transition'), { ok: true }, 'a resolved report answered again is reopened');
  assert.deepEqual(checkMove('archived', 'in_progress', 'transition'), { ok: false, allowed: [] });
  assert.deepEqual(checkMove('in_progress', 'resolved', 'merge_close'), { ok: true });
  assert.deepEqual(checkMove('in_progress', 'archived', 'merge_close'), { ok: false, allowed: [] }, 'a merge closes as resolved only');
  assert.deepEqual(checkMove('resolved', 'resolved', 'merge_close'), { ok: false, allowed: [] }, 'a closed duplicate is not closed again');
  assert.deepEqual(checkMove('archived', 'approved', 'registry_mirror'), { ok: true }, 'the registry is the record of its case');
  const same = checkMove('approved', 'approved', 'registry_mirror');
  assert.equal(same.ok, false);
  assert.ok(!same.ok && !same.allowed.includes('approved') && same.allowed.length === CASE_STATUSES.length - 1);
});
