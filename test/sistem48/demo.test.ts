import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../helpers/db.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { listReportsPublic } from '../../src/sistem48/queries/reports.ts';
import { listServices } from '../../src/sistem48/open311/requests.ts';

const tdb = await createTestDatabase();
after(async () => {
  await tdb.drop();
});

test('the demo municipality comes with Sistem 48 categories, routing to KOM, JKP and INS, and reports on the map', async () => {
  await seedDemo(tdb.ctx);
  const services = await listServices(tdb.ctx, 'en');
  assert.deepEqual(
    services.map((s) => s.service_code),
    ['street_light', 'pothole', 'garbage', 'water_leak', 'illegal_dumping', 'stray_animals', 'other'],
  );
  const list = await listReportsPublic(tdb.ctx, {}, 'sr-Latn');
  const units = Object.fromEntries(list.items.map((r) => [r.category.code, r.unit]));
  assert.deepEqual(units, {
    street_light: 'JKP Komunalac',
    pothole: 'Odeljenje za komunalne poslove',
    garbage: 'Komunalna inspekcija',
    water_leak: 'JKP Komunalac',
    illegal_dumping: 'Komunalna inspekcija',
  });
  assert.ok(list.items.every((r) => r.firstResponse.state === 'ok'));
});
