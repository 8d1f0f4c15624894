/** SQL for the costs recorded on reports and their sums for the financial reports. */
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';

export async function insertCost(
  tx: Tx,
  c: {
    caseId: string;
    unitId: string | null;
    labourHours: number;
    materials: number;
    contractor: number;
    contractorName: string | null;
    note: string | null;
    recordedBy: string | null;
    recordedAt: Date;
  },
) {
  return tx
    .insertInto('report_costs')
    .values({
      case_id: c.caseId,
      unit_id: c.unitId,
      labour_hours: c.labourHours,
      materials: c.materials,
      contractor: c.contractor,
      contractor_name: c.contractorName,
      note: c.note,
      recorded_by: c.recordedBy,
      recorded_at: c.recordedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function costsOf(db: DbOrTx, caseId: string) {
  return db.selectFrom('report_costs').selectAll().where('case_id', '=', caseId).orderBy('recorded_at').execute();
}

/** Sums per unit and category in a period. */
export async function costSummary(db: DbOrTx, f: { from?: Date; to?: Date; unitId?: string }) {
  let q = db
    .selectFrom('report_costs')
    .innerJoin('problem_reports', 'problem_reports.case_id', 'report_costs.case_id')
    .innerJoin('problem_categories', 'problem_categories.id', 'problem_reports.category_id')
    .leftJoin('org_units', 'org_units.id', 'report_costs.unit_id')
    .select([
      'report_costs.unit_id',
      'org_units.name as unit_name',
      'problem_categories.code as category_code',
      sql<number>`count(distinct report_costs.case_id)::int`.as('reports'),
      sql<string>`sum(report_costs.labour_hours)::text`.as('labour_hours'),
      sql<string>`sum(report_costs.materials)::text`.as('materials'),
      sql<string>`sum(report_costs.contractor)::text`.as('contractor'),
      sql<string>`sum(report_costs.materials + report_costs.contractor)::text`.as('total'),
    ])
    .groupBy(['report_costs.unit_id', 'org_units.name', 'problem_categories.code']);
  if (f.from) q = q.where('report_costs.recorded_at', '>=', f.from);
  if (f.to) q = q.where('report_costs.recorded_at', '<', f.to);
  if (f.unitId) q = q.where('report_costs.unit_id', '=', f.unitId);
  return q.orderBy('org_units.name').orderBy('problem_categories.code').execute();
}
