/**
 * The bins of the dashboard's pre-computed duration histograms (issue 15). A municipality-wide view of
 * a year covers a million reports; its medians and 90th percentiles are read from per-day and
 * per-month histograms of the time to first answer and to resolution rather than from every report.
 *
 * Bins grow geometrically (each 5 % wider than the last, from 6 minutes) so the error is the same share
 * of any duration, minutes or months: bin 0 holds [0, 0.1 h), bin b ≥ 1 holds
 * [0.1·1.05^(b−1), 0.1·1.05^b) hours. A percentile is placed inside its bin by assuming the bin's
 * values are spread evenly, so it is off by at most one bin's width (5 %) and usually far less.
 */

/** The first bin's upper edge, in hours. */
export const BIN_BASE_HOURS = 0.1;
/** Each bin is this much wider than the one before. */
export const BIN_GROWTH = 1.05;

/** The SQL (PostgreSQL) of the bin of a duration in hours: the same edges as binBounds. */
export function binSql(hours: string): string {
  return `(case when (${hours}) < ${BIN_BASE_HOURS} then 0 else 1 + floor(ln((${hours}) / ${BIN_BASE_HOURS}) / ln(${BIN_GROWTH}))::int end)`;
}

/** The bin of a duration in hours (as binSql computes it in the database). */
export function binOf(hours: number): number {
  if (!(hours >= BIN_BASE_HOURS)) return 0;
  return 1 + Math.floor(Math.log(hours / BIN_BASE_HOURS) / Math.log(BIN_GROWTH));
}

/** The edges [low, high) of a bin, in hours. */
export function binBounds(bin: number): [number, number] {
  if (bin <= 0) return [0, BIN_BASE_HOURS];
  return [BIN_BASE_HOURS * BIN_GROWTH ** (bin - 1), BIN_BASE_HOURS * BIN_GROWTH ** bin];
}

/** A histogram: how many durations fell in each bin (index = bin; a few hundred bins cover years). */
export type Histogram = number[];

export function addHistogram(into: Histogram, bins: readonly number[], counts: readonly number[]): void {
  for (let i = 0; i < bins.length; i++) {
    const b = bins[i]!;
    while (into.length <= b) into.push(0);
    into[b]! += counts[i]!;
  }
}

/**
 * The p-quantile of the durations a histogram counts, as PostgreSQL's percentile_cont computes it over
 * the durations themselves (linear interpolation between the values at ranks ⌊1 + p(n−1)⌋ and the next),
 * each value taken as if its bin's values were spread evenly across the bin. Null for an empty histogram.
 */
export function histogramPercentile(h: Histogram, p: number): number | null {
  const bins: [number, number][] = [];
  h.forEach((n, bin) => {
    if (n > 0) bins.push([bin, n]);
  });
  const n = bins.reduce((a, [, c]) => a + c, 0);
  if (n === 0) return null;
  const pos = 1 + p * (n - 1);
  const lo = Math.floor(pos);
  const valueAt = (rank: number): number => {
    let seen = 0;
    for (const [bin, count] of bins) {
      if (rank <= seen + count) {
        const [low, high] = binBounds(bin);
        return low + ((rank - seen - 0.5) / count) * (high - low);
      }
      seen += count;
    }
    const [low, high] = binBounds(bins[bins.length - 1]![0]);
    return (low + high) / 2;
  };
  const a = valueAt(lo);
  if (pos === lo) return a;
  return a + (pos - lo) * (valueAt(lo + 1) - a);
}
