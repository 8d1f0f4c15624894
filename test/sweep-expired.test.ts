import { ROLLUP_TASK } from '../src/reports/tasks.ts';
import { test, before, after } from 'node:test';
import { TRAIN_ROUTER_TASK } from '../src/sistem48/commands/train-router.ts';
import { ALERT_DIGEST_TASK } from '../src/sistem48/commands/report-alerts.ts';
import assert from 'node:assert/strict';
import { parseCrontab } from 'graphile-worker';
import { startTestApp, type TestApp } from './helpers/app.ts';
import type { Ctx } from '../src/kernel/context.ts';
import { crontab, taskList } from '../src/modules.ts';
import { count } from '../src/kernel/throttle.ts';
import { SWEEP_EXPIRED_TASK, sweepExpiredSignInData } from '../src/organisation/commands/sweep-expired.ts';
import { SWEEP_CODES_TASK, sweepExpiredCodes } from '../src/citizens/commands/sweep-expired-codes.ts';
import { insertSession } from '../src/kernel/repositories/auth-repository.ts';
import { insertCode } from '../src/citizens/repositories/code-repository.ts';
import { insertLinkToken, setPendingPhone, setPendingReport, touchBotUser } from '../src/citizens/repositories/viber-repository.ts';
import { insertParty } from '../src/cases/repositories/party-repository.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

const at = (ctx: Ctx, now: Date): Ctx => ({ ...ctx, now: () => now });

test('the hourly clean-up deletes expired sessions and spent attempt counts, and keeps what is still in force', async () => {
  const now = new Date();
  const live = await t.login('clerkA');
  await insertSession(t.ctx.db, {
    idHash: 'expired-session',
    userId: t.m.users.clerkA!.id,
    csrfToken: 'x',
    expiresAt: new Date(now.getTime() - HOUR),
    ip: null,
    userAgent: null,
  });
  const quarter = 15 * 60_000;
  await count(t.ctx.db, [{ key: 'test:spent', windowMs: quarter, limit: 5, lockMs: quarter }], new Date(now.getTime() - 2 * DAY));
  // Locked two days ago for three days: the lock still holds, so the count stays.
  await count(t.ctx.db, [{ key: 'test:still-locked', windowMs: quarter, limit: 1, lockMs: 3 * DAY }], new Date(now.getTime() - 2 * DAY));
  await count(t.ctx.db, [{ key: 'test:recent', windowMs: quarter, limit: 5, lockMs: quarter }], new Date(now.getTime() - 10 * 60_000));

  const swept = await sweepExpiredSignInData(at(t.ctx, now));
  assert.ok(swept.sessions >= 1 && swept.throttles >= 1, JSON.stringify(swept));
  const sessions = await t.ctx.db.selectFrom('sessions').select('id_hash').execute();
  assert.ok(!sessions.some((s) => s.id_hash === 'expired-session'), 'the expired session is gone');
  assert.equal((await t.call({ method: 'GET', url: '/api/v1/auth/me', as: live })).statusCode, 200, 'a live session still works');
  const keys = (await t.ctx.db.selectFrom('login_throttle').select('key').where('key', 'like', 'test:%').execute()).map((r) => r.key).sort();
  assert.deepEqual(keys, ['test:recent', 'test:still-locked']);
  // The lock that was kept still refuses.
  const r = await t.ctx.db.selectFrom('login_throttle').select('locked_until').where('key', '=', 'test:still-locked').executeTakeFirstOrThrow();
  assert.ok(new Date(r.locked_until!) > now);
});

test('a limit with a window longer than the clean-up keeps is refused as a programming error', async () => {
  await assert.rejects(count(t.ctx.db, [{ key: 'test:long', windowMs: 2 * DAY, limit: 5, lockMs: HOUR }], new Date()), /window longer/);
});

test('one-time codes, Viber link tokens and what chatbot users left unconfirmed are deleted a day after they expire, not before', async () => {
  const now = new Date();
  const party = await t.ctx.db.transaction().execute((tx) => insertParty(tx, { kind: 'person', name: 'Ana Anić', phone: '+381641110000' }, 'ana anic'));
  const code = (target: string, expiresAt: Date) =>
    t.ctx.db.transaction().execute((tx) =>
      insertCode(tx, {
        purpose: 'sign_in',
        target,
        userId: null,
        codeHash: `hash-${target}`,
        salt: 's',
        data: {},
        maxAttempts: 5,
        createdAt: new Date(expiresAt.getTime() - 600_000),
        expiresAt,
      }),
    );
  await code('+381641110001', new Date(now.getTime() - 2 * DAY));
  await code('+381641110002', new Date(now.getTime() - HOUR));
  await code('+381641110003', new Date(now.getTime() + 600_000));
  const token = (hash: string, expiresAt: Date) =>
    insertLinkToken(t.ctx.db, { tokenHash: hash, partyId: party.id, createdBy: null, createdAt: new Date(expiresAt.getTime() - DAY), expiresAt });
  await token('token-old', new Date(now.getTime() - 2 * DAY));
  await token('token-new', new Date(now.getTime() + DAY));

  const botUser = async (id: string, until: Date) => {
    await touchBotUser(t.ctx.db, id, now, 'bs');
    await setPendingPhone(t.ctx.db, id, '+381641110009', until);
    await setPendingReport(t.ctx.db, id, `Rupa na putu (${id})`, until);
  };
  await botUser('viber-sweep-old', new Date(now.getTime() - 2 * DAY));
  await botUser('viber-sweep-new', new Date(now.getTime() - HOUR));

  assert.deepEqual(await sweepExpiredCodes(at(t.ctx, now)), { codes: 1, linkTokens: 1, pending: 2 });
  const left = await t.ctx.db
    .selectFrom('viber_bot_users')
    .select(['viber_user_id', 'pending_phone', 'pending_report'])
    .where('viber_user_id', 'like', 'viber-sweep-%')
    .orderBy('viber_user_id')
    .execute();
  assert.deepEqual(left, [
    { viber_user_id: 'viber-sweep-new', pending_phone: '+381641110009', pending_report: 'Rupa na putu (viber-sweep-new)' },
    { viber_user_id: 'viber-sweep-old', pending_phone: null, pending_report: null },
  ]);
  const targets = (await t.ctx.db.selectFrom('citizen_codes').select('target').where('target', 'like', '+38164111%').execute()).map((r) => r.target).sort();
  assert.deepEqual(targets, ['+381641110002', '+381641110003']);
  const tokens = (await t.ctx.db.selectFrom('viber_link_tokens').select('token_hash').execute()).map((r) => r.token_hash);
  assert.deepEqual(tokens, ['token-new']);
});

test('the worker runs the clean-ups every hour, the alert digests, the nightly router training and the dashboard roll-up: the crontab parses and names tasks the worker has', () => {
  const items = parseCrontab(crontab());
  const tasks = taskList(t.ctx);
  const named = items.map((i) => i.task).sort();
  assert.deepEqual(named, [SWEEP_CODES_TASK, SWEEP_EXPIRED_TASK, TRAIN_ROUTER_TASK, ALERT_DIGEST_TASK, ROLLUP_TASK].sort());
  for (const task of named) assert.equal(typeof tasks[task], 'function', `the worker has ${task}`);
});
