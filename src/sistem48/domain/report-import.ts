/**
 * The rules of importing report history from a file (CSV or XLSX, read by ../import-file.ts): which
 * columns it has, how each value is read (dates as the municipality writes them, statuses and channels
 * in its languages), which rows are bad and why, and the key that recognises a row imported before.
 * Pure: the command looks up categories and units and writes.
 */
import { createHash } from 'node:crypto';
import { CASE_STATUSES, CHANNELS, type CaseStatus, type Channel } from '../../kernel/types.ts';
import { localTime } from '../../kernel/time.ts';
import { searchKey } from '../../i18n/search-key.ts';
import { isOpen } from '../../cases/domain/case-status.ts';
import { canonicalJson } from '../../cases/domain/event-chain.ts';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from './import-columns.ts';

export const IMPORT_COLUMNS = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * A row as read from the file: its line (1 is the header) and its cells by column name (IMPORT_COLUMNS).
 * Cells are text as a file has them, numbers, or Date objects as a spreadsheet gives them (the wall time
 * in UTC fields); a generator passing instants writes them as ISO text with a zone (`toISOString()`).
 */
export interface RawImportRecord {
  line: number;
  values: Partial<Record<string, unknown>>;
}

/** A checked row, ready to be looked up and written. */
export interface ImportRow {
  line: number;
  receivedAt: Date;
  category: string;
  text: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  channel: Channel;
  status: CaseStatus;
  answeredAt: Date | null;
  closedAt: Date | null;
  unit: string | null;
  externalId: string | null;
  /** What makes the row the same on a second import: `ext:` its external_id, or `row:` the hash of its content. */
  key: string;
}

export const IMPORT_PROBLEMS = [
  'missing_columns',
  'required',
  'bad_date',
  'future_date',
  'date_order',
  'bad_number',
  'both_coordinates',
  'bad_channel',
  'bad_status',
  'closed_needs_date',
  'open_with_closed_at',
  'text_long',
  'duplicate_external_id',
  'unknown_unit',
  'bad_category',
  'no_rows',
  'not_utf8',
  'unreadable',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEMS)[number];

/** A reason a row (or, on line 1, the file) cannot be imported. */
export interface ImportProblem {
  line: number;
  code: ImportProblemCode;
  /** The column, where the problem is one value's. */
  column?: string;
  /** The value as read, or other detail (the missing columns, the line it repeats). */
  value?: string;
}

export const MAX_TEXT = 5000;

/** A header cell as a column name: "Received at", " RECEIVED_AT " and "received-at" all name received_at. */
export function columnName(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export function missingColumns(headers: readonly string[]): string[] {
  return REQUIRED_COLUMNS.filter((c) => !headers.includes(c));
}

const text = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
};

/**
 * A date and time as a municipality's file writes it: ISO 8601 (with a zone, an instant; without one,
 * the municipality's wall time), `d.m.yyyy[.] [hh:mm[:ss]]` or `d/m/yyyy …`, or a spreadsheet date cell
 * (its wall time, which the XLSX reader gives as a UTC date). A date alone is the start of that day.
 */
export function parseImportDate(v: unknown, timeZone: string): Date | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return wall(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate(), v.getUTCHours(), v.getUTCMinutes(), v.getUTCSeconds(), timeZone);
  }
  const s = text(v);
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, zone] = m;
    if (zone) {
      if (!h) return null;
      const at = new Date(s.replace(' ', 'T'));
      return Number.isNaN(at.getTime()) || !validDay(+y!, +mo!, +d!) ? null : at;
    }
    return wall(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(sec ?? 0), timeZone);
  }
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})\.?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    const [, d, mo, y, h, mi, sec] = m;
    return wall(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(sec ?? 0), timeZone);
  }
  return null;
}

