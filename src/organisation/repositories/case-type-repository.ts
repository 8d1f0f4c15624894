/** SQL for case types. */
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';
import type { LocalisedText } from '../../kernel/types.ts';

export async function findCaseType(db: DbOrTx, id: number) {
  return db.selectFrom('case_types').selectAll().where('id', '=', id).executeTakeFirst();
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
