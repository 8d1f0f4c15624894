/**
 * The one place that reads the environment. Every variable is documented in one line in
 * CONFIG_VARIABLES (the README table is generated from the same list) and validated at start-up;
 * a bad value stops the process with a message naming the variable.
 */
import path from 'node:path';

type Parser<T> = (raw: string) => T;
interface VariableSpec<T> {
  name: string;
  doc: string;
  parse: Parser<T>;
  fallback: T | (() => T);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const integer =
  (min: number, max: number): Parser<number> =>
  (raw) => {
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
  try {
    url = new URL(raw);
  } catch {
    throw new Error('is not a URL');
  }
  if (!['postgres:', 'postgresql:'].includes(url.protocol)) throw new Error('must start with postgres:// or postgresql://');
  return raw;
};
const httpUrl: Parser<string | undefined> = (raw) => {
  if (raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('is not a URL');
  }
  if (!['http:', 'https:'].includes(url.protocol)) throw new Error('must be an http:// or https:// URL');
  return raw.replace(/\/+$/, '');
};
const logLevel: Parser<string> = (raw) => {
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(raw)) throw new Error(`must be one of ${levels.join(', ')}`);
  return raw;
};
const list: Parser<string[]> = (raw) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const decimal =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    if (!/^\d+(\.\d{1,4})?$/.test(raw.trim())) throw new Error(`must be a number such as 12.50, got "${raw}"`);
    const n = Number(raw);
    if (n < min || n > max) throw new Error(`must be between ${min} and ${max}, got ${n}`);
    return n;
  };

