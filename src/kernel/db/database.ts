/** Connection pool, Kysely instance and migrations (ours and graphile-worker's). */
import { FileMigrationProvider, Kysely, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMigrations as runWorkerMigrations } from 'graphile-worker';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type DbOrTx = Db | Tx;

// Return bigint ids and numerics as strings rather than lossy numbers; counts are cast in SQL.
pg.types.setTypeParser(20, (v) => v);

export interface DatabaseHandle {
  db: Db;
  pool: pg.Pool;
  url: string;
  close(): Promise<void>;
}

export function connect(url: string, poolSize = 20): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, url, close: () => db.destroy() };
}

/**
 * Resolves once no connection of the pool has been in use for two checks in a row, or after `maxMs`.
 * At shutdown the HTTP server stops waiting for a request whose client has gone, but its handler
 * still runs: closing the pool under it would turn its last queries into errors.
 */
export async function waitUntilIdle(pool: pg.Pool, maxMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  let quiet = 0;
  while (Date.now() < deadline) {
    quiet = pool.totalCount - pool.idleCount === 0 && pool.waitingCount === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

function migrator(db: Db): Migrator {
  // Features own timestamp ranges of migrations and land independently, so a database may already
  // hold a later-numbered one when an earlier-numbered one arrives; each concern stands alone.
  return new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder }), allowUnorderedMigrations: true });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrate(handle: DatabaseHandle): Promise<string[]> {
  await runWorkerMigrations({ pgPool: handle.pool });
  const { error, results } = await migrator(handle.db).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${(error as Error)?.message ?? error}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** True when every migration in the code is applied. */
export async function migrationsApplied(db: Db): Promise<boolean> {
  const all = await migrator(db).getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
