/** Latency percentiles from raw samples (nearest-rank), and CPU time read from /proc. */
import { readFileSync, readdirSync } from 'node:fs';

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const MIN_MS = 0.001;
const GROWTH = 1.005;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = Math.ceil(Math.log(600_000 / MIN_MS) / LOG_GROWTH) + 1;

/**
 * Latencies in logarithmic buckets 0.5% wide (1 µs to 10 min), so runs in several processes can be
 * merged; a percentile is the upper edge of its bucket, i.e. at most 0.5% above the true value.
 */
export class Histogram {
  counts = new Uint32Array(BUCKETS);
  n = 0;
  sum = 0;
  max = 0;

  add(ms: number): void {
    const i = ms <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / MIN_MS) / LOG_GROWTH));
    this.counts[i]!++;
    this.n++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  merge(o: Histogram): this {
    for (let i = 0; i < BUCKETS; i++) this.counts[i]! += o.counts[i]!;
    this.n += o.n;
    this.sum += o.sum;
    this.max = Math.max(this.max, o.max);
    return this;
  }

  percentile(q: number): number {
    const rank = Math.max(1, Math.ceil(q * this.n));
    let acc = 0;
    for (let i = 0; i < BUCKETS; i++) {
      acc += this.counts[i]!;
      if (acc >= rank) return Math.min(this.max, MIN_MS * GROWTH ** i);
    }
    return this.max;
  }

  summary(): LatencySummary {
    if (!this.n) return { count: 0, mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
    return { count: this.n, mean: this.sum / this.n, p50: this.percentile(0.5), p90: this.percentile(0.9), p99: this.percentile(0.99), max: this.max };
  }

  /** A compact form for IPC: the non-empty buckets only. */
  toJSON(): { b: [number, number][]; n: number; sum: number; max: number } {
    const b: [number, number][] = [];
    this.counts.forEach((c, i) => {
      if (c) b.push([i, c]);
    });
    return { b, n: this.n, sum: this.sum, max: this.max };
  }

  static fromJSON(j: { b: [number, number][]; n: number; sum: number; max: number }): Histogram {
    const h = new Histogram();
    for (const [i, c] of j.b) h.counts[i] = c;
    h.n = j.n;
    h.sum = j.sum;
    h.max = j.max;
    return h;
  }
}

const TICK = 100; // USER_HZ on Linux; `getconf CLK_TCK` is 100 on every kernel we run on

/** utime + stime of a process in seconds, or null when it is gone. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; fields after its closing parenthesis are fixed.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICK;
  } catch {
    return null;
  }
}

/** CPU seconds per pid of a process and all its children (the embedded PostgreSQL: postmaster and backends). */
export function treeCpu(rootPid: number): Map<number, number> {
  const out = new Map<number, number>();
  const root = processCpuSeconds(rootPid);
  if (root === null) return out;
  out.set(rootPid, root);
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[1]) === rootPid) out.set(Number(name), (Number(f[11]) + Number(f[12])) / TICK);
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** CPU seconds a process tree used between two snapshots (processes that ended in between are missed, so this is a lower bound). */
export function treeCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, t] of after) sum += t - (before.get(pid) ?? 0);
  return sum;
}

/** Busy and total CPU time of the whole machine, in seconds (all cores). */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = line[3]! + (line[4] ?? 0);
  const total = line.slice(0, 8).reduce((s, v) => s + v, 0);
  return { busy: (total - idle) / TICK, total: total / TICK };
}
