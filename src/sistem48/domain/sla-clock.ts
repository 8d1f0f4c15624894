/**
 * The first-response clock. A category promises an answer within N hours, counted either on the
 * calendar or only inside working hours (working weekdays, a daily window in the municipality's
 * time zone, never on a holiday). Pure: the caller supplies the policy, the holidays and "now".
 */
import { localParts, localTime } from '../../kernel/time.ts';

export interface SlaPolicy {
  mode: 'calendar' | 'working';
  timeZone: string;
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  workingDays: readonly number[];
  /** Minutes after local midnight. */
  dayStart: number;
  dayEnd: number;
  /** Local dates, YYYY-MM-DD. */
  holidays: ReadonlySet<string>;
}

export type ClockState = 'ok' | 'warning' | 'breached' | 'answered';

export interface Clock {
  state: ClockState;
  dueAt: Date;
  warnAt: Date;
  remainingMs: number;
  answeredAt: Date | null;
  answeredLate: boolean | null;
}

const HOUR = 3_600_000;
const MAX_DAYS = 3 * 366;

const isoDate = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Working windows of each local day from the day of `from` on, as [start, end) instants. */
function* workingWindows(from: Date, policy: SlaPolicy): Generator<[number, number]> {
  const p = localParts(from, policy.timeZone);
  let cursor = Date.UTC(p.year, p.month - 1, p.day);
  for (let i = 0; i < MAX_DAYS; i++, cursor += 86_400_000) {
    const d = new Date(cursor);
    const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
    if (!policy.workingDays.includes(weekday) || policy.holidays.has(isoDate(y, m, day))) continue;
    yield [localTime(y, m, day, policy.dayStart, policy.timeZone).getTime(), localTime(y, m, day, policy.dayEnd, policy.timeZone).getTime()];
  }
}

/** The instant at which `ms` of counted time has passed since `start`. */
export function addCountedTime(start: Date, ms: number, policy: SlaPolicy): Date {
  if (policy.mode === 'calendar' || ms <= 0) return new Date(start.getTime() + Math.max(0, ms));
  let remaining = ms;
  for (const [open, close] of workingWindows(start, policy)) {
    const from = Math.max(open, start.getTime());
    if (from >= close) continue;
    if (remaining <= close - from) return new Date(from + remaining);
    remaining -= close - from;
  }
  throw new Error('the working calendar has no working time in the next three years');
}

/** Counted time between two instants (negative when `to` is before `from`). */
export function countedBetween(from: Date, to: Date, policy: SlaPolicy): number {
  if (to < from) return -countedBetween(to, from, policy);
  if (policy.mode === 'calendar') return to.getTime() - from.getTime();
  let total = 0;
  for (const [open, close] of workingWindows(from, policy)) {
    if (open >= to.getTime()) break;
    const a = Math.max(open, from.getTime());
    const b = Math.min(close, to.getTime());
    if (b > a) total += b - a;
  }
  return total;
}

/** When the first response is due and when the warning fires, for a report registered at `start`. */
export function firstResponseSchedule(start: Date, hours: number, warnPercent: number, policy: SlaPolicy): { dueAt: Date; warnAt: Date } {
  return {
    dueAt: addCountedTime(start, hours * HOUR, policy),
    warnAt: addCountedTime(start, Math.round((hours * HOUR * warnPercent) / 100), policy),
  };
}

/** The clock as shown on a report: answered, breached, in its warning period, or running. */
export function clockAt(now: Date, s: { dueAt: Date; warnAt: Date; answeredAt: Date | null }): Clock {
  const remainingMs = s.dueAt.getTime() - now.getTime();
  if (s.answeredAt) return { state: 'answered', dueAt: s.dueAt, warnAt: s.warnAt, remainingMs, answeredAt: s.answeredAt, answeredLate: s.answeredAt > s.dueAt };
  const state: ClockState = now >= s.dueAt ? 'breached' : now >= s.warnAt ? 'warning' : 'ok';
  return { state, dueAt: s.dueAt, warnAt: s.warnAt, remainingMs, answeredAt: null, answeredLate: null };
}
