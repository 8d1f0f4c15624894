/**
 * `npm run glas -- train-router` against a database: refused with the reason while there are too few
 * reports a person categorised, then trains on them and prints the held-out evaluation; each run is a
 * new stored model version.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createTestDatabase, type TestDb } from '../helpers/db.ts';
import { seedMunicipality } from '../helpers/fixtures.ts';
import { seedSistem48 } from './helpers.ts';
import { fileConfirmedHistory } from './router-history.ts';

let db: TestDb;
let operator: Awaited<ReturnType<typeof seedMunicipality>>['users'][string];
before(async () => {
  db = await createTestDatabase();
  const m = await seedMunicipality(db.ctx);
  await seedSistem48(db.ctx, m);
  operator = m.users.operator!;
});
after(async () => {
  await db?.drop();
});

const trainRouterCli = () =>
  spawnSync(process.execPath, ['src/cli.ts', 'train-router'], {
    env: { ...process.env, DATABASE_URL: db.url, GLAS_DATA_DIR: db.config.dataDir, GLAS_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });

test('train-router refuses with too few confirmed reports, then trains, prints the evaluation and stores a new version each run', async () => {
  const refused = trainRouterCli();
  assert.equal(refused.status, 1, refused.stdout + refused.stderr);
  assert.match(refused.stderr, /at least 30 reports .* there are 0/);

  await fileConfirmedHistory(db.ctx, operator.actor, { seed: 3, count: 120 });
  const first = trainRouterCli();
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /report router model \d+: trained on \d+ reports, measured on \d+ held out/);
  assert.match(first.stdout, /top-1 \d+\.\d %, top-3 \d+\.\d %, macro-F1 \d\.\d{3}/);
  assert.match(first.stdout, /threshold 0\.7: \d+\.\d % routed automatically, \d+\.\d % of them right/);
  const second = trainRouterCli();
  assert.equal(second.status, 0, second.stderr);
  const models = await db.ctx.db.selectFrom('router_models').select(['id', 'training_size', 'held_out_size']).orderBy('id').execute();
  assert.equal(models.length, 2);
  assert.equal(models[0]!.training_size + models[0]!.held_out_size, 120);
  assert.deepEqual(
    { t: models[1]!.training_size, h: models[1]!.held_out_size },
    { t: models[0]!.training_size, h: models[0]!.held_out_size },
    'the same history splits the same way',
  );
});
