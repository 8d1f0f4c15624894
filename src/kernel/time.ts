/**
 * Wall-clock time in the municipality's time zone, the one place that turns instants into local
 * dates and times and back (the reports' weeks and periods, the 48-hour clock's working hours). An
 * instant's local parts come from Intl; a local time's instant is found by applying the zone's
 * offset twice, so a time just after a daylight-saving change lands on the right side of it.
 */

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl.DateTimeFormat kept for reuse: building one costs about a hundred times formatting with it (most
 * of the CPU of rendering a message, and more than a registration's own work in Node, profiled). There are
 * only as many as locales × options × time zones in use.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formats.set(key, f);
  }
  return f;
}

// localParts runs in loops (working days, dashboards): its formatter is found by zone alone, without dateTimeFormat's key.
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = dateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time at an instant in a time zone. */
export function localParts(at: Date, timeZone: string) {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour! % 24, minute: p.minute!, second: p.second! };
}

/** The local calendar date of an instant. */
export function localDate(at: Date, timeZone: string): LocalDate {
  const p = localParts(at, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

function offsetMs(utcMs: number, timeZone: string): number {
  const p = localParts(new Date(utcMs), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant of a local wall-clock time; minutes after midnight may be 1440 (the next midnight) and
 * dates may overflow (day 32 is the next month's first).
 */
export function localTime(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, 0, minutes);
  const first = guess - offsetMs(guess, timeZone);
  return new Date(guess - offsetMs(first, timeZone));
}

/** The instant of local midnight at the start of a date. */
export const startOfLocalDay = (d: LocalDate, timeZone: string): Date => localTime(d.year, d.month, d.day, 0, timeZone);
