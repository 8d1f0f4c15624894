import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { CENTRE, seedSistem48 } from './helpers.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ GLAS_TIMEZONE: 'Europe/Belgrade' });
  await seedSistem48(t.ctx, t.m);
});
after(async () => {
  await t.close();
});

// Monday 2 March 2026, 10:00 in Belgrade (CET, UTC+1). Working hours are 07:00–15:00 on weekdays.
const MONDAY_10 = new Date('2026-03-02T09:00:00Z');

test('the form is told the real answer time of a category: 48 working hours end the next Tuesday at 10:00; 24 calendar hours the next day', async () => {
  t.ctx.now = () => MONDAY_10;
  const working = await t.call({ method: 'GET', url: '/api/v1/sistem48/public/categories/dumping/answer-time' });
  assert.equal(working.statusCode, 200, working.body);
  // Monday 5 h, Tuesday to Friday 32 h, next Monday 8 h, Tuesday 3 h: 48 working hours, Tuesday 10 March 10:00 in Belgrade.
  assert.deepEqual(
    { ...(working.json() as object), from: undefined },
    { category: 'dumping', hours: 48, clock: 'working', dueAt: '2026-03-10T09:00:00.000Z', timeZone: 'Europe/Belgrade', from: undefined },
  );
  const calendar = await t.call({ method: 'GET', url: '/api/v1/sistem48/public/categories/garbage/answer-time' });
  assert.equal(calendar.json().dueAt, '2026-03-03T09:00:00.000Z');
  assert.equal(calendar.json().clock, 'calendar');
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/sistem48/public/categories/no-such/answer-time' })).statusCode, 404);
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/sistem48/public/categories/Bad%20Code/answer-time' })).statusCode, 400);
});

test('what the form promised is what the filed report runs on, and its public page says which kind of hours', async () => {
  t.ctx.now = () => MONDAY_10;
  const promised = (await t.call({ method: 'GET', url: '/api/v1/sistem48/public/categories/dumping/answer-time' })).json();
  const filed = await t.call({
    method: 'POST',
    url: '/api/v1/sistem48/public/reports',
    payload: { category: 'dumping', description: 'Šut pored puta', lat: CENTRE.lat, lon: CENTRE.lon, address: 'Glavna 3' },
  });
  assert.equal(filed.statusCode, 201, filed.body);
  const page = (await t.call({ method: 'GET', url: `/api/v1/sistem48/public/reports/${filed.json().id}` })).json();
  assert.equal(page.firstResponse.dueAt, promised.dueAt);
  assert.deepEqual(page.sla, { hours: 48, clock: 'working' });
});
