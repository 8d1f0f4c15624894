/**
 * The one place that reads the environment. Every variable is documented in one line in
 * CONFIG_VARIABLES (the README table is generated from the same list) and validated at start-up;
 * a bad value stops the process with a message naming the variable.
 */
import path from 'node:path';

type Parser<T> = (raw: string) => T;
interface VariableSpec<T> { name: string; doc: string; parse: Parser<T>; fallback: T | (() => T) }

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const integer = (min: number, max: number): Parser<number> => (raw) => {
  if (!/^-?\d+$/.test(raw.trim())) throw new Error(`must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new Error(`must be between ${min} and ${max}, got ${n}`);
  return n;
};
const bool: Parser<boolean> = (raw) => {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new Error(`must be 1/0, true/false, yes/no or on/off, got "${raw}"`);
};
const text: Parser<string> = (raw) => raw;
const optionalText: Parser<string | undefined> = (raw) => (raw === '' ? undefined : raw);
const postgresUrl: Parser<string | undefined> = (raw) => {
  if (raw === '') return undefined;
  let url: URL;
  try { url = new URL(raw); } catch { throw new Error('is not a URL'); }
  if (!['postgres:', 'postgresql:'].includes(url.protocol)) throw new Error('must start with postgres:// or postgresql://');
  return raw;
};
const httpUrl: Parser<string | undefined> = (raw) => {
  if (raw === '') return undefined;
  let url: URL;
  try { url = new URL(raw); } catch { throw new Error('is not a URL'); }
  if (!['http:', 'https:'].includes(url.protocol)) throw new Error('must be an http:// or https:// URL');
  return raw.replace(/\/+$/, '');
};
const logLevel: Parser<string> = (raw) => {
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(raw)) throw new Error(`must be one of ${levels.join(', ')}`);
  return raw;
};
const list: Parser<string[]> = (raw) => raw.split(',').map((s) => s.trim()).filter(Boolean);

function spec<T>(name: string, doc: string, parse: Parser<T>, fallback: T | (() => T)): VariableSpec<T> {
  return { name, doc, parse, fallback };
}

/** Every environment variable Glas reads, with its one-line documentation. */
export const CONFIG_VARIABLES = {
  databaseUrl: spec('DATABASE_URL', 'PostgreSQL server to use; when empty Glas starts its own embedded PostgreSQL 17 in GLAS_DATA_DIR.', postgresUrl, undefined),
  dataDir: spec('GLAS_DATA_DIR', 'Folder for the embedded database, uploaded documents and other files (default ./data).', text, './data'),
  embeddedPgPort: spec('GLAS_EMBEDDED_PG_PORT', 'TCP port (on 127.0.0.1) of the embedded PostgreSQL; never 5432, which a system server may hold (default 54329).', integer(1024, 65535), 54329),
  host: spec('HOST', 'Address the HTTP server listens on (default 127.0.0.1; 0.0.0.0 for all interfaces).', text, '127.0.0.1'),
  port: spec('PORT', 'HTTP port (default 3000).', integer(0, 65535), 3000),
  publicUrl: spec('GLAS_PUBLIC_URL', 'Address citizens use to reach Glas, used in links in messages (default http://localhost:PORT).', httpUrl, undefined),
  demo: spec('GLAS_DEMO', 'Seed a demo municipality into an empty database and run local SMS/e-mail/Viber peers (1 or 0; default 1).', bool, true),
  logLevel: spec('GLAS_LOG_LEVEL', 'Log level: fatal, error, warn, info, debug, trace or silent (default info).', logLevel, 'info'),
  runWorker: spec('GLAS_WORKER', 'Run the background job worker in this process (1 or 0; default 1).', bool, true),
  workerConcurrency: spec('GLAS_WORKER_CONCURRENCY', 'Jobs the worker runs at once (default 10).', integer(1, 200), 10),
  maxUploadBytes: spec('GLAS_MAX_UPLOAD_BYTES', 'Largest accepted document upload in bytes (default 20971520 = 20 MiB).', integer(1, 2 ** 31), 20 * 1024 * 1024),
  uploadTypes: spec('GLAS_UPLOAD_TYPES', 'Comma-separated content types accepted for documents (default PDF, JPEG, PNG, plain text, DOCX, ODT).', list,
    ['application/pdf', 'image/jpeg', 'image/png', 'text/plain', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.oasis.opendocument.text']),
  cookieSecure: spec('GLAS_COOKIE_SECURE', 'Mark session cookies Secure (1 or 0; default 1; browsers accept Secure cookies on http://localhost).', bool, true),
  sessionHours: spec('GLAS_SESSION_HOURS', 'Hours a browser session stays valid without use (default 12).', integer(1, 24 * 30), 12),
  timezone: spec('GLAS_TIMEZONE', 'Time zone of the municipality, for case-number years and working hours (default Europe/Belgrade).', text, 'Europe/Belgrade'),
  municipalityName: spec('GLAS_MUNICIPALITY', 'Name of the municipality shown in messages and pages (default Opština Demo).', text, 'Opština Demo'),
  phoneCountryCode: spec('GLAS_PHONE_COUNTRY_CODE', 'Country calling code assumed for phone numbers written without one, e.g. 381 Serbia, 382 Montenegro, 387 Bosnia and Herzegovina, 385 Croatia, 386 Slovenia (default 381).', integer(1, 999), 381),
  trustProxy: spec('GLAS_TRUST_PROXY', 'Trust X-Forwarded-For from a reverse proxy (1 or 0; default 0).', bool, false),
  adminPassword: spec('GLAS_ADMIN_PASSWORD', 'Password for the demo logins (default "demo-glas-2026"); ignored outside the demo.', optionalText, undefined),
} as const;

type Specs = typeof CONFIG_VARIABLES;
type ValueOf<S> = S extends VariableSpec<infer T> ? T : never;
export type Config = { [K in keyof Specs]: ValueOf<Specs[K]> } & { publicUrl: string; dataDir: string };

/** Parses and validates the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, s] of Object.entries(CONFIG_VARIABLES) as [string, VariableSpec<unknown>][]) {
    const raw = env[s.name];
    if (raw === undefined || raw === '') {
      out[key] = typeof s.fallback === 'function' ? (s.fallback as () => unknown)() : s.fallback;
      continue;
    }
    try {
      out[key] = s.parse(raw);
    } catch (e) {
      problems.push(`${s.name} ${(e as Error).message}`);
    }
  }
  if (problems.length) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  const cfg = out as Config;
  if (cfg.embeddedPgPort === 5432) throw new ConfigError('Invalid configuration: GLAS_EMBEDDED_PG_PORT must not be 5432, which a system PostgreSQL may hold');
  cfg.dataDir = path.resolve(cfg.dataDir);
  cfg.publicUrl ??= `http://localhost:${cfg.port}`;
  return cfg;
}
