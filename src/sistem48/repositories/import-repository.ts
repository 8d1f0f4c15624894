/** SQL for imports of report history: the runs, the imported reports' keys, and what an import needs to look up. */
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';

/** The keys among `keys` already imported (their reports exist). */
export async function existingImportKeys(db: DbOrTx, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 5000) {
    const chunk = keys.slice(i, i + 5000);
    const rows = await db.selectFrom('imported_reports').select('import_key').where('import_key', 'in', chunk).execute();
    for (const r of rows) found.add(r.import_key);
  }
  return found;
}

/** One import at a time: a second one waits until the first has committed, then finds its keys taken. */
export async function lockImports(tx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('glas.sistem48.report-import'))`.execute(tx);
}

export async function insertReportImport(
  tx: Tx,
  r: {
    fileName: string;
    importedBy: string | null;
    importedAt: Date;
    rowsTotal: number;
    created: number;
    alreadyImported: number;
    categoriesCreated: string[];
  },
): Promise<string> {
  const row = await tx
    .insertInto('report_imports')
    .values({
      file_name: r.fileName,
      imported_by: r.importedBy,
      imported_at: r.importedAt,
      rows_total: r.rowsTotal,
      created: r.created,
      already_imported: r.alreadyImported,
      categories_created: r.categoriesCreated,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertImportedReports(
  tx: Tx,
  rows: readonly { caseId: string; importId: string; key: string; line: number; externalId: string | null; unitFromFile: boolean }[],
): Promise<void> {
  if (!rows.length) return;
  await tx
    .insertInto('imported_reports')
    .values(
      rows.map((r) => ({
        case_id: r.caseId,
        import_id: r.importId,
        import_key: r.key,
        line: r.line,
        external_id: r.externalId,
        unit_from_file: r.unitFromFile,
      })),
    )
    .execute();
}

/** The most recent imports, newest first, with who ran them. */
export async function listReportImports(db: DbOrTx, limit: number) {
  return db
    .selectFrom('report_imports')
    .leftJoin('users', 'users.id', 'report_imports.imported_by')
    .select([
      'report_imports.id',
      'report_imports.file_name',
      'report_imports.imported_at',
      'report_imports.rows_total',
      'report_imports.created',
      'report_imports.already_imported',
      'report_imports.categories_created',
      'users.display_name as imported_by_name',
    ])
    .orderBy('report_imports.imported_at', 'desc')
    .limit(limit)
    .execute();
}

/** The case type new categories of an import take: the one most categories have, else the first active one for problem reports. */
export async function defaultReportCaseType(db: DbOrTx): Promise<number | null> {
  const used = await db
    .selectFrom('problem_categories')
    .innerJoin('case_types', 'case_types.id', 'problem_categories.case_type_id')
    .select('problem_categories.case_type_id')
    .where('case_types.active', '=', true)
    .groupBy('problem_categories.case_type_id')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('problem_categories.case_type_id')
    .limit(1)
    .executeTakeFirst();
  if (used) return used.case_type_id;
  const any = await db
    .selectFrom('case_types')
    .select('id')
    .where('problem_report', '=', true)
    .where('active', '=', true)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return any?.id ?? null;
}
