/**
 * The open data: every problem report as one anonymous record (no description, no address, no
 * party, no photo; the location rounded to the centre of a grid cell), and the archived weekly
 * headline figures. The field lists below are the published schema: fields are only ever added at
 * the end, and a change of meaning gets a new schema version.
 */
export const REPORTS_SCHEMA = 'glas.open-data.reports/1';
export const WEEKLY_SCHEMA = 'glas.open-data.weekly/1';

export interface FieldSpec {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'datetime';
  nullable: boolean;
  description: string;
}

export const REPORT_FIELDS: readonly FieldSpec[] = [
  { name: 'report_no', type: 'string', nullable: false, description: 'Public number of the report (as on the public map and in Open311).' },
  { name: 'category', type: 'string', nullable: false, description: 'Code of the problem category.' },
  { name: 'unit', type: 'string', nullable: true, description: 'Code of the unit that holds the report now; empty when not assigned.' },
  { name: 'channel', type: 'string', nullable: false, description: 'Channel of receipt: counter, web, phone, sms, email, viber, post or api.' },
  { name: 'status', type: 'string', nullable: false, description: 'Current status of the case.' },
  { name: 'registered_at', type: 'datetime', nullable: false, description: 'When the report was registered (UTC, to the minute).' },
  { name: 'answer_due_at', type: 'datetime', nullable: false, description: 'First-response deadline set by the category (UTC, to the minute).' },
  { name: 'answered_at', type: 'datetime', nullable: true, description: 'When the first answer (status and planned date) was given (UTC, to the minute).' },
  {
    name: 'answered_within_48h',
    type: 'boolean',
    nullable: true,
    description: 'Answered within 48 calendar hours of registration; empty while the 48 hours are still running and no answer was given.',
  },
  { name: 'decided_at', type: 'datetime', nullable: true, description: 'When the case first reached a decision status (UTC, to the minute).' },
  { name: 'decision', type: 'string', nullable: true, description: 'That first decision: resolved, approved, rejected, dismissed or suspended.' },
  { name: 'open', type: 'boolean', nullable: false, description: 'Whether the report is open now.' },
  { name: 'duplicate_of', type: 'string', nullable: true, description: 'Public number of the report this one was merged into, if it was a duplicate.' },
  { name: 'rerouted', type: 'boolean', nullable: false, description: 'Whether the report was re-routed to another unit after automatic routing.' },
  { name: 'lat', type: 'number', nullable: true, description: 'Latitude (WGS 84) of the centre of the grid cell that holds the reported location.' },
  { name: 'lon', type: 'number', nullable: true, description: 'Longitude (WGS 84) of the centre of that grid cell.' },
  { name: 'licence', type: 'string', nullable: false, description: 'Licence of the data (SPDX identifier).' },
];

export const WEEKLY_FIELDS: readonly FieldSpec[] = [
  { name: 'week', type: 'string', nullable: false, description: 'ISO 8601 week, e.g. 2026-W47, in the municipality time zone.' },
  { name: 'period_start', type: 'datetime', nullable: false, description: 'Monday 00:00 local time, in UTC.' },
  { name: 'period_end', type: 'datetime', nullable: false, description: 'The next Monday 00:00 local time, in UTC (exclusive).' },
  { name: 'received', type: 'integer', nullable: false, description: 'Reports received in the week.' },
  { name: 'answer_due', type: 'integer', nullable: false, description: 'Reports whose 48 hours ran out in the week.' },
  { name: 'answered_within_48h', type: 'integer', nullable: false, description: 'Of those, answered within 48 hours.' },
  { name: 'answered_within_48h_share', type: 'number', nullable: true, description: 'answered_within_48h / answer_due (0 to 1).' },
  { name: 'first_response_n', type: 'integer', nullable: false, description: 'Reports first answered in the week.' },
  { name: 'first_response_median_h', type: 'number', nullable: true, description: 'Median hours from registration to the first answer.' },
  { name: 'first_response_p90_h', type: 'number', nullable: true, description: '90th percentile of the same.' },
  { name: 'resolution_n', type: 'integer', nullable: false, description: 'Reports first decided in the week.' },
  { name: 'resolution_median_h', type: 'number', nullable: true, description: 'Median hours from registration to the first decision.' },
  { name: 'resolution_p90_h', type: 'number', nullable: true, description: '90th percentile of the same.' },
  { name: 'open_backlog', type: 'integer', nullable: false, description: 'Reports open at the end of the week.' },
  { name: 'rerouted', type: 'integer', nullable: false, description: 'Reports received in the week that were re-routed.' },
  {
    name: 'fix_answers',
    type: 'integer',
    nullable: true,
    description: '"Is it fixed?" answers given in the week (empty for weeks published before the question existed).',
  },
  { name: 'fix_not_fixed', type: 'integer', nullable: true, description: 'Of those, "not fixed".' },
  { name: 'fix_reopened', type: 'integer', nullable: true, description: 'Of the "not fixed", those that reopened the report.' },
  {
    name: 'fix_closed_not_fixed',
    type: 'integer',
    nullable: true,
    description: 'Of the "not fixed", those on reports that stayed closed (closed but not fixed).',
  },
  { name: 'fix_average_rating', type: 'number', nullable: true, description: 'Average rating (1 to 5) given with the answers, if any.' },
  { name: 'licence', type: 'string', nullable: false, description: 'Licence of the data (SPDX identifier).' },
];

const M_PER_DEG_LAT = 111_320;

/**
 * The centre of the grid cell of `cellM` metres that holds a point: north-south steps of cellM,
 * east-west steps of cellM at the cell's latitude. Everyone in the same cell gets the same point.
 */
export function roundToGrid(lat: number, lon: number, cellM: number): { lat: number; lon: number } {
  const latStep = cellM / M_PER_DEG_LAT;
  const cellLat = (Math.floor(lat / latStep) + 0.5) * latStep;
  const lonStep = cellM / (M_PER_DEG_LAT * Math.cos((cellLat * Math.PI) / 180));
  const cellLon = (Math.floor(lon / lonStep) + 0.5) * lonStep;
  return { lat: Math.round(cellLat * 1e6) / 1e6, lon: Math.round(cellLon * 1e6) / 1e6 };
}

/** A timestamp to the minute, in UTC. */
export const minuteIso = (d: Date | null) => (d ? new Date(Math.floor(d.getTime() / 60_000) * 60_000).toISOString().replace(':00.000Z', 'Z') : null);

export type OpenRecord = Record<string, string | number | boolean | null>;

export function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (fields: readonly FieldSpec[], r: OpenRecord) => fields.map((f) => csvCell(r[f.name] ?? null)).join(',') + '\r\n';
export const csvHeader = (fields: readonly FieldSpec[]) => fields.map((f) => f.name).join(',') + '\r\n';
