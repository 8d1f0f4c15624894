import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixReply } from './fix-reply.ts';

test('yes and no in every language and script', () => {
  for (const t of ['DA', 'da', 'Da.', 'ДА', 'yes', 'Ja', 'riješeno', 'Odpravljeno']) assert.equal(readFixReply(t)?.answer, 'fixed', t);
  for (const t of ['NE', 'ne', 'НЕ', 'no', 'Nije', 'nije otklonjeno', 'ni odpravljeno', 'Not fixed']) assert.equal(readFixReply(t)?.answer, 'not_fixed', t);
});

test('a rating and a comment may follow the answer', () => {
  assert.deepEqual(readFixReply('NE 2 rupa je još tu'), { answer: 'not_fixed', rating: 2, comment: 'rupa je još tu' });
  assert.deepEqual(readFixReply('ДА, 5/5 хвала'), { answer: 'fixed', rating: 5, comment: 'хвала' });
  assert.deepEqual(readFixReply('nije otklonjeno, i dalje curi'), { answer: 'not_fixed', rating: null, comment: 'i dalje curi' });
  assert.deepEqual(readFixReply('4'), { answer: null, rating: 4, comment: null });
});

test('buttons and texts that are not an answer', () => {
  assert.deepEqual(readFixReply('fix:no'), { answer: 'not_fixed', rating: null, comment: null });
  assert.deepEqual(readFixReply('fix:rate:3'), { answer: null, rating: 3, comment: null });
  for (const t of ['Rupa na putu kod škole', 'Dan', 'neko je bacio smeće', 'IN-8/2026', '6', '2026 rupa', '5 rupa na putu', 'yesterday', ''])
    assert.equal(readFixReply(t), null, t);
});
