import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leadOf, mergedNote, type GroupedEvent } from './coalesce.ts';

const ev = (kind: string, note: string | null = null, extra: Partial<GroupedEvent> = {}): GroupedEvent => ({
  id: kind,
  caseId: 'c',
  kind,
  level: 'notifiable',
  type: 'case.x',
  data: {},
  note,
  visibility: 'public',
  ...extra,
});

test('an answer leads the bookkeeping steps made with it', () => {
  const group = [ev('accepted'), ev('status:in_progress'), ev('response_given', 'Ekipa dolazi u utorak.')];
  assert.equal(leadOf(group).kind, 'response_given');
});

test('a decision leads a field result, and the field note is carried', () => {
  const group = [ev('field_result', 'Rupa je zakrpljena.'), ev('status:resolved')];
  const lead = leadOf(group);
  assert.equal(lead.kind, 'status:resolved');
  assert.equal(mergedNote(group, lead), 'Rupa je zakrpljena.');
});

test('notes the citizen may not read are left out, repeated ones kept once', () => {
  const group = [
    ev('note_added', 'Interno.', { visibility: 'internal' }),
    ev('note_added', 'Na pregledu.', { data: { awaitingReview: true } }),
    ev('response_given', 'Sutra.'),
    ev('status:resolved', 'Sutra.'),
  ];
  assert.equal(mergedNote(group, leadOf(group)), 'Sutra.');
  assert.equal(mergedNote([ev('accepted')], ev('accepted')), null);
});
