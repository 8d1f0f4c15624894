/**
 * Quiet hours: a window of local time (minutes after midnight in the municipality's time zone) in
 * which notifiable messages wait. A window may cross midnight (22:00–07:00). Key messages ignore it.
 */

/** Seconds after local midnight of `at` in `timeZone`. */
export function localSecondOfDay(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 3600 + get('minute') * 60 + get('second');
}

export function inQuietHours(minuteOfDay: number, from: number, to: number): boolean {
  if (from === to) return false;
  return from < to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
}

/**
 * When a message created at `at` may go out: `at` itself outside quiet hours, otherwise the end of
 * the window. (On a daylight-saving night the end is off by the hour that was skipped or repeated.)
 */
export function releaseTime(at: Date, timeZone: string, from: number | null, to: number | null): Date {
  if (from === null || to === null) return at;
  const second = localSecondOfDay(at, timeZone);
  if (!inQuietHours(Math.floor(second / 60), from, to)) return at;
  let wait = to * 60 - second;
  if (wait <= 0) wait += 86_400;
  return new Date(at.getTime() + wait * 1000 - at.getMilliseconds());
}

/** "22:00" ↔ 1320. */
export function parseClock(s: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
