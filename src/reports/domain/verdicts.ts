/**
 * What citizens said when asked "is it fixed?", as the weekly overview and the unit reports publish
 * it: questions asked and answered, "fixed" and "not fixed", the reopen rate (reopenings of the
 * answers), "closed but not fixed" apart (a "not fixed" that could not reopen the report: it was
 * no longer resolved, e.g. rejected or archived), and the average rating 1–5; in total, per unit and
 * per category. Counts only: nothing names a person.
 */
import { round, share, type ShareFigure } from './overview.ts';

export interface VerdictCounts {
  asked: number;
  answered: number;
  fixed: number;
  notFixed: number;
  reopened: number;
  closedNotFixed: number;
  reopenRate: ShareFigure;
  ratings: number;
  averageRating: number | null;
}
export interface CitizenVerdicts extends VerdictCounts {
  byUnit: ({ code: string | null; name: string | null } & VerdictCounts)[];
  byCategory: ({ code: string; name: Record<string, string> } & VerdictCounts)[];
}

interface Row {
  unitId: string | null;
  categoryId: number | null;
  asked: number;
  answered: number;
  fixed: number;
  notFixed: number;
  reopened: number;
  ratings: number;
  ratingSum: number;
}

/** The counts, reopen rate and average rating of any set of rows (a group of the dashboard, a unit, the total). */
export function verdictCounts(rows: readonly Row[]): VerdictCounts {
  const n = (k: keyof Omit<Row, 'unitId' | 'categoryId'>) => rows.reduce((a, r) => a + r[k], 0);
  const ratings = n('ratings');
  return {
    asked: n('asked'),
    answered: n('answered'),
    fixed: n('fixed'),
    notFixed: n('notFixed'),
    reopened: n('reopened'),
    closedNotFixed: n('notFixed') - n('reopened'),
    reopenRate: share(n('reopened'), n('answered')),
    ratings,
    averageRating: ratings ? round(n('ratingSum') / ratings, 2) : null,
  };
}

export function citizenVerdicts(
  rows: readonly Row[],
  units: ReadonlyMap<string, { code: string; name: string }>,
  categories: ReadonlyMap<number, { code: string; name: Record<string, string> }>,
): CitizenVerdicts {
  const group = <K>(key: (r: Row) => K) => {
    const m = new Map<K, Row[]>();
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return [...m];
  };
  return {
    ...verdictCounts(rows),
    byUnit: group((r) => r.unitId)
      .map(([id, rs]) => ({ code: id ? (units.get(id)?.code ?? null) : null, name: id ? (units.get(id)?.name ?? null) : null, ...verdictCounts(rs) }))
      .sort((a, b) => b.answered - a.answered || String(a.code).localeCompare(String(b.code))),
    byCategory: group((r) => r.categoryId)
      .filter(([id]) => id !== null)
      .map(([id, rs]) => ({ code: categories.get(id!)?.code ?? String(id), name: categories.get(id!)?.name ?? {}, ...verdictCounts(rs) }))
      .sort((a, b) => b.answered - a.answered || a.code.localeCompare(b.code)),
  };
}
