/** Checks and derived columns shared by creating and changing a routing rule. */
import { AppError, invalid, invalidAs } from '../../kernel/lib/errors.ts';
import type { DbOrTx } from '../../kernel/db/database.ts';
import { findUnit } from '../../organisation/repositories/org-repository.ts';
import { findCategory } from '../repositories/category-repository.ts';
import type { RuleValues } from '../repositories/routing-repository.ts';
import { bboxOf, parseArea } from '../domain/geo.ts';
import { streetKey } from '../domain/streets.ts';

export interface RuleInput {
  categoryId: number | null;
  unitId: string;
  area?: unknown | null;
  streets?: string[];
  priority?: number;
  note?: string | null;
  active?: boolean;
}

export async function ruleValues(db: DbOrTx, input: Partial<RuleInput>): Promise<Partial<RuleValues>> {
  const v: Partial<RuleValues> = {};
  if (input.categoryId !== undefined) {
    if (input.categoryId !== null && !(await findCategory(db, { id: input.categoryId }))) throw invalidAs('detail.unknown_category', {}, 'categoryId');
    v.category_id = input.categoryId;
  }
  if (input.unitId !== undefined) {
    const unit = await findUnit(db, input.unitId);
    if (!unit || unit.kind === 'external_institution') throw new AppError('unknown_unit');
    v.unit_id = unit.id;
  }
  if (input.area !== undefined) {
    if (input.area === null) Object.assign(v, { area: null, min_lat: null, max_lat: null, min_lon: null, max_lon: null });
    else {
      const parsed = parseArea(input.area);
      if (!parsed.ok) throw invalid(parsed.reason, 'area');
      const b = bboxOf(parsed.area);
      Object.assign(v, { area: parsed.area, min_lat: b.minLat, max_lat: b.maxLat, min_lon: b.minLon, max_lon: b.maxLon });
    }
  }
  if (input.streets !== undefined) {
    const streets = [...new Set(input.streets.map((s) => s.trim()).filter(Boolean))];
    v.streets = streets;
    v.street_keys = streets.map(streetKey).filter(Boolean);
  }
  if (input.priority !== undefined) v.priority = input.priority;
  if (input.note !== undefined) v.note = input.note;
  if (input.active !== undefined) v.active = input.active;
  return v;
}
