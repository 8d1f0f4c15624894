/**
 * Which stored roll-up buckets (UTC months and days) a dashboard period can be read from, and which
 * stretches must be read report by report (issue 15). A bucket is used only when it lies wholly in the
 * period, ends by the instant the figures are counted at, and has no change not yet rolled up; the
 * edges of the period (parts of days) and changed buckets are read from report_facts.
 */
export type RollupLevel = 'd' | 'm';
export interface Bucket {
  level: RollupLevel;
  /** YYYY-MM-DD: the UTC day, or the first day of the UTC month. */
  bucket: string;
}

const DAY = 86_400_000;

export const utcDayOf = (d: Date): string => d.toISOString().slice(0, 10);
/** The first UTC midnight at or after an instant, and the last at or before it. */
export const utcDayStartAtOrAfter = (d: Date): Date => new Date(Math.ceil(d.getTime() / DAY) * DAY);
export const utcDayStartAtOrBefore = (d: Date): Date => new Date(Math.floor(d.getTime() / DAY) * DAY);
export const utcMonthOf = (d: Date): string => `${d.toISOString().slice(0, 7)}-01`;
const dayStart = (s: string) => new Date(`${s}T00:00:00Z`);
const nextMonth = (s: string) => {
  const d = dayStart(s);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
};

/** The instants [start, end) a bucket covers. */
export function bucketPeriod(b: Bucket): { start: Date; end: Date } {
  const start = dayStart(b.bucket);
  return { start, end: b.level === 'd' ? new Date(start.getTime() + DAY) : nextMonth(b.bucket) };
}

/** Every month and day wholly inside [start, until): the buckets a period could be read from. */
export function candidateBuckets(start: Date, until: Date): Bucket[] {
  const out: Bucket[] = [];
  const first = utcDayStartAtOrAfter(start).getTime();
  for (let t = first; t + DAY <= until.getTime(); t += DAY) {
    const day = utcDayOf(new Date(t));
    out.push({ level: 'd', bucket: day });
    if (day.endsWith('-01') && nextMonth(day).getTime() <= until.getTime()) out.push({ level: 'm', bucket: day });
  }
  return out;
}

export interface Cover {
  buckets: Bucket[];
  /** The stretches [from, to) read report by report, in order, adjacent ones joined. */
  raw: [Date, Date][];
}

/**
 * Covers [start, end) with whole unchanged months, then whole unchanged days, of those wholly before
 * `until` (the instant the figures are counted at, or the end); everything else is raw.
 * `changed` holds "level:bucket" of the buckets with a change not yet rolled up.
 */
export function coverPeriod(start: Date, end: Date, until: Date, changed: ReadonlySet<string>): Cover {
  const limit = until < end ? until : end;
  const buckets: Bucket[] = [];
  const raw: [Date, Date][] = [];
  const addRaw = (from: Date, to: Date) => {
    if (to <= from) return;
    const last = raw[raw.length - 1];
    if (last && last[1].getTime() === from.getTime()) last[1] = to;
    else raw.push([from, to]);
  };
  let t = start;
  const candidates = candidateBuckets(start, limit);
  const months = new Map(candidates.filter((b) => b.level === 'm' && !changed.has(`m:${b.bucket}`)).map((b) => [b.bucket, b]));
  for (const b of candidates) {
    if (b.level !== 'd') continue;
    const { start: from, end: to } = bucketPeriod(b);
    if (from < t) continue; // inside a month already used
    const month = months.get(b.bucket);
    if (month) {
      addRaw(t, from);
      buckets.push(month);
      t = bucketPeriod(month).end;
      continue;
    }
    if (changed.has(`d:${b.bucket}`)) continue; // read from the reports, with the stretch around it
    addRaw(t, from);
    buckets.push(b);
    t = to;
  }
  addRaw(t, end);
  return { buckets, raw };
}