// A tile URL template for Leaflet: http(s) with the {z}, {x} and {y} placeholders ({s} and {r} allowed).
const tileUrl: Parser<string> = (raw) => {
  const v = raw.trim();
  if (!/^https?:\/\//.test(v)) throw new Error('must be an http:// or https:// URL template');
  for (const p of ['{z}', '{x}', '{y}']) if (!v.includes(p)) throw new Error(`must contain ${p}`);
  try {
    new URL(v.replace(/\{[a-z]\}/g, '0'));
  } catch {
    throw new Error('is not a URL template');
  }
  return v;
};

// 32 bytes, as base64 (what `openssl rand -base64 32` prints) or as 64 hexadecimal digits.
const key256: Parser<Buffer> = (raw) => {
  const v = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(v) ? Buffer.from(v, 'base64') : null;
  if (key?.length !== 32) throw new Error('must be 32 random bytes in base64 (openssl rand -base64 32) or as 64 hexadecimal digits');
  return key;
};

const oneOf =
  <T extends string>(values: readonly T[]): Parser<T> =>
  (raw) => {
    if (!(values as readonly string[]).includes(raw.trim())) throw new Error(`must be one of ${values.join(', ')}, got "${raw}"`);
    return raw.trim() as T;
  };

function spec<T>(name: string, doc: string, parse: Parser<T>, fallback: T | (() => T)): VariableSpec<T> {
  return { name, doc, parse, fallback };
}

/** Every environment variable Glas reads, with its one-line documentation. */
export const CONFIG_VARIABLES = {
  databaseUrl: spec(
    'DATABASE_URL',
    'PostgreSQL server to use; when empty Glas starts its own embedded PostgreSQL 17 in GLAS_DATA_DIR.',
    postgresUrl,
    undefined,
  ),
  dataDir: spec('GLAS_DATA_DIR', 'Folder for the embedded database, uploaded documents and other files (default ./data).', text, './data'),
  shutdownSeconds: spec(
    'GLAS_SHUTDOWN_SECONDS',
    'Seconds a SIGTERM waits for requests and jobs to finish before Glas stops its embedded PostgreSQL at once and exits with code 1 (default 30).',
    integer(1, 3600),
    30,
  ),
  dbRecoverySeconds: spec(
    'GLAS_DB_RECOVERY_SECONDS',
    'Seconds the embedded PostgreSQL may stay down while Glas keeps starting it again before GET /healthz answers 503, so that a liveness probe restarts Glas (default 60).',
    integer(5, 86_400),
    60,
  ),
  embeddedPgPort: spec(
    'GLAS_EMBEDDED_PG_PORT',
    'TCP port (on 127.0.0.1) of the embedded PostgreSQL; never 5432, which a system server may hold (default 54329).',
    integer(1024, 65535),
    54329,
  ),
  host: spec('HOST', 'Address the HTTP server listens on (default 127.0.0.1; 0.0.0.0 for all interfaces).', text, '127.0.0.1'),
  port: spec('PORT', 'HTTP port (default 3000).', integer(0, 65535), 3000),
  publicUrl: spec('GLAS_PUBLIC_URL', 'Address citizens use to reach Glas, used in links in messages (default http://localhost:PORT).', httpUrl, undefined),
  // Undefined here means "not said": loadConfig turns it on only for the embedded database, so a
  // first start on a production DATABASE_URL never seeds staff with the published demo password.
  demo: spec<boolean | undefined>(
    'GLAS_DEMO',
    'Seed a demo municipality into an empty database and run local SMS/e-mail/Viber peers (1 or 0; default 1 with the embedded database, 0 with DATABASE_URL).',
    bool,
    undefined,
  ),
  logLevel: spec('GLAS_LOG_LEVEL', 'Log level: fatal, error, warn, info, debug, trace or silent (default info).', logLevel, 'info'),
  runWorker: spec('GLAS_WORKER', 'Run the background job worker in this process (1 or 0; default 1).', bool, true),
  workerConcurrency: spec('GLAS_WORKER_CONCURRENCY', 'Jobs the worker runs at once, each with its own database connection (default 20).', integer(1, 200), 20),
  maxUploadBytes: spec(
    'GLAS_MAX_UPLOAD_BYTES',
    'Largest accepted document upload in bytes (default 20971520 = 20 MiB).',
    integer(1, 2 ** 31),
    20 * 1024 * 1024,
  ),
  headersTimeoutSeconds: spec(
    'GLAS_HEADERS_TIMEOUT_SECONDS',
    "Seconds a client has to send a request's headers before the connection is closed (default 20).",
    integer(1, 3600),
    20,
  ),
  requestTimeoutSeconds: spec(
    'GLAS_REQUEST_TIMEOUT_SECONDS',
    'Seconds a client has to send a whole request, body and uploads included, before it is answered 408 and closed (default 120).',
    integer(1, 3600),
    120,
  ),
  idleTimeoutSeconds: spec(
    'GLAS_IDLE_TIMEOUT_SECONDS',
    'Seconds a connection may pass without sending or receiving a byte before it is closed (default 60).',
    integer(1, 3600),
    60,
  ),
  keepAliveSeconds: spec(
    'GLAS_KEEP_ALIVE_SECONDS',
    "Seconds an idle keep-alive connection is kept open for the next request (default 72, longer than a reverse proxy's usual 60).",
    integer(1, 3600),
    72,
  ),
  uploadTypes: spec('GLAS_UPLOAD_TYPES', 'Comma-separated content types accepted for documents (default PDF, JPEG, PNG, plain text, DOCX, ODT).', list, [
    'application/pdf',
    'image/jpeg',
    'image/png',
    'text/plain',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.oasis.opendocument.text',
  ]),
  cookieSecure: spec('GLAS_COOKIE_SECURE', 'Mark session cookies Secure (1 or 0; default 1; browsers accept Secure cookies on http://localhost).', bool, true),
  sessionHours: spec('GLAS_SESSION_HOURS', 'Hours a browser session stays valid without use (default 12).', integer(1, 24 * 30), 12),
  timezone: spec('GLAS_TIMEZONE', 'Time zone of the municipality, for case-number years and working hours (default Europe/Belgrade).', text, 'Europe/Belgrade'),
  municipalityName: spec('GLAS_MUNICIPALITY', 'Name of the municipality shown in messages and pages (default Opština Demo).', text, 'Opština Demo'),
  municipalityNameCyrillic: spec(
    'GLAS_MUNICIPALITY_CYRILLIC',
    "The municipality's name in Serbian Cyrillic, for messages and pages in Cyrillic (default: GLAS_MUNICIPALITY transliterated).",
    optionalText,
    undefined,
  ),
  phoneCountryCode: spec(
    'GLAS_PHONE_COUNTRY_CODE',
    'Country calling code assumed for phone numbers written without one, e.g. 381 Serbia, 382 Montenegro, 387 Bosnia and Herzegovina, 385 Croatia, 386 Slovenia (default 381).',
    integer(1, 999),
    381,
  ),
  secretKey: spec<Buffer | undefined>(
    'GLAS_SECRET_KEY',
    'Key that encrypts the secrets Glas keeps (staff TOTP secrets): 32 bytes in base64, e.g. from openssl rand -base64 32; required with DATABASE_URL outside the demo; otherwise, when empty, one is made once into GLAS_DATA_DIR/secret-key. Keep it with the backups: without it the second factors cannot be read.',
    key256,
    undefined,
  ),
  previousSecretKey: spec<Buffer | undefined>(
    'GLAS_SECRET_KEY_PREVIOUS',
    'While changing GLAS_SECRET_KEY: the key it replaces (32 bytes in base64). Secrets still encrypted under it are read, and encrypted again under GLAS_SECRET_KEY at start; remove it once every process has started with the new key. Empty: no change under way.',
    key256,
    undefined,
  ),
  trustProxy: spec('GLAS_TRUST_PROXY', 'Trust X-Forwarded-For from a reverse proxy (1 or 0; default 0).', bool, false),
  openDataLicence: spec(
    'GLAS_OPEN_DATA_LICENCE',
    'Licence (SPDX identifier) named in every public report and open-data file (default CC-BY-4.0).',
    text,
    'CC-BY-4.0',
  ),
  openDataGridM: spec(
    'GLAS_OPEN_DATA_GRID_M',
    'Report locations in open data are rounded to the centre of a grid cell of this many metres (default 50).',
    integer(10, 5000),
    50,
  ),
  labourHourlyRate: spec('GLAS_LABOUR_HOURLY_RATE', 'Cost of one hour of labour in unit reports, in GLAS_CURRENCY (default 20).', decimal(0, 1_000_000), 20),
  currency: spec('GLAS_CURRENCY', 'ISO 4217 code of the amounts in unit reports and budget lines (default EUR).', text, 'EUR'),
  adminPassword: spec('GLAS_ADMIN_PASSWORD', 'Password for the demo logins (default "demo-glas-2026"); ignored outside the demo.', optionalText, undefined),
  smppHost: spec(
    'GLAS_SMPP_HOST',
    'SMS centre (SMPP 3.4) host; empty turns SMS off, except in the demo, which runs a local SMS centre.',
    optionalText,
    undefined,
  ),
  smppPort: spec('GLAS_SMPP_PORT', 'SMS centre TCP port (default 2775).', integer(1, 65535), 2775),
  smppSystemId: spec('GLAS_SMPP_SYSTEM_ID', 'SMPP system_id (account name) for bind_transceiver (default glas).', text, 'glas'),
  smppPassword: spec('GLAS_SMPP_PASSWORD', 'SMPP password for bind_transceiver (default empty).', text, ''),
  smppSourceAddr: spec('GLAS_SMPP_SOURCE_ADDR', 'Sender shown on the phone: up to 11 letters and digits, or a number (default Glas).', text, 'Glas'),
  smppRate: spec('GLAS_SMPP_RATE', 'submit_sm per second allowed by the SMS centre contract; 0 means no limit (default 0).', integer(0, 10_000), 0),
  smppWindow: spec('GLAS_SMPP_WINDOW', "submit_sm sent without waiting for their answers, the SMS centre's window (default 10).", integer(1, 1000), 10),
  smsTextPolicy: spec(
    'GLAS_SMS_TEXT_POLICY',
    'unicode keeps diacritics and Cyrillic (UCS-2, 70 characters a part); gsm7-fold folds them to GSM-7 (160 a part, cheaper) (default unicode).',
    oneOf(['unicode', 'gsm7-fold'] as const),
    'unicode' as 'unicode' | 'gsm7-fold',
  ),
  smsPricePerPart: spec('GLAS_SMS_PRICE', 'Price of one SMS part in GLAS_CURRENCY, shown in template previews (default 0.05).', decimal(0, 1000), 0.05),
  smtpHost: spec(
    'GLAS_SMTP_HOST',
    'SMTP server for e-mail notifications; empty turns e-mail off, except in the demo, which runs a local mail sink.',
    optionalText,
    undefined,
  ),
  smtpPort: spec('GLAS_SMTP_PORT', 'SMTP port (default 587; 465 means TLS from the first byte).', integer(1, 65535), 587),
  smtpUser: spec('GLAS_SMTP_USER', 'SMTP user name; empty means no authentication.', optionalText, undefined),
  smtpPassword: spec('GLAS_SMTP_PASSWORD', 'SMTP password.', optionalText, undefined),
  smtpFrom: spec('GLAS_SMTP_FROM', 'Sender of notification e-mails (default Glas <glas@localhost>).', text, 'Glas <glas@localhost>'),
  viberToken: spec(
    'GLAS_VIBER_TOKEN',
    'Viber bot authentication token; empty turns Viber off, except in the demo, which runs a local Viber API.',
    optionalText,
    undefined,
  ),
  viberApiUrl: spec('GLAS_VIBER_API_URL', 'Base URL of the Viber REST Bot API (default https://chatapi.viber.com).', httpUrl, 'https://chatapi.viber.com'),
  viberSenderName: spec('GLAS_VIBER_SENDER', 'Sender name shown in Viber, up to 28 characters (default Glas).', text, 'Glas'),
  viberWebhook: spec('GLAS_VIBER_WEBHOOK', 'Register GLAS_PUBLIC_URL/api/v1/notifications/viber/webhook with Viber at start (1 or 0; default 1).', bool, true),
  notifyFallbackSeconds: spec(
    'GLAS_NOTIFY_FALLBACK_SECONDS',
    "A message sent but not reported delivered within this many seconds is also sent on the citizen's next channel (default 3600).",
    integer(1, 30 * 86_400),
    3600,
  ),
  notifyExpireHours: spec(
    'GLAS_NOTIFY_EXPIRE_HOURS',
    'A message not accepted by its channel within this many hours expires and the next channel is tried (default 72).',
    integer(1, 24 * 30),
    72,
  ),
  notifyMaxAttempts: spec(
    'GLAS_NOTIFY_MAX_ATTEMPTS',
    'Attempts of one delivery job, with exponential backoff, before the message counts as failed (default 12).',
    integer(1, 100),
    12,
  ),
  notifyStuckSeconds: spec(
    'GLAS_NOTIFY_STUCK_SECONDS',
    'A message left in sending (or queued without a job) this long is replayed (default 120).',
    integer(1, 86_400),
    120,
  ),
  notifyBatch: spec(
    'GLAS_NOTIFY_BATCH',
    'The job worker sends queued messages in batches, many per database round trip, each when its own job would run, and that job only stands by (1 or 0; default 1; 0: one job per message, as before).',
    bool,
    true,
  ),
  notifyReplaySeconds: spec('GLAS_NOTIFY_REPLAY_SECONDS', 'How often the check for stuck messages runs (default 60).', integer(1, 3600), 60),
  consentTextVersion: spec(
    'GLAS_CONSENT_TEXT_VERSION',
    'Version of the consent statement citizens sign, recorded with each consent unless another is named (default 2026-1).',
    text,
    '2026-1',
  ),
  registryCaseType: spec(
    'GLAS_REGISTRY_CASE_TYPE',
    'Code of the case type for cases mirrored from an external registry; created on first use (default EXT).',
    text,
    'EXT',
  ),
  demoSmppPort: spec('GLAS_DEMO_SMPP_PORT', "Port of the demo's local SMS centre; 0 lets the system choose (default 2775).", integer(0, 65535), 2775),
  demoSmtpPort: spec('GLAS_DEMO_SMTP_PORT', "Port of the demo's local mail sink; 0 lets the system choose (default 2525).", integer(0, 65535), 2525),
  demoViberPort: spec('GLAS_DEMO_VIBER_PORT', "Port of the demo's local Viber API; 0 lets the system choose (default 8088).", integer(0, 65535), 8088),
  portalAccounts: spec(
    'GLAS_PORTAL_ACCOUNTS',
    'Give every citizen registered at the counter with a mobile number a portal account and send its activation link by SMS (1 or 0; default 1).',
    bool,
    true,
  ),
  activationDelaySeconds: spec(
    'GLAS_PORTAL_ACTIVATION_DELAY_SECONDS',
    'Seconds after registration at the counter before the portal activation SMS goes, so the SMS with the case number arrives first (default 120).',
    integer(0, 86_400),
    120,
  ),
  activationHours: spec(
    'GLAS_PORTAL_ACTIVATION_HOURS',
    'Hours an activation link (SMS) or sign-in link (e-mail) stays valid (default 72).',
    integer(1, 24 * 30),
    72,
  ),
  viberChatUri: spec('GLAS_VIBER_CHAT_URI', "The bot's Viber URI, used in the link and QR code that open the chat (default glas).", text, 'glas'),
  viberBotPerMinute: spec(
    'GLAS_VIBER_BOT_PER_MINUTE',
    'Messages one Viber user may send the chatbot in a minute; more are ignored and logged (default 20).',
    integer(1, 1000),
    20,
  ),
  inboundPerHour: spec(
    'GLAS_INBOUND_PER_HOUR',
    'SMS or e-mails one phone number or address may send in an hour; more are ignored and logged (default 20).',
    integer(1, 10_000),
    20,
  ),
  inboundCategory: spec(
    'GLAS_INBOUND_CATEGORY',
    'Code of the problem category for reports that arrive by SMS, e-mail or the Viber chatbot; the dispatcher re-routes them (default other).',
    text,
    'other',
  ),
  mailInPort: spec<number | undefined>(
    'GLAS_MAIL_IN_PORT',
    "Port of Glas's own SMTP listener for citizens' e-mail; empty turns it off, except in the demo, which listens on 2526.",
    integer(0, 65535),
    undefined,
  ),
  mailInHost: spec('GLAS_MAIL_IN_HOST', 'Address the SMTP listener binds to (default 127.0.0.1; 0.0.0.0 for all interfaces).', text, '127.0.0.1'),
  mailInMaxBytes: spec(
    'GLAS_MAIL_IN_MAX_BYTES',
    'Largest e-mail accepted from citizens, in bytes, attachments included (default 10485760 = 10 MiB).',
    integer(1024, 2 ** 30),
    10 * 1024 * 1024,
  ),
  mailInMaxAttachments: spec(
    'GLAS_MAIL_IN_MAX_ATTACHMENTS',
    'Attachments of one e-mail kept as documents; the rest are dropped and logged (default 5).',
    integer(0, 100),
    5,
  ),
  imapHost: spec('GLAS_IMAP_HOST', "IMAP server of a mailbox Glas polls for citizens' e-mail; empty turns polling off.", optionalText, undefined),
  imapPort: spec('GLAS_IMAP_PORT', 'IMAP port (default 993, TLS).', integer(1, 65535), 993),
  imapTls: spec('GLAS_IMAP_TLS', 'Use TLS from the first byte for IMAP (1 or 0; default 1).', bool, true),
  imapUser: spec('GLAS_IMAP_USER', 'IMAP user name.', optionalText, undefined),
  imapPassword: spec('GLAS_IMAP_PASSWORD', 'IMAP password.', optionalText, undefined),
  imapMailbox: spec('GLAS_IMAP_MAILBOX', 'Mailbox polled for new mail (default INBOX); each mail taken is marked seen.', text, 'INBOX'),
  imapPollSeconds: spec('GLAS_IMAP_POLL_SECONDS', 'How often the IMAP mailbox is polled (default 60).', integer(5, 86_400), 60),
  mapTileUrl: spec(
    'GLAS_MAP_TILE_URL',
    'Map tile URL template of the public problem map, with {z}, {x} and {y} (default https://tile.openstreetmap.org/{z}/{x}/{y}.png).',
    tileUrl,
    'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  ),
  mapAttribution: spec(
    'GLAS_MAP_ATTRIBUTION',
    'Attribution shown on the public problem map for its tiles, as plain text (default © OpenStreetMap contributors).',
    text,
    '© OpenStreetMap contributors',
  ),
} as const;

type Specs = typeof CONFIG_VARIABLES;
type ValueOf<S> = S extends VariableSpec<infer T> ? T : never;
export type Config = Omit<{ [K in keyof Specs]: ValueOf<Specs[K]> }, 'demo'> & { publicUrl: string; dataDir: string; demo: boolean };

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
  // Node refuses a server whose headers may take longer than the whole request.
  if (cfg.headersTimeoutSeconds > cfg.requestTimeoutSeconds)
    throw new ConfigError('Invalid configuration: GLAS_HEADERS_TIMEOUT_SECONDS must not be longer than GLAS_REQUEST_TIMEOUT_SECONDS');
  cfg.dataDir = path.resolve(cfg.dataDir);
  cfg.publicUrl ??= `http://localhost:${cfg.port}`;
  cfg.demo ??= !cfg.databaseUrl;
  return cfg;
}
