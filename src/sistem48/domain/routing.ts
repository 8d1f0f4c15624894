/**
 * Which unit a new report goes to: the first active rule of its category (or of every category)
 * whose area contains the point and whose streets include the address, in priority order; when
 * none matches, the dispatcher's queue.
 */
import { contains, inBBox, type Area, type BBox, type Point } from './geo.ts';
import { addressOnStreet } from './streets.ts';

export interface RoutingRule {
  id: number;
  categoryId: number | null;
  unitId: string;
  area: Area | null;
  bbox: BBox | null;
  streetKeys: readonly string[];
  priority: number;
}

export type RouteDecision =
  | { routedBy: 'rule'; unitId: string; ruleId: number }
  | { routedBy: 'fallback'; unitId: string; ruleId: null }
  | { routedBy: 'none'; unitId: null; ruleId: null };

export function ruleMatches(rule: RoutingRule, where: { point: Point | null; addressKey: string | null }): boolean {
  if (rule.area) {
    if (!where.point) return false;
    if (rule.bbox && !inBBox(where.point, rule.bbox)) return false;
    if (!contains(rule.area, where.point)) return false;
  }
  if (rule.streetKeys.length && !addressOnStreet(where.addressKey ?? '', rule.streetKeys)) return false;
  return true;
}

/** Rules of the category come before catch-all rules of equal priority; narrower rules should be given lower numbers. */
export function chooseRoute(
  rules: readonly RoutingRule[],
  categoryId: number,
  where: { point: Point | null; addressKey: string | null },
  dispatcherUnitId: string | null,
): RouteDecision {
  const candidates = rules
    .filter((r) => r.categoryId === categoryId || r.categoryId === null)
    .sort((a, b) => a.priority - b.priority || (a.categoryId === null ? 1 : 0) - (b.categoryId === null ? 1 : 0) || a.id - b.id);
  const hit = candidates.find((r) => ruleMatches(r, where));
  if (hit) return { routedBy: 'rule', unitId: hit.unitId, ruleId: hit.id };
  if (dispatcherUnitId) return { routedBy: 'fallback', unitId: dispatcherUnitId, ruleId: null };
  return { routedBy: 'none', unitId: null, ruleId: null };
}
