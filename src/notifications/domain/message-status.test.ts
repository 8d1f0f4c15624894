import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FINAL_STATUSES, MESSAGE_STATUSES, MESSAGE_TRANSITIONS, predecessors } from './message-status.ts';

// The guard of the one status-changing function allows a move from the predecessors of its target.
const canMove = (from: (typeof MESSAGE_STATUSES)[number], to: (typeof MESSAGE_STATUSES)[number]) => predecessors(to).includes(from);

test('nothing leaves a final status', () => {
  for (const s of FINAL_STATUSES) for (const to of MESSAGE_STATUSES) assert.equal(canMove(s, to), false, `${s} → ${to}`);
});

test('a message is sent only after being claimed for sending', () => {
  assert.equal(canMove('queued', 'sent'), false);
  assert.equal(canMove('queued', 'sending'), true);
  assert.equal(canMove('sending', 'sent'), true);
  assert.equal(canMove('sent', 'delivered'), true);
  assert.equal(canMove('sent', 'sending'), false, 'a sent message is never claimed again');
});

test('every status has a row in the transition table and every target is a status', () => {
  for (const s of MESSAGE_STATUSES) for (const to of MESSAGE_TRANSITIONS[s]) assert.ok(MESSAGE_STATUSES.includes(to));
});
