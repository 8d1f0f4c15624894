/**
 * The one logger: a pino instance per process (per log level, in practice one), JSON lines on
 * stderr, shared by Fastify (its request log), the job worker, the boot and recovery messages and
 * every module, each module through a child logger that names it.
 */
import { pino, type Logger as Pino } from 'pino';
import type { Logger as ChannelLogger } from '../channels/channel.ts';

const roots = new Map<string, Pino>();

/** The process's pino instance for `level` (GLAS_LOG_LEVEL); stderr, as the logs have always gone. */
export function rootLogger(level: string): Pino {
  let root = roots.get(level);
  if (!root) {
    root = pino({ level }, pino.destination({ fd: 2, sync: true }));
    roots.set(level, root);
  }
  return root;
}

/** A module's child logger: every line carries `module`. */
export function moduleLog(level: string, module: string): Pino {
  return rootLogger(level).child({ module });
}

/** The same child logger in the channels' small Logger shape (level, message, fields). */
export function channelLogger(level: string, module: string): ChannelLogger {
  const log = moduleLog(level, module);
  return (lvl, message, fields) => {
    log[lvl](fields ?? {}, message);
  };
}

const LEVEL_NAMES = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' } as const;
type LevelNumber = keyof typeof LEVEL_NAMES;
const nameOf = (level: number) => LEVEL_NAMES[Math.min(60, Math.max(10, Math.round(level / 10) * 10)) as LevelNumber];

/** Logs by pino's level numbers (30 info, 40 warn, 50 error, 60 fatal), for the boot, recovery and shutdown messages. */
export function numericLog(level: string, module: string): (message: string, at?: number, fields?: Record<string, unknown>) => void {
  const log = moduleLog(level, module);
  return (message, at = 30, fields = {}) => {
    log[nameOf(at)](fields, message);
  };
}