function validDay(y: number, mo: number, d: number): boolean {
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/**
 * The zone's offset through each local hour, NaN for an hour holding a clock change: a file of 100,000
 * rows spends most of its reading time in the time-zone arithmetic otherwise.
 */
const hourOffsets = new Map<string, number>();

function wall(y: number, mo: number, d: number, h: number, mi: number, sec: number, timeZone: string): Date | null {
  if (y < 1900 || y > 2200 || !validDay(y, mo, d) || h > 23 || mi > 59 || sec > 59) return null;
  const key = `${timeZone} ${y}-${mo}-${d} ${h}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    const start = localTime(y, mo, d, h * 60, timeZone).getTime();
    const end = localTime(y, mo, d, h * 60 + 59, timeZone).getTime();
    offset = end - start === 59 * 60_000 ? start - Date.UTC(y, mo - 1, d, h) : Number.NaN;
    if (hourOffsets.size >= 50_000) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  if (Number.isNaN(offset)) return new Date(localTime(y, mo, d, h * 60 + mi, timeZone).getTime() + sec * 1000);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, sec) + offset);
}

/** Statuses as earlier systems and clerks write them, in the key form (Latin, no diacritics, lower case). */
const STATUS_WORDS: Record<string, CaseStatus> = {
  new: 'delivered',
  open: 'delivered',
  novo: 'delivered',
  nova: 'delivered',
  primljeno: 'delivered',
  primljena: 'delivered',
  otvoreno: 'delivered',
  otvorena: 'delivered',
  prejeto: 'delivered',
  odprto: 'delivered',
  prihvaceno: 'accepted',
  prihvacena: 'accepted',
  sprejeto: 'accepted',
  'in progress': 'in_progress',
  'u radu': 'in_progress',
  'u toku': 'in_progress',
  'u obradi': 'in_progress',
  'v obdelavi': 'in_progress',
  'v delu': 'in_progress',
  closed: 'resolved',
  done: 'resolved',
  rijeseno: 'resolved',
  rijesena: 'resolved',
  reseno: 'resolved',
  resena: 'resolved',
  rijesen: 'resolved',
  resen: 'resolved',
  zavrseno: 'resolved',
  zavrsena: 'resolved',
  zatvoreno: 'resolved',
  zatvorena: 'resolved',
  uradjeno: 'resolved',
  zaprto: 'resolved',
  odbijeno: 'rejected',
  odbijena: 'rejected',
  zavrnjeno: 'rejected',
  odbaceno: 'dismissed',
  odbacena: 'dismissed',
  zavrzeno: 'dismissed',
};

/** The statuses an imported report may end in: every step a report can reach after delivery. */
const IMPORTABLE: readonly CaseStatus[] = CASE_STATUSES.filter((s) => s !== 'received');

export function parseStatus(v: unknown): CaseStatus | null {
  const s = text(v);
  if (!s) return null;
  const code = s.toLowerCase().replace(/[\s-]+/g, '_');
  if (code === 'received') return 'delivered';
  if ((IMPORTABLE as readonly string[]).includes(code)) return code as CaseStatus;
  return STATUS_WORDS[searchKey(s).replace(/\s+/g, ' ').trim()] ?? null;
}

const CHANNEL_WORDS: Record<string, Channel> = {
  telefon: 'phone',
  telephone: 'phone',
  poziv: 'phone',
  'call centar': 'phone',
  'call center': 'phone',
  'e mail': 'email',
  'e posta': 'email',
  mail: 'email',
  mejl: 'email',
  imejl: 'email',
  internet: 'web',
  portal: 'web',
  'web stranica': 'web',
  aplikacija: 'web',
  salter: 'counter',
  licno: 'counter',
  osebno: 'counter',
  pisarna: 'counter',
  posta: 'post',
  pismo: 'post',
  open311: 'api',
};

export function parseChannel(v: unknown): Channel | null {
  const s = text(v);
  if (!s) return null;
  if ((CHANNELS as readonly string[]).includes(s.toLowerCase())) return s.toLowerCase() as Channel;
  return (
    CHANNEL_WORDS[
      searchKey(s)
        .replace(/[\s-]+/g, ' ')
        .trim()
    ] ?? null
  );
}

/** A decimal number written with a point or a comma. */
function parseNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = text(v).replace(',', '.');
  return /^-?\d{1,3}(\.\d+)?$/.test(s) ? Number(s) : null;
}

/** The channel of a row whose file has no channel: history kept by the municipality's own clerks. */
export const DEFAULT_IMPORT_CHANNEL: Channel = 'counter';

/**
 * Checks one record. `now` bounds the dates: history cannot be dated after the import.
 * Returns the row, or the problems found in it (all of them, so one pass over the file shows every fix).
 */
export function checkImportRecord(r: RawImportRecord, timeZone: string, now: Date): { row: ImportRow } | { problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const at = (column: ImportColumn, code: ImportProblemCode, value?: unknown) =>
    problems.push({ line: r.line, code, column, ...(value !== undefined ? { value: text(value).slice(0, 80) } : {}) });
  const raw = r.values;
  const date = (column: ImportColumn, required: boolean): Date | null => {
    const v = raw[column];
    if (text(v) === '') {
      if (required) at(column, 'required');
      return null;
    }
    const d = parseImportDate(v, timeZone);
    if (!d) at(column, 'bad_date', v);
    else if (d.getTime() > now.getTime()) at(column, 'future_date', v);
    return d;
  };
  const receivedAt = date('received_at', true);
  const answeredAt = date('answered_at', false);
  const closedAt = date('closed_at', false);
  const category = text(raw.category);
  if (!category) at('category', 'required');
  const body = text(raw.text);
  if (!body) at('text', 'required');
  else if (body.length > MAX_TEXT) at('text', 'text_long', String(MAX_TEXT));
  if (receivedAt && answeredAt && answeredAt < receivedAt) at('answered_at', 'date_order', raw.answered_at);
  if (receivedAt && closedAt && closedAt < receivedAt) at('closed_at', 'date_order', raw.closed_at);
  if (answeredAt && closedAt && closedAt < answeredAt) at('closed_at', 'date_order', raw.closed_at);

  const hasLat = text(raw.lat) !== '';
  const hasLon = text(raw.lon) !== '';
  const lat = hasLat ? parseNumber(raw.lat) : null;
  const lon = hasLon ? parseNumber(raw.lon) : null;
  if (hasLat !== hasLon) at(hasLat ? 'lon' : 'lat', 'both_coordinates');
  if (hasLat && (lat === null || lat < -90 || lat > 90)) at('lat', 'bad_number', raw.lat);
  if (hasLon && (lon === null || lon < -180 || lon > 180)) at('lon', 'bad_number', raw.lon);

  let channel = DEFAULT_IMPORT_CHANNEL;
  if (text(raw.channel)) {
    const c = parseChannel(raw.channel);
    if (!c) at('channel', 'bad_channel', raw.channel);
    else channel = c;
  }
  let status: CaseStatus = closedAt ? 'resolved' : answeredAt ? 'in_progress' : 'delivered';
  if (text(raw.status)) {
    const s = parseStatus(raw.status);
    if (!s) at('status', 'bad_status', raw.status);
    else status = s;
  }
  if (!isOpen(status) && !closedAt && !problems.some((p) => p.column === 'closed_at')) at('closed_at', 'closed_needs_date', raw.status);
  if (isOpen(status) && closedAt) at('closed_at', 'open_with_closed_at', raw.status);

  if (problems.length) return { problems };
  const row = {
    line: r.line,
    receivedAt: receivedAt!,
    category,
    text: body,
    address: text(raw.address) || null,
    lat: lat,
    lon: lon,
    channel,
    status,
    answeredAt,
    closedAt,
    unit: text(raw.unit) || null,
    externalId: text(raw.external_id) || null,
  };
  return { row: { ...row, key: row.externalId ? `ext:${row.externalId}` : `row:${contentHash(row)}` } };
}

/** The hash of a row's content as read (dates as instants), so the same report written again is the same row. */
export function contentHash(r: Omit<ImportRow, 'key' | 'line' | 'externalId'>): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        receivedAt: r.receivedAt,
        category: r.category,
        text: r.text,
        address: r.address,
        lat: r.lat,
        lon: r.lon,
        channel: r.channel,
        status: r.status,
        answeredAt: r.answeredAt,
        closedAt: r.closedAt,
        unit: r.unit,
      }),
    )
    .digest('hex');
}

/**
 * Checks every record; rows repeating an earlier row of the file (the same key) are left out (counted
 * as repeats), except an external_id given twice with different content, which is a problem.
 */
export function checkImportRecords(
  records: readonly RawImportRecord[],
  timeZone: string,
  now: Date,
): { rows: ImportRow[]; problems: ImportProblem[]; repeats: number } {
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, ImportRow>();
  let repeats = 0;
  for (const r of records) {
    const checked = checkImportRecord(r, timeZone, now);
    if ('problems' in checked) {
      problems.push(...checked.problems);
      continue;
    }
    const row = checked.row;
    const earlier = seen.get(row.key);
    if (earlier) {
      if (row.externalId && contentHash(earlier) !== contentHash(row))
        problems.push({ line: row.line, code: 'duplicate_external_id', column: 'external_id', value: String(earlier.line) });
      else repeats++;
      continue;
    }
    seen.set(row.key, row);
    rows.push(row);
  }
  return { rows, problems, repeats };
}

/**
 * The steps from delivery to the row's status, as the transition table allows them (`pathTo`), each
 * dated: the first at the answer (or receipt), a closing step at the closing, steps between at the answer.
 */
export function datedSteps(path: readonly CaseStatus[], row: Pick<ImportRow, 'receivedAt' | 'answeredAt' | 'closedAt'>): { to: CaseStatus; at: Date }[] {
  const worked = row.answeredAt ?? row.receivedAt;
  return path.map((to, k) => ({ to, at: k === path.length - 1 && !isOpen(to) && row.closedAt ? row.closedAt : worked }));
}
