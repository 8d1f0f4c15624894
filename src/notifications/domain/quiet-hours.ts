/**
 * Quiet hours: a window of local time (minutes after midnight in the municipality's time zone) in
 * which notifiable messages wait. A window may cross midnight (22:00–07:00). Key messages ignore it.
 */
import { localParts } from '../../kernel/time.ts';

/** Seconds after local midnight of `at` in `timeZone`. */
export function localSecondOfDay(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return p.hour * 3600 + p.minute * 60 + p.second;
}

export function inQuietHours(minuteOfDay: number, from: number, to: number): boolean {
  if (from === to) return false;
  return from < to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
}

/** The local wall-clock reading of an instant, written as if it were UTC milliseconds (whole seconds). */
function wallClock(ms: number, timeZone: string): number {
  const p = localParts(new Date(ms), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/**
 * The first instant after `after` at which the local clock reads `wall` or later. Wall time is not
 * instant time on a daylight-saving night: in spring 02:00–03:00 never happens (a window ending at
 * 02:30 ends at the switch, 03:00), in autumn 02:00–03:00 happens twice (the first one counts).
 */
function firstInstantAtWall(wall: number, after: number, timeZone: string): number {
  const offsetAt = (ms: number) => wallClock(ms, timeZone) - Math.floor(ms / 1000) * 1000;
  const guess = wall - offsetAt(after);
  if (wallClock(guess, timeZone) === wall) return guess;
  const corrected = wall - offsetAt(guess);
  if (wallClock(corrected, timeZone) === wall) return corrected;
  // The wall time falls in the skipped hour: find the switch (to the second) between the two guesses.
  let lo = Math.min(guess, corrected);
  let hi = Math.max(guess, corrected);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (wallClock(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * When a message created at `at` may go out: `at` itself outside quiet hours, otherwise the instant
 * the local clock next reads the end of the window, counted on the wall clock so that a
 * daylight-saving night neither shortens nor lengthens the window's end.
 */
export function releaseTime(at: Date, timeZone: string, from: number | null, to: number | null): Date {
  if (from === null || to === null) return at;
  const second = localSecondOfDay(at, timeZone);
  if (!inQuietHours(Math.floor(second / 60), from, to)) return at;
  const now = wallClock(at.getTime(), timeZone);
  let end = now - (now % 86_400_000) + to * 60_000;
  if (end <= now) end += 86_400_000;
  return new Date(firstInstantAtWall(end, at.getTime(), timeZone));
}

/** "22:00" ↔ 1320. */
export function parseClock(s: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
