/** The audit trail as CSV (RFC 4180), for administrators who hand it to an inspector or open it in a spreadsheet. */

export interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  user_agent: string | null;
}

const COLUMNS = ['id', 'at', 'actor_id', 'actor_name', 'action', 'entity', 'entity_id', 'before', 'after', 'ip', 'user_agent'] as const;

/** One cell: quoted when needed; a leading =, +, - or @ is prefixed with ' so a spreadsheet does not run it as a formula. */
export function csvCell(v: string | null): string {
  if (v === null) return '';
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const auditCsvHeader = () => `${COLUMNS.join(',')}\r\n`;

export function auditCsvLine(r: AuditRow): string {
  const cells = [
    r.id,
    r.at.toISOString(),
    r.actor_id,
    r.actor_name,
    r.action,
    r.entity,
    r.entity_id,
    r.before === null || r.before === undefined ? null : JSON.stringify(r.before),
    r.after === null || r.after === undefined ? null : JSON.stringify(r.after),
    r.ip,
    r.user_agent,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}
