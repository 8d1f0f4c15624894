/** "Is it fixed?" figures as rows for the weekly page and the unit report (one layout for both). */
import type { CitizenVerdicts, VerdictCounts } from '../domain/verdicts.ts';
import type { Formats } from './html.ts';

export function verdictHead(f: Formats, first: string): string[] {
  return [
    first,
    f.t('reports.col_answered'),
    f.t('reports.col_fixed'),
    f.t('reports.col_reopened'),
    f.t('reports.col_closed_not_fixed'),
    f.t('reports.col_reopen_rate'),
    f.t('reports.col_rating'),
  ];
}
export const VERDICT_NUMERIC = [false, true, true, true, true, true, true];

export interface VerdictCell {
  text: string;
  value?: number | null;
}

export function verdictCells(f: Formats, label: string, v: VerdictCounts): VerdictCell[] {
  const n = (x: number): VerdictCell => ({ text: f.int(x), value: x });
  return [
    { text: label },
    n(v.answered),
    n(v.fixed),
    n(v.reopened),
    n(v.closedNotFixed),
    { text: f.share(v.reopenRate.share), value: v.reopenRate.share },
    { text: v.averageRating === null ? '–' : v.averageRating.toFixed(1), value: v.averageRating },
  ];
}

export function verdictSentence(f: Formats, v: CitizenVerdicts): string {
  return f.t('reports.verdicts_sentence', {
    asked: f.int(v.asked),
    answered: f.int(v.answered),
    fixed: f.int(v.fixed),
    notFixed: f.int(v.notFixed),
    reopened: f.int(v.reopened),
    closedNotFixed: f.int(v.closedNotFixed),
    rating: v.averageRating === null ? '–' : v.averageRating.toFixed(1),
  });
}

/** `name` gives a category's name in the reader's language (the pages' localName). */
export function verdictRowsByCategory(f: Formats, v: CitizenVerdicts, name: (c: { name: Record<string, string>; code: string }) => string): VerdictCell[][] {
  return v.byCategory.filter((c) => c.answered > 0).map((c) => verdictCells(f, name(c), c));
}
export function verdictRowsByUnit(f: Formats, v: CitizenVerdicts): VerdictCell[][] {
  return v.byUnit.filter((u) => u.answered > 0).map((u) => verdictCells(f, u.name ?? f.t('reports.unassigned'), u));
}
