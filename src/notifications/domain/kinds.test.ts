import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findKind, kindDefinitions, notificationKind } from './kinds.ts';

test('a status change is addressed by its outcome: status:<new status>', () => {
  assert.equal(notificationKind({ type: 'case.status_changed', data: { from: 'in_progress', to: 'approved' } }), 'status:approved');
  assert.equal(notificationKind({ type: 'case.status_changed', data: {} }), null);
});

test('other events are addressed by their type without the case. prefix', () => {
  assert.equal(notificationKind({ type: 'case.registered', data: {} }), 'registered');
  assert.equal(notificationKind({ type: 'case.registered', data: { channel: 'counter' } }), 'registered');
  assert.equal(notificationKind({ type: 'case.registered', data: { channel: 'post' } }), 'registered');
  // Reports by web, SMS, e-mail, phone or Viber are acknowledged as reports, not as received at the registry office.
  for (const channel of ['web', 'sms', 'email', 'phone', 'viber'])
    assert.equal(notificationKind({ type: 'case.registered', data: { channel } }), 'registered:report');
  assert.equal(notificationKind({ type: 'case.opinion_requested', data: {} }), 'opinion_requested');
  assert.equal(notificationKind({ type: 'case.unheard_of', data: {} }), null);
});

test('external registry events carry their kind, or are "external"', () => {
  assert.equal(notificationKind({ type: 'case.external_event', data: { kind: 'classified' } }), 'classified');
  assert.equal(notificationKind({ type: 'case.external_event', data: { kind: 'nonsense' } }), 'external');
});

test('defaults cover the seed list: registration, clerk, every status change, opinion, appeal, return, archive, classification, assignment', () => {
  for (const k of [
    'registered',
    'accepted',
    'status:in_progress',
    'status:incomplete',
    'status:approved',
    'status:rejected',
    'status:dismissed',
    'status:suspended',
    'status:resolved',
    'opinion_requested',
    'appeal_received',
    'returned_to_registry',
    'archived',
    'classified',
    'assigned',
  ]) {
    assert.notEqual(findKind(k)?.defaultLevel ?? 'internal', 'internal', k);
  }
  assert.equal(findKind('registered')?.defaultLevel, 'key');
  assert.equal(findKind('status:approved')?.defaultLevel, 'key');
  assert.equal(findKind('cost_recorded')?.defaultLevel, 'internal');
  assert.equal(new Set(kindDefinitions().map((d) => d.kind)).size, kindDefinitions().length);
});
