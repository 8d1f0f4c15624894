/**
 * Weeks and periods in the municipality's time zone. An ISO week runs from Monday 00:00 to the next
 * Monday 00:00 local time (so a week with a daylight-saving change is 167 or 169 hours long); a
 * period of a unit report runs from local midnight of its first day to local midnight after its last.
 */

import { localDate, startOfLocalDay, type LocalDate } from '../../kernel/time.ts';

export interface IsoWeek {
  year: number;
  week: number;
}
export interface Period {
  start: Date;
  end: Date;
}

const DAY = 86_400_000;

export const formatDate = (d: LocalDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export function parseDate(s: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** ISO 8601 week of a calendar date. */
export function isoWeekOfDate(d: LocalDate): IsoWeek {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day));
  const weekday = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - weekday); // the Thursday of the same week decides the year
  const year = t.getUTCFullYear();
  const week = Math.floor((t.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return { year, week };
}

export const isoWeekOf = (at: Date, timeZone: string): IsoWeek => isoWeekOfDate(localDate(at, timeZone));

export function weeksInYear(year: number): number {
  return isoWeekOfDate({ year, month: 12, day: 28 }).week;
}

export const formatIsoWeek = (w: IsoWeek) => `${w.year}-W${String(w.week).padStart(2, '0')}`;

export function parseIsoWeek(s: string): IsoWeek | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(s);
  if (!m) return null;
  const w = { year: Number(m[1]), week: Number(m[2]) };
  return w.week >= 1 && w.week <= weeksInYear(w.year) && w.year >= 2000 && w.year <= 2100 ? w : null;
}

/** The local date of the Monday that starts an ISO week. */
export function mondayOf(w: IsoWeek): LocalDate {
  const jan4 = new Date(Date.UTC(w.year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * DAY + (w.week - 1) * 7 * DAY);
  return { year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() };
}

export function addWeeks(w: IsoWeek, n: number): IsoWeek {
  const m = mondayOf(w);
  return isoWeekOfDate(normalise({ ...m, day: m.day + 7 * n }));
}

function normalise(d: LocalDate): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function weekPeriod(w: IsoWeek, timeZone: string): Period {
  const m = mondayOf(w);
  return { start: startOfLocalDay(m, timeZone), end: startOfLocalDay(normalise({ ...m, day: m.day + 7 }), timeZone) };
}

/** The last complete ISO week before the instant (the week the weekly job publishes). */
export const previousWeek = (at: Date, timeZone: string): IsoWeek => addWeeks(isoWeekOf(at, timeZone), -1);

/**
 * A reporting period from its name: a year (2026), a quarter (2026-Q3), a month (2026-07), an ISO
 * week (2026-W47), or two dates (2026-07-01..2026-09-30, both days included).
 */
export function parsePeriod(s: string, timeZone: string): (Period & { label: string; year: number }) | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(s))) {
    const year = Number(m[1]);
    return {
      label: s,
      year,
      start: startOfLocalDay({ year, month: 1, day: 1 }, timeZone),
      end: startOfLocalDay({ year: year + 1, month: 1, day: 1 }, timeZone),
    };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(s))) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    return {
      label: s,
      year,
      start: startOfLocalDay({ year, month: 3 * q - 2, day: 1 }, timeZone),
      end: startOfLocalDay(normalise({ year, month: 3 * q + 1, day: 1 }), timeZone),
    };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return {
      label: s,
      year,
      start: startOfLocalDay({ year, month, day: 1 }, timeZone),
      end: startOfLocalDay(normalise({ year, month: month + 1, day: 1 }), timeZone),
    };
  }
  const w = parseIsoWeek(s);
  if (w) return { label: s, year: w.year, ...weekPeriod(w, timeZone) };
  if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(s))) {
    const a = parseDate(m[1]!);
    const b = parseDate(m[2]!);
    if (!a || !b || formatDate(b) < formatDate(a)) return null;
    return { label: s, year: a.year, start: startOfLocalDay(a, timeZone), end: startOfLocalDay(normalise({ ...b, day: b.day + 1 }), timeZone) };
  }
  return null;
}
