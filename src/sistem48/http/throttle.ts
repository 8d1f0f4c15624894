/**
 * A fixed-window counter per key (the client's IP) for the public intake, held in this process:
 * enough to stop one browser or script from flooding the form; a reverse proxy limits across processes.
 */
export interface Throttle { hit(key: string, limitPerHour: number, now: Date): { ok: true } | { ok: false; retryAfterSeconds: number } }

export function createThrottle(): Throttle {
  const windows = new Map<string, { start: number; count: number }>();
  const HOUR = 3_600_000;
  return {
    hit(key, limit, now) {
      const t = now.getTime();
      if (windows.size > 50_000) for (const [k, w] of windows) if (t - w.start >= HOUR) windows.delete(k);
      let w = windows.get(key);
      if (!w || t - w.start >= HOUR) { w = { start: t, count: 0 }; windows.set(key, w); }
      if (w.count >= limit) return { ok: false, retryAfterSeconds: Math.ceil((w.start + HOUR - t) / 1000) };
      w.count++;
      return { ok: true };
    },
  };
}
