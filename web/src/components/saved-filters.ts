/**
 * Case-list filters as addresses (/cases?status=…&unitId=…), so a filter can be bookmarked, and the
 * ones a clerk names kept in this browser's storage, per user: they are a convenience, not data.
 */
import { CASE_STATUSES, type CaseStatus } from '../../../src/kernel/types.ts';
import type { CaseListQuery } from '../api.ts';

export type CaseFilter = Pick<CaseListQuery, 'status' | 'unitId' | 'open' | 'overdue' | 'q' | 'sort'>;
export interface SavedFilter {
  name: string;
  href: string;
}

const STATUS_SET = new Set<string>(CASE_STATUSES);
const yes = (v: string | null) => v === '1' || v === 'true';

export function filterFromQuery(q: URLSearchParams): CaseFilter {
  const f: CaseFilter = {};
  const status = q.getAll('status').filter((s) => STATUS_SET.has(s)) as CaseStatus[];
  if (status.length) f.status = status;
  const unitId = q.get('unitId');
  if (unitId && /^[0-9a-f-]{36}$/i.test(unitId)) f.unitId = unitId;
  if (yes(q.get('open'))) f.open = true;
  if (yes(q.get('overdue'))) f.overdue = true;
  const text = q.get('q')?.trim();
  if (text) f.q = text;
  const sort = q.get('sort');
  if (sort === 'due_asc' || sort === 'registered_desc') f.sort = sort;
  return f;
}

/** True when the address asks for a filtered list rather than one of the fixed queues. */
export function isFiltered(f: CaseFilter): boolean {
  return !!(f.status?.length || f.unitId || f.open || f.overdue || f.q);
}

export function filterHref(f: CaseFilter): string {
  const p = new URLSearchParams();
  for (const s of f.status ?? []) p.append('status', s);
  if (f.unitId) p.set('unitId', f.unitId);
  if (f.open) p.set('open', '1');
  if (f.overdue) p.set('overdue', '1');
  if (f.q) p.set('q', f.q);
  if (f.sort) p.set('sort', f.sort);
  const s = p.toString();
  return s ? `/cases?${s}` : '/cases';
}

const key = (userId: string) => `glas.savedFilters.${userId}`;

export function loadSavedFilters(userId: string): SavedFilter[] {
  try {
    const raw = JSON.parse(localStorage.getItem(key(userId)) ?? '[]') as unknown;
    return Array.isArray(raw)
      ? raw.filter((x): x is SavedFilter => !!x && typeof x.name === 'string' && typeof x.href === 'string' && x.href.startsWith('/cases'))
      : [];
  } catch {
    return [];
  }
}

export function storeSavedFilters(userId: string, list: SavedFilter[]): void {
  try {
    localStorage.setItem(key(userId), JSON.stringify(list));
  } catch {
    /* storage blocked: the filters last for this page only */
  }
}
