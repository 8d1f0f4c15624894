/**
 * The lookup statement is compiled once per shape of scope and then reused with new values
 * (visibleCaseLookup): the values must land where scopeFilter put them, for every shape a role makes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../kernel/db/schema.ts';
import { scopeOfSome, type CaseScope } from '../policy.ts';
import { visibleCaseLookup } from './case-repository.ts';

// Compiling needs a dialect, not a connection: this pool never connects.
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) });

/** Every clause of scopeFilter alone and together, and the unit lists a role makes. */
const shapes = (v: string): CaseScope[] => [
  { kind: 'all' },
  { kind: 'none' },
  scopeOfSome({}),
  scopeOfSome({ unitIds: [`u1${v}`] }),
  scopeOfSome({ unitIds: [`u1${v}`, `u2${v}`], clerkId: `c${v}` }),
  scopeOfSome({ unitPathPrefix: `/p${v}/`, clerkId: `c${v}` }),
  scopeOfSome({ registryUnitId: `r${v}`, unitIds: [`u1${v}`] }),
  scopeOfSome({ registeredBy: `b${v}`, registryUnitId: `r${v}` }),
  scopeOfSome({ registeredBy: `b${v}`, registryUnitId: null }),
  scopeOfSome({ partyId: `p${v}`, partyPhone: `+381${v}` }),
  scopeOfSome({ partyId: null, partyPhone: `+381${v}` }),
  scopeOfSome({
    unitIds: [`u1${v}`],
    unitPathPrefix: `/p${v}/`,
    clerkId: `c${v}`,
    registryUnitId: `r${v}`,
    registeredBy: `b${v}`,
    partyId: `p${v}`,
    partyPhone: `+381${v}`,
  }),
];

test('a reused lookup statement binds each new value where a fresh compile of the same scope binds it', () => {
  for (const withParties of [false, true])
    for (const key of ['id', 'number'] as const) {
      const first = shapes('a');
      const second = shapes('b');
      for (let i = 0; i < first.length; i++) {
        const where = (v: string) => (key === 'id' ? { id: `id-${v}` } : { number: `n-${v}` });
        const a = visibleCaseLookup(db, first[i]!, where('a'), withParties);
        const b = visibleCaseLookup(db, second[i]!, where('b'), withParties);
        assert.equal(b.sql, a.sql, 'one statement per shape');
        // The values of the second scope, in the first's positions: every 'a' of the first is a 'b' here.
        assert.deepEqual(
          b.parameters,
          a.parameters.map((p) => String(p).replace(/a(\/|$)/, 'b$1')),
          `shape ${i}, by ${key}, parties ${withParties}`,
        );
        assert.equal(b.sql.includes('jsonb_agg'), withParties);
      }
    }
});
