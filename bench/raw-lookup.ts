/**
 * A ceiling for the lookup benchmark: the statement GET /api/v1/cases/by-number sends for a leadership
 * user (src/cases/repositories/case-repository.ts: visibleCaseLookup with scope "all" and the case's
 * parties), compiled by the product's own code so that it is the very text, sent as a prepared statement
 * straight from `pg`. Whatever the API does on top of it is HTTP, authentication, validation and
 * serialisation.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { visibleCaseLookup } from '../src/cases/repositories/case-repository.ts';
import type { Database } from '../src/kernel/db/schema.ts';

export function rawLookupStatements(): string[] {
  // Compiling needs a dialect, not a connection: this pool never connects.
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) });
  return [visibleCaseLookup(db, { kind: 'all' }, { number: 'any' }, true).sql];
}
