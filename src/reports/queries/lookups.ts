/** Names of categories and units for the reports, and the subtree of a unit (report-query module). */
import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db/database.ts';

export interface CategoryName {
  id: number;
  code: string;
  name: Record<string, string>;
  slaHours: number;
}
export interface UnitName {
  id: string;
  code: string;
  name: string;
  path: string;
  parentId: string | null;
  kind: string;
}

export async function categoryNames(db: DbOrTx): Promise<Map<number, CategoryName>> {
  const rows = await db.selectFrom('problem_categories').select(['id', 'code', 'name', 'sla_hours']).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, code: r.code, name: r.name, slaHours: r.sla_hours }]));
}

export async function unitNames(db: DbOrTx): Promise<Map<string, UnitName>> {
  const rows = await db.selectFrom('org_units').select(['id', 'code', 'name', 'path', 'parent_id', 'kind']).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, code: r.code, name: r.name, path: r.path, parentId: r.parent_id, kind: r.kind }]));
}

export async function findUnitById(db: DbOrTx, id: string): Promise<UnitName | undefined> {
  const r = await db.selectFrom('org_units').select(['id', 'code', 'name', 'path', 'parent_id', 'kind']).where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, code: r.code, name: r.name, path: r.path, parentId: r.parent_id, kind: r.kind } : undefined;
}

/** The unit and every unit below it. */
export async function subtreeIds(db: DbOrTx, path: string): Promise<string[]> {
  const rows = await db
    .selectFrom('org_units')
    .select('id')
    .where(sql<boolean>`path like ${path.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`)
    .execute();
  return rows.map((r) => r.id);
}
