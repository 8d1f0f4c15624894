/**
 * The weekly public overview as stored and published (schema glas.weekly-overview, version 1):
 * counts, shares and durations only. Nothing in it names or locates a person: reports appear by
 * their public number, category, unit and age.
 */
import { OVERVIEW_SCHEMA_VERSION } from './definitions.ts';
import type { CitizenVerdicts } from './verdicts.ts';

export interface DurationFigure {
  count: number;
  median: number | null;
  p90: number | null;
}
export interface ShareFigure {
  of: number;
  count: number;
  share: number | null;
}

export interface WeeklyOverview {
  schema: 'glas.weekly-overview';
  version: typeof OVERVIEW_SCHEMA_VERSION;
  week: string;
  periodStart: string;
  periodEnd: string;
  timezone: string;
  municipality: string;
  licence: string;
  generatedAt: string;
  received: {
    total: number;
    byCategory: { code: string; name: Record<string, string>; count: number }[];
    byUnit: { code: string | null; name: string | null; count: number }[];
    byChannel: { channel: string; count: number }[];
  };
  /** Of the reports whose 48 hours ran out in the week, how many were answered within them. */
  answeredWithin48h: ShareFigure;
  firstResponseHours: DurationFigure;
  resolutionHours: DurationFigure;
  backlog: {
    open: number;
    oldest: {
      reportNo: string;
      category: string;
      categoryName: Record<string, string>;
      unit: string | null;
      unitName: string | null;
      registeredOn: string;
      ageDays: number;
    }[];
  };
  rerouted: ShareFigure;
  /** "Is it fixed?": asked and answered in the week, reopenings and "closed but not fixed" apart, ratings (absent in weeks published before it existed). */
  citizenVerdicts?: CitizenVerdicts;
  /** The published week and the weeks before it, oldest first. */
  trend: TrendPoint[];
}

export interface TrendPoint {
  week: string;
  received: number;
  answeredWithin48hShare: number | null;
  firstResponseMedianHours: number | null;
  resolutionMedianHours: number | null;
  openBacklog: number;
}

export const round = (x: number | null, digits: number): number | null => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

export function share(count: number, of: number): ShareFigure {
  return { of, count, share: of === 0 ? null : round(count / of, 4) };
}

export function duration(d: { count: number; median: number | null; p90: number | null }): DurationFigure {
  return { count: d.count, median: round(d.median, 2), p90: round(d.p90, 2) };
}

export function trendPointOf(o: WeeklyOverview): TrendPoint {
  return {
    week: o.week,
    received: o.received.total,
    answeredWithin48hShare: o.answeredWithin48h.share,
    firstResponseMedianHours: o.firstResponseHours.median,
    resolutionMedianHours: o.resolutionHours.median,
    openBacklog: o.backlog.open,
  };
}

/** Whole days between two instants, rounded down: a report registered 47 hours ago is 1 day old. */
export const ageDays = (from: Date, at: Date) => Math.floor((at.getTime() - from.getTime()) / 86_400_000);
