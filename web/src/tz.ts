/**
 * Wall time in the municipality's zone (GLAS_TIMEZONE) ⇄ instants, whatever zone the browser runs in:
 * a clerk in a UTC browser who picks 10.12 means 10.12 in Kotor Varoš, not 10.12 in UTC. Intl only.
 */

/** The zone the server announces in the public map settings; until it answers, the product's default. */
export const DEFAULT_TIME_ZONE = 'Europe/Belgrade';

const partsCache = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock in `timeZone` at instant `ms`. */
function wallAt(ms: number, timeZone: string): Wall {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year ?? 0, month: p.month ?? 0, day: p.day ?? 0, hour: p.hour ?? 0, minute: p.minute ?? 0, second: p.second ?? 0 };
}

const asUtc = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/**
 * The instant at which the clock in `timeZone` shows the given wall time. A time skipped by the spring
 * change (02:30 on the last Sunday of March in Belgrade) moves forward by the gap, as the clock did; a time
 * that happens twice in autumn is its first (summer-time) occurrence.
 */
export function zonedToInstant(w: Wall, timeZone: string): Date {
  const target = asUtc(w);
  // The offset one day before and after brackets any single change; try the earlier offset first.
  const offsets = [target - 86_400_000, target + 86_400_000].map((ms) => asUtc(wallAt(ms, timeZone)) - ms);
  const candidates = [...new Set(offsets)].map((off) => target - off).sort((a, b) => a - b);
  for (const ms of candidates) if (asUtc(wallAt(ms, timeZone)) === target) return new Date(ms);
  // In the spring gap: no instant shows this time; the standard-time reading lands after the jump.
  return new Date(target - Math.min(...offsets));
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function validDay(y: number, m: number, d: number): boolean {
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/**
 * A day typed in a date input (YYYY-MM-DD) at a wall time in the municipality, as an ISO instant; null when
 * it is not a real date with a four-digit year (a date input accepts 112026-11-24).
 */
export function dayAt(day: string, hour: number, minute: number, timeZone: string): string | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const [year, month, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDay(year, month, d)) return null;
  return zonedToInstant({ year, month, day: d, hour, minute, second: 0 }, timeZone).toISOString();
}

/** A time of day as typed ("9:30", "09.30", "0930", "9", "14h30") as hh:mm on a 24-hour clock, or null. */
export function timeOf(text: string): string | null {
  const m = /^(\d{1,2})(?:[:.h ]?(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2] ?? 0)];
  return h <= 23 && min <= 59 ? `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` : null;
}

/** The value of a datetime-local input (YYYY-MM-DDTHH:MM) read as wall time in the municipality. */
export function localInputToInstant(value: string, timeZone: string): string | null {
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return zonedToInstant({ year, month, day, hour, minute, second }, timeZone).toISOString();
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** An instant as the value of a datetime-local input, on the municipality's clock. */
export function instantToLocalInput(iso: string | Date, timeZone: string): string {
  const w = wallAt(new Date(iso).getTime(), timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** An instant as the value of a date input: the day it is in the municipality. */
export function instantToDay(iso: string | Date, timeZone: string): string {
  return instantToLocalInput(iso, timeZone).slice(0, 10);
}

/** The first instant of a day in the municipality (YYYY-MM-DD), or null when it is no real day. */
export function dayStart(day: string, timeZone: string): string | null {
  return dayAt(day, 0, 0, timeZone);
}

/** The last millisecond of a day in the municipality: just before the next day begins there (23 or 25 hours on DST days). */
export function dayEnd(day: string, timeZone: string): string | null {
  if (dayStart(day, timeZone) === null) return null;
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const start = dayStart(next.toISOString().slice(0, 10), timeZone);
  return start === null ? null : new Date(new Date(start).getTime() - 1).toISOString();
}
