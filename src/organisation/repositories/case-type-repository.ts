/** SQL for case types. */
import { jsonObjectFrom } from 'kysely/helpers/postgres';
import { sql } from 'kysely';
import { prepared, type DbOrTx, type Tx } from '../../kernel/db/database.ts';
import type { LocalisedText } from '../../kernel/types.ts';

export async function findCaseType(db: DbOrTx, id: number) {
  return db.selectFrom('case_types').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A case type and up to two units by id, in one round trip (what registration checks); undefined without
 * the type. A prepared statement (kernel/db/database.ts): every column it returns is named and cast.
 */
export async function findCaseTypeWithUnits(db: DbOrTx, id: number, units: { registry: string | null; deliverTo: string | null }) {
  const unit = (unitId: string | null) =>
    jsonObjectFrom(
      db.selectFrom('org_units').select(['org_units.id', 'org_units.code', 'org_units.name', 'org_units.kind']).where('org_units.id', '=', unitId),
    );
  type Unit = { id: string; code: string; name: string; kind: string };
  const query = db
    .selectFrom('case_types')
    .select([
      sql<number>`case_types.id::int`.as('id'),
      sql<string>`case_types.code::text`.as('code'),
      sql<boolean>`case_types.active::boolean`.as('active'),
      sql<string>`case_types.number_pattern::text`.as('number_pattern'),
      sql<number | null>`case_types.resolution_days::int`.as('resolution_days'),
      sql<Unit | null>`${unit(units.registry)}::json`.as('registry_unit'),
      sql<Unit | null>`${unit(units.deliverTo)}::json`.as('deliver_to_unit'),
    ])
    .where('case_types.id', '=', id)
    .compile();
  const [row] = (await db.executeQuery(prepared('case_type_with_units', query))).rows;
  if (!row) return undefined;
  const { registry_unit, deliver_to_unit, ...caseType } = row;
  return { caseType, registry: registry_unit ?? undefined, deliverTo: deliver_to_unit ?? undefined };
}

export async function findCaseTypeByCode(db: DbOrTx, code: string) {
  return db.selectFrom('case_types').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listCaseTypes(db: DbOrTx) {
  return db.selectFrom('case_types').selectAll().orderBy('code').execute();
}

export async function insertCaseType(
  tx: Tx,
  t: { code: string; name: LocalisedText; numberPattern: string; resolutionDays: number | null; problemReport: boolean },
) {
  return tx
    .insertInto('case_types')
    .values({
      code: t.code,
      name: JSON.stringify(t.name),
      number_pattern: t.numberPattern,
      resolution_days: t.resolutionDays,
      problem_report: t.problemReport,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateCaseType(
  tx: Tx,
  id: number,
  patch: { name?: LocalisedText; number_pattern?: string; resolution_days?: number | null; active?: boolean; fix_question_days?: number | null },
) {
  const { name, ...rest } = patch;
  return tx
    .updateTable('case_types')
    .set({ ...rest, ...(name ? { name: JSON.stringify(name) } : {}) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
