/**
 * Migration 202612071301 folds the second pipeline into the one outbox: the rows of citizen_messages
 * become direct messages (same ids, statuses mapped), their 'citizens.send' jobs go, and a message
 * still queued is found by the stuck-message replay, which sends it through notifications.send.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { FileMigrationProvider, Migrator, sql, type Kysely } from 'kysely';
import { runMigrations as runWorkerMigrations } from 'graphile-worker';
import { connect } from '../../src/kernel/db/database.ts';
import { orphanedWaiting } from '../../src/notifications/repositories/message-repository.ts';

const MIGRATION = '202612071301_one_outbox_direct_messages';
const BEFORE = '202612071101_notification_sms_parts';

test('the rows of citizen_messages become direct messages of the one outbox, and a queued one is replayed', async () => {
  const server = process.env.GLAS_TEST_SERVER_URL;
  if (!server) throw new Error('run tests with `npm test` (it prepares the test database server)');
  const name = `glas_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = connect(url.toString(), 4);
  try {
    await runWorkerMigrations({ pgPool: handle.pool });
    const migrator = new Migrator({
      db: handle.db,
      allowUnorderedMigrations: true,
      provider: new FileMigrationProvider({ fs, path, migrationFolder: path.join(import.meta.dirname, '../../src/kernel/db/migrations') }),
    });
    const upTo = await migrator.migrateTo(BEFORE);
    assert.equal(upTo.error, undefined);
    // As the old pipeline left them: a code still waiting (with its job), an activation link sent, a reply that failed.
    const old = handle.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const created = new Date(Date.now() - 3_600_000);
    const rows = [
      {
        id: '00000000-0000-4000-8000-000000000001',
        purpose: 'sign_in',
        status: 'queued',
        body: 'Kod 123456',
        redacted: 'Kod ******',
        expires: Date.now() + 600_000,
      },
      { id: '00000000-0000-4000-8000-000000000002', purpose: 'activation', status: 'sent', body: 'Link …', redacted: null, expires: Date.now() + 3_600_000 },
      { id: '00000000-0000-4000-8000-000000000003', purpose: 'sms_reply', status: 'failed', body: 'Primljeno', redacted: null, expires: Date.now() },
    ];
    for (const r of rows) {
      await old
        .insertInto('citizen_messages')
        .values({
          id: r.id,
          purpose: r.purpose,
          channel: 'sms',
          recipient: '+381641234567',
          locale: 'sr-Latn',
          body: r.body,
          redacted: r.redacted,
          status: r.status,
          attempts: r.status === 'queued' ? 2 : 1,
          created_at: created,
          not_before: created,
          expires_at: new Date(r.expires),
          sent_at: r.status === 'sent' ? created : null,
          provider_message_id: r.status === 'sent' ? 'smsc-42' : null,
        })
        .execute();
      if (r.status === 'queued')
        await sql`select graphile_worker.add_job('citizens.send', json_build_object('messageId', ${r.id}::text), job_key => ${`citizen-msg:${r.id}`})`.execute(
          handle.db,
        );
    }

    const citizensJobs = () =>
      sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'citizens.send'`.execute(handle.db);
    assert.equal((await citizensJobs()).rows[0]!.n, 1);

    const rest = await migrator.migrateToLatest();
    assert.equal(rest.error, undefined);
    assert.ok(rest.results?.some((x) => x.migrationName === MIGRATION && x.status === 'Success'));

    const moved = await handle.db
      .selectFrom('notification_messages')
      .select(['id', 'kind', 'level', 'status', 'event_id', 'case_id', 'consent_id', 'body', 'redacted', 'provider_message_id'])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      moved.map((m) => [m.id, m.kind, m.level, m.status, m.event_id, m.case_id, m.consent_id]),
      [
        [rows[0]!.id, 'sign_in', 'key', 'queued', null, null, null],
        [rows[1]!.id, 'activation', 'key', 'sent', null, null, null],
        [rows[2]!.id, 'sms_reply', 'key', 'failed_permanent', null, null, null],
      ],
    );
    assert.deepEqual([moved[0]!.body, moved[0]!.redacted], ['Kod 123456', 'Kod ******'], 'a waiting code keeps its text until it is sent');
    assert.equal(moved[1]!.provider_message_id, 'smsc-42', 'a late receipt of an old message is still matched');
    assert.equal((await citizensJobs()).rows[0]!.n, 0, 'no job of the removed pipeline is left');
    const table = await sql<{ t: string | null }>`select to_regclass('citizen_messages')::text as t`.execute(handle.db);
    assert.equal(table.rows[0]!.t, null, 'citizen_messages is gone');
    const now = new Date();
    assert.deepEqual(
      await orphanedWaiting(handle.db, new Date(now.getTime() - 120_000), now, 10),
      [rows[0]!.id],
      'the waiting code is picked up by the replay',
    );
  } finally {
    await handle.close();
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
  }
});
