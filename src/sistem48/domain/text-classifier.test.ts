import { test } from 'node:test';
import assert from 'node:assert/strict';
import { featurize, packWeights, predictText, trainTextModel, unpackWeights, words } from './text-classifier.ts';
import { evaluateModel, thresholdPoint } from './router-evaluation.ts';
import { generateReportHistory } from './report-history.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const history = generateReportHistory({ seed: 11, count: 1500, now: NOW }).map((r) => ({ text: r.text, category: r.category }));
const model = trainTextModel(history);

test('the same words in Cyrillic, Latin, with or without diacritics, give the same features', () => {
  const a = featurize('Не ради светло у Његошевој');
  const b = featurize('ne radi svetlo u Njegosevoj');
  const c = featurize('NE RADI SVETLO U NJEGOŠEVOJ');
  assert.deepEqual([...a.idx].sort(), [...b.idx].sort());
  assert.deepEqual([...b.idx].sort(), [...c.idx].sort());
  assert.deepEqual(words('Rupa ispred broja 12!'), ['rupa', 'ispred', 'broja', '0']);
  const norm = Math.hypot(...featurize('rupa na putu').val);
  assert.ok(Math.abs(norm - 1) < 1e-5);
});

test('ijekavian and ekavian spellings, typos and inflection still meet the right category', () => {
  for (const [text, category] of [
    ['ne svijetli svjetlo na stubu', 'street_light'],
    ['ne radi svetlo', 'street_light'],
    ['rupaa na kolovzu', 'pothole'],
    ['kontejneri nisu ispraznjeni', 'garbage'],
    ['пси луталице код школе', 'stray_animals'],
  ] as const) {
    assert.equal(predictText(model, text)[0]!.category, category, text);
  }
});

test('confidences are probabilities over every category, most likely first', () => {
  const s = predictText(model, 'izlila se kanalizacija u podrum');
  assert.equal(s.length, model.categories.length);
  assert.ok(Math.abs(s.reduce((sum, x) => sum + x.confidence, 0) - 1) < 1e-6);
  for (let i = 1; i < s.length; i++) assert.ok(s[i - 1]!.confidence >= s[i]!.confidence);
  assert.ok(model.temperature >= 1, 'calibration never sharpens beyond the raw model');
});

test('training is deterministic and the stored weights give the same predictions', () => {
  const small = history.slice(0, 300);
  const a = trainTextModel(small, { seed: 3 });
  const b = trainTextModel(small, { seed: 3 });
  assert.deepEqual([...a.weights.slice(0, 200)], [...b.weights.slice(0, 200)]);
  const back = unpackWeights(packWeights(a), a.categories, a.temperature, a.featureBits);
  assert.deepEqual(predictText(back, 'smeće se ne odvozi'), predictText(a, 'smeće se ne odvozi'));
  assert.throws(() => unpackWeights(packWeights(a), a.categories.slice(1), 1, a.featureBits), /do not match/);
  assert.throws(() => trainTextModel([{ text: 'a', category: 'x' }]), /two categories/);
});

test('evaluation counts top-1, top-3, per-category scores, confusions and thresholds', () => {
  const e = evaluateModel(model, [
    { text: 'ne radi ulicno svetlo', category: 'street_light' },
    { text: 'ne radi ulicno svetlo', category: 'pothole' },
  ]);
  assert.equal(e.size, 2);
  assert.equal(e.top1, 0.5);
  assert.deepEqual(e.confusions, [{ actual: 'pothole', predicted: 'street_light', count: 1 }]);
  const light = e.perCategory.find((c) => c.category === 'street_light')!;
  assert.deepEqual([light.precision, light.recall, light.support], [0.5, 1, 1]);
  assert.deepEqual(
    thresholdPoint(
      [
        { confidence: 0.9, right: true },
        { confidence: 0.8, right: false },
        { confidence: 0.3, right: true },
      ],
      0.75,
    ),
    {
      threshold: 0.75,
      coverage: 2 / 3,
      precision: 0.5,
    },
  );
});
