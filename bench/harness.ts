/**
 * What the HTTP benchmarks share: free ports, child processes (servers under test and the load
 * generator of bench/load.ts), and measured windows with the CPU each party used meanwhile.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Job, JobResult } from './load.ts';
import type { Measurement } from './report.ts';
import { Histogram, machineCpu, processCpuSeconds, treeCpu, treeCpuDelta } from './stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

export async function waitForHttp(url: string, child: ChildProcess, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/** Lets a child exit by itself for `graceMs`, then sends SIGTERM, then SIGKILL after 30 s. */
export async function stopChild(child: ChildProcess, graceMs = 0): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const term = setTimeout(() => child.kill('SIGTERM'), graceMs);
  const kill = setTimeout(() => child.kill('SIGKILL'), graceMs + 30_000);
  await exited;
  clearTimeout(term);
  clearTimeout(kill);
}

/** One measured window (or several added up): counts, latencies and the CPU each party used meanwhile. */
export interface Window {
  ok: number;
  failed: number;
  durationS: number;
  hist: Histogram;
  statusCounts: Record<string, number>;
  sampleError?: string;
  serverCpu: number | null;
  loadCpu: number;
  pgCpu: number | null;
  machineBusy: number;
  machineTotal: number;
}

export function addWindows(a: Window | null, b: Window): Window {
  if (!a) return b;
  const statusCounts = { ...a.statusCounts };
  for (const [k, v] of Object.entries(b.statusCounts)) statusCounts[k] = (statusCounts[k] ?? 0) + v;
  const sum = (x: number | null, y: number | null) => (x === null || y === null ? null : x + y);
  return {
    ok: a.ok + b.ok,
    failed: a.failed + b.failed,
    durationS: a.durationS + b.durationS,
    hist: a.hist.merge(b.hist),
    statusCounts,
    sampleError: a.sampleError ?? b.sampleError,
    serverCpu: sum(a.serverCpu, b.serverCpu),
    loadCpu: a.loadCpu + b.loadCpu,
    pgCpu: sum(a.pgCpu, b.pgCpu),
    machineBusy: a.machineBusy + b.machineBusy,
    machineTotal: a.machineTotal + b.machineTotal,
  };
}

/** Runs one job in a fresh load-generator process and measures CPU over exactly its measured window. */
export async function runJob(job: Job, serverPid: number | null, pgPid: number | null): Promise<Window> {
  const child = spawn(process.execPath, [path.join(root, 'bench', 'load.ts')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const limit = setTimeout(() => child.kill('SIGKILL'), (job.warmupS + job.durationS + 180) * 1000);
  let at0: { server: number | null; load: number | null; pg: Map<number, number> | null; m: { busy: number; total: number } } | null = null;
  try {
    return await new Promise<Window>((resolve, reject) => {
      child.on('message', (msg: { type: 'started' } | { type: 'result'; result: JobResult }) => {
        if (msg.type === 'started') {
          at0 = {
            server: serverPid ? processCpuSeconds(serverPid) : null,
            load: processCpuSeconds(child.pid!),
            pg: pgPid ? treeCpu(pgPid) : null,
            m: machineCpu(),
          };
          return;
        }
        const m1 = machineCpu();
        const a = at0!;
        const s1 = serverPid ? processCpuSeconds(serverPid) : null;
        const l1 = processCpuSeconds(child.pid!);
        const pg1 = pgPid && a.pg ? treeCpuDelta(a.pg, treeCpu(pgPid)) : null;
        child.send({ type: 'ack' });
        const r = msg.result;
        resolve({
          ok: r.ok,
          failed: r.failed,
          durationS: r.durationS,
          hist: Histogram.fromJSON(r.latency),
          statusCounts: r.statusCounts,
          sampleError: r.sampleError,
          serverCpu: s1 !== null && a.server !== null ? s1 - a.server : null,
          loadCpu: l1 !== null && a.load !== null ? l1 - a.load : 0,
          pgCpu: pg1,
          machineBusy: m1.busy - a.m.busy,
          machineTotal: m1.total - a.m.total,
        });
      });
      child.once('exit', (code) => reject(new Error(`load generator exited with ${code} before reporting`)));
      child.send(job);
    });
  } finally {
    clearTimeout(limit);
    await stopChild(child, 10_000);
  }
}

export function measurement(name: string, unit: string, clients: number, w: Window): Measurement {
  const perOp = (cpu: number | null) => (cpu === null ? null : (cpu * 1000) / Math.max(1, w.ok));
  return {
    name,
    unit,
    clients,
    ok: w.ok,
    failed: w.failed,
    durationS: w.durationS,
    perSecond: w.ok / w.durationS,
    latency: w.hist.summary(),
    serverCpuMsPerOp: perOp(w.serverCpu),
    pgCpuMsPerOp: perOp(w.pgCpu),
    loadCpuShare: w.machineTotal > 0 ? w.loadCpu / w.machineTotal : null,
    machineBusyShare: w.machineTotal > 0 ? w.machineBusy / w.machineTotal : null,
    // What neither the server, PostgreSQL nor the load generator used: the kernel's share of loopback traffic, and other programs.
    otherCpuShare: w.machineTotal > 0 ? Math.max(0, w.machineBusy - (w.serverCpu ?? 0) - (w.pgCpu ?? 0) - w.loadCpu) / w.machineTotal : null,
    statusCounts: w.statusCounts,
    sampleError: w.sampleError,
  };
}

export interface Side {
  name: string;
  unit: string;
  clients: number;
  job: Job;
  serverPid: number | null;
  usesDb: boolean;
  before?: () => Promise<void>;
}

/**
 * Measures the sides of a comparison in alternating rounds (A B C, C B A, A B C, ...), each with its own
 * warm-up, so that a burst of unrelated load on the machine hits every side alike rather than one.
 */
export async function interleaved(sides: Side[], rounds: number, pgPid: number | null): Promise<Measurement[]> {
  const acc = new Map<string, Window | null>(sides.map((s) => [s.name, null]));
  for (let r = 0; r < rounds; r++) {
    for (const side of r % 2 ? [...sides].reverse() : sides) {
      await side.before?.();
      const w = await runJob({ ...side.job, durationS: side.job.durationS / rounds }, side.serverPid, side.usesDb ? pgPid : null);
      acc.set(side.name, addWindows(acc.get(side.name)!, w));
    }
  }
  return sides.map((s) => measurement(s.name, s.unit, s.clients, acc.get(s.name)!));
}
