/**
 * Many rows as one parameter: `(select * from jsonb_to_recordset($1) as r(…)) as alias`, for bulk inserts
 * and updates. A multi-row VALUES list takes a parameter per cell (tens of thousands per statement),
 * which Kysely compiles and PostgreSQL parses and binds one by one; one JSON document costs a fraction.
 * Dates travel as ISO strings and come back typed by the column definitions.
 */
import { sql, type AliasedRawBuilder } from 'kysely';

export function recordset<R extends Record<string, unknown>, A extends string>(
  rows: readonly R[],
  /** Each column's PostgreSQL type, in the order of the target's columns. */
  columns: { readonly [K in keyof R & string]: string },
  alias: A,
): AliasedRawBuilder<R, A> {
  const defs = Object.entries(columns)
    .map(([name, type]) => `${name} ${type}`)
    .join(', ');
  return sql<R>`(select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${sql.raw(defs)}))`.as(alias);
}
