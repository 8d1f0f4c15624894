/** A fresh, fully migrated database per test file, cloned from the template that `npm test` prepared. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type DatabaseHandle } from '../../src/kernel/db/database.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { upsertEventTypes } from '../../src/organisation/repositories/event-type-repository.ts';
import { EVENT_TYPES } from '../../src/cases/domain/event-types.ts';
import type { Ctx } from '../../src/kernel/context.ts';
import { historyWriters, outboxWriters } from '../../src/modules.ts';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

function serverUrl(): { server: string; template: string } {
  const server = process.env.GLAS_TEST_SERVER_URL;
  const template = process.env.GLAS_TEST_TEMPLATE;
  if (!server || !template) throw new Error('run tests with `npm test` (it prepares the test database server)');
  return { server, template };
}

export interface TestDb {
  handle: DatabaseHandle;
  ctx: Ctx;
  url: string;
  config: Config;
  drop(): Promise<void>;
}

/** The key that encrypts stored secrets in tests (a production start refuses to run without one). */
export const TEST_SECRET_KEY = 'dGVzdC1vbmx5LWtleS1mb3ItZ2xhcy10ZXN0cy0zMmI=';

export async function createTestDatabase(env: Record<string, string> = {}): Promise<TestDb> {
  const { server, template } = serverUrl();
  const name = `glas_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  // Cloning needs the template to have no other sessions; retry briefly if another file is cloning it.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      break;
    } catch (e) {
      if (attempt > 50) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'glas-test-data-'));
  // GLAS_NOTIFY_BATCH from the test run's environment: every test that sends can be run with batching off (or on) too.
  const batch = process.env.GLAS_NOTIFY_BATCH ? { GLAS_NOTIFY_BATCH: process.env.GLAS_NOTIFY_BATCH } : {};
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    GLAS_DATA_DIR: dataDir,
    GLAS_LOG_LEVEL: 'silent',
    GLAS_DEMO: '0',
    GLAS_WORKER: '0',
    GLAS_SECRET_KEY: TEST_SECRET_KEY,
    ...batch,
    ...env,
  });
  const handle = connect(url.toString(), 10);
  await upsertEventTypes(
    handle.db,
    EVENT_TYPES.map((e) => ({ code: e.code, default_visibility: e.visibility, description: e.description })),
  );
  const ctx: Ctx = { db: handle.db, config, now: () => new Date(), outbox: outboxWriters(), historyWriters: historyWriters() };
  return {
    handle,
    ctx,
    url: url.toString(),
    config,
    async drop() {
      await handle.close();
      const a = new pg.Client({ connectionString: server });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await a.end();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
