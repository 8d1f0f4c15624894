import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citizenVerdicts } from './verdicts.ts';

const row = (
  unitId: string | null,
  categoryId: number | null,
  o: Partial<Record<'asked' | 'answered' | 'fixed' | 'notFixed' | 'reopened' | 'ratings' | 'ratingSum', number>>,
) => ({
  unitId,
  categoryId,
  asked: 0,
  answered: 0,
  fixed: 0,
  notFixed: 0,
  reopened: 0,
  ratings: 0,
  ratingSum: 0,
  ...o,
});

test('reopenings and "closed but not fixed" are counted apart, per unit and category, with the average rating', () => {
  const units = new Map([['u1', { code: 'A', name: 'Odeljenje A' }]]);
  const categories = new Map([[1, { code: 'pothole', name: { en: 'Pothole' } }]]);
  const v = citizenVerdicts(
    [row('u1', 1, { asked: 3, answered: 3, fixed: 1, notFixed: 2, reopened: 1, ratings: 2, ratingSum: 7 }), row(null, null, { asked: 1 })],
    units,
    categories,
  );
  assert.deepEqual(
    [v.asked, v.answered, v.fixed, v.notFixed, v.reopened, v.closedNotFixed, v.reopenRate.share, v.averageRating],
    [4, 3, 1, 2, 1, 1, 0.3333, 3.5],
  );
  assert.equal(v.byUnit[0]!.code, 'A');
  assert.equal(v.byUnit[0]!.reopened, 1);
  assert.deepEqual(
    v.byCategory.map((c) => [c.code, c.closedNotFixed]),
    [['pothole', 1]],
  );
  assert.equal(citizenVerdicts([], units, categories).averageRating, null);
});
