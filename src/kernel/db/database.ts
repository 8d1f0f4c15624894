/** Connection pool, Kysely instance and migrations (ours and graphile-worker's). */
import { FileMigrationProvider, Kysely, Migrator, PostgresDialect, sql, type CompiledQuery, type Transaction } from 'kysely';
import { createHash } from 'node:crypto';
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
  pool.on('connect', (client) => {
    client.on('error', () => {});
    runNamedStatements(client);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, url, close: () => db.destroy() };
}

/**
 * Statements prepared once per connection (pg's named statements), by their SQL text: the few that run
 * on every request of a hot path (registration's), whose parsing and planning would otherwise cost
 * PostgreSQL more than running them. A statement is named only through `prepared` below, which says
 * what makes that safe:
 * - PostgreSQL plans it afresh after a migration changes a table it reads or writes; what it cannot do
 *   is return rows of another shape ("cached plan must not change result type", SQLSTATE 0A000), so a
 *   prepared statement names each column it returns with a cast to its type. Should that error come
 *   all the same, the connection forgets the statement and prepares it again under a new name on its
 *   next use (the request that met it fails like any database error, its transaction rolled back).
 * - After five runs PostgreSQL may keep a generic plan, which is only as good as the statement's
 *   filters are even: only statements that find rows by a primary or unique key (no skewed filter)
 *   are prepared.
 */
const namedStatements = new Map<string, string>();
const CHANGED_RESULT_TYPE = /cached plan must not change result type/;

/** Runs `query` as a statement prepared once per connection (see above); its name is `name` and a hash of its text. */
export function prepared<R>(name: string, query: CompiledQuery<R>): CompiledQuery<R> {
  if (!namedStatements.has(query.sql)) namedStatements.set(query.sql, `${name}_${createHash('sha256').update(query.sql).digest('hex').slice(0, 12)}`);
  return query;
}

type QueryFn = (...args: unknown[]) => unknown;
function runNamedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFn;
  // A statement this connection must prepare again (after a changed result type) takes a new name.
  const renamed = new Map<string, string>();
  let renames = 0;
  (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
    const [text, values] = args;
    const base = typeof text === 'string' && args.length === 2 && Array.isArray(values) ? namedStatements.get(text) : undefined;
    if (!base) return query(...args);
    const name = renamed.get(base) ?? base;
    return (query({ name, text, values }) as Promise<unknown>).catch((e: unknown) => {
      if ((e as { code?: unknown }).code === '0A000' && CHANGED_RESULT_TYPE.test(String((e as Error).message))) renamed.set(base, `${base}_${++renames}`);
      throw e;
    });
  };
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
