/** JSON lines on stderr for the citizens module, like the notification module's logger. */
import type { Logger } from '../channels/channel.ts';
import type { Config } from '../config.ts';

export function citizensLog(config: Config): Logger {
  const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
  const min = levels.indexOf(config.logLevel);
  const pino: Record<string, number> = { debug: 20, info: 30, warn: 40, error: 50 };
  return (level, message, fields) => {
    if (levels.indexOf(level) < min) return;
    console.error(JSON.stringify({ level: pino[level], time: Date.now(), module: 'citizens', msg: message, ...fields }));
  };
}
