/**
 * The few error classes every layer throws. Each has a stable code; the HTTP layer maps codes to
 * statuses once and words the message in the user's language from the message catalogue.
 */
export type ErrorCode =
  | 'validation'
  | 'malformed_json'
  | 'unauthorized'
  | 'forbidden'
  | 'csrf'
  | 'not_found'
  | 'invalid_transition'
  | 'no_transitions'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'login_failed'
  | 'unknown_unit'
  | 'unknown_user'
  | 'unknown_case_type'
  | 'report_closed'
  | 'case_archived'
  | 'reset_link_invalid'
  | 'wrong_current_password'
  | 'own_account'
  | 'own_role'
  | 'second_factor_code'
  | 'sign_in_step_expired'
  | 'second_factor_required'
  | 'session_second_factor'
  | 'own_second_factor_first'
  | 'unavailable';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation: 400,
  malformed_json: 400,
  unknown_unit: 400,
  unknown_user: 400,
  unknown_case_type: 400,
  wrong_current_password: 400,
  unauthorized: 401,
  login_failed: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  invalid_transition: 409,
  no_transitions: 409,
  conflict: 409,
  report_closed: 409,
  case_archived: 409,
  own_account: 409,
  own_role: 409,
  second_factor_required: 409,
  own_second_factor_first: 409,
  session_second_factor: 401,
  second_factor_code: 401,
  sign_in_step_expired: 401,
  reset_link_invalid: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
};

/**
 * The database is gone for a moment (its server restarting, a connection cut): nothing the client did,
 * and nothing was saved, so the answer is 503 with Retry-After rather than an internal error.
 * PostgreSQL's class 08 (connection exception) and 57P01–57P03 (shutdown, crash, not yet accepting),
 * and the socket errors and messages node-postgres raises when the server vanishes.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (
    typeof code === 'string' &&
    (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE')
  )
    return true;
  return (
    typeof message === 'string' &&
    /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/.test(
      message,
    )
  );
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, params: Record<string, string | number> = {}, details?: Record<string, unknown>) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.details = details;
  }
}

export const notFound = () => new AppError('not_found');
export const forbidden = () => new AppError('forbidden');
export const invalid = (detail: string, field?: string) => new AppError('validation', { detail }, field ? { field } : undefined);

/**
 * A string anywhere in a parsed request value that holds a NUL character, as "path.to.field";
 * PostgreSQL cannot store NUL in text. Walked with an explicit stack, not recursion: the value comes
 * from a client, and a deep enough one would overflow the call stack (a 500).
 */
export function pathOfNul(value: unknown): string | null {
  const found = firstBadValue(
    value,
    (v) => typeof v === 'string' && v.includes('\u0000'),
    (k) => k.includes('\u0000'),
  );
  return found === null ? null : found.replace(/\u0000/g, '');
}

/**
 * The first place in a parsed value where `badValue` holds for a leaf (or `badKey` for a property
 * name), as "path.to.field" ('' for the value itself), or null. Iterative, depth-first, in document order.
 */
export function firstBadValue(value: unknown, badValue: (v: unknown) => boolean, badKey: (k: string) => boolean = () => false): string | null {
  // Each entry links to its parent, so the path is spelled out only for the one value found.
  interface Node {
    v: unknown;
    key: string;
    up: Node | null;
  }
  const pathOf = (n: Node | null, last?: string) => {
    const keys: string[] = last === undefined ? [] : [last];
    for (let x = n; x && x.up; x = x.up) keys.push(x.key);
    return keys.reverse().join('.');
  };
  const stack: Node[] = [{ v: value, key: '', up: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const v = node.v;
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      // Keys are checked before any child, so a bad name is found where it stands.
      for (const [k] of entries) if (badKey(k)) return pathOf(node, k);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ v: entries[i]![1], key: entries[i]![0], up: node });
    } else if (badValue(v)) return pathOf(node);
  }
  return null;
}

// PostgreSQL's data exceptions (SQLSTATE class 22) that only a value sent by the client can cause
// here: a number beyond the column's range, text that is not a valid uuid/date/number, a NUL byte.
const INPUT_SQLSTATES: Record<string, string> = {
  '22003': 'a number in the request is out of range',
  '22P02': 'a value in the request is not of the expected form',
  '22007': 'a date in the request is not valid',
  '22008': 'a date in the request is out of range',
  '22021': 'text in the request contains a character that cannot be stored (NUL)',
  // The same NUL inside JSON the statement reads (\u0000 in jsonb: a registration's parties and first event).
  '22P05': 'text in the request contains a character that cannot be stored (NUL)',
  '22001': 'a text in the request is too long',
};

/**
 * Turns a database error caused by a client's value (or a malformed multipart body) into a 400: the last safety net behind the
 * schemas, so that such input is refused with a readable message (and its transaction rolled back,
 * so nothing is half-saved) instead of answering 500.
 */
export function clientInputError(err: unknown): AppError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in INPUT_SQLSTATES) return new AppError('validation', { detail: INPUT_SQLSTATES[code]! });
  const integrity = integrityError(err);
  if (integrity) return integrity;
  // The multipart reader (busboy) throws plain errors for a body cut short or without its boundary.
  const message = err instanceof Error ? err.message : '';
  if (/unexpected end of multipart data|^Multipart: |Malformed part header/i.test(message)) {
    return new AppError('validation', { detail: 'the multipart form is cut short or malformed' });
  }
  return null;
}

interface PgError {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  detail?: unknown;
}

/**
 * Constraints whose name does not say the field a client sent (named by hand in a migration, or
 * a table-level check over two columns): the request field each stands for.
 */
const CONSTRAINT_FIELDS: Record<string, string> = {
  org_units_head: 'headUserId',
  users_party: 'partyId',
  problem_reports_check: 'lat',
};

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * The request field behind an integrity violation: the column PostgreSQL names in its detail
 * ("Key (party_id)=(…)"), else the column of a not-null violation, else the constraint's name
 * without its table and suffix (PostgreSQL names column constraints table_column_check/_fkey/_key).
 */
export function fieldOfConstraint(e: PgError): string | undefined {
  const constraint = typeof e.constraint === 'string' ? e.constraint : '';
  if (constraint in CONSTRAINT_FIELDS) return CONSTRAINT_FIELDS[constraint];
  const key = typeof e.detail === 'string' ? /^Key \(([a-z0-9_]+)(?:, ?[a-z0-9_]+)*\)=/.exec(e.detail)?.[1] : undefined;
  if (key) return camel(key);
  if (typeof e.column === 'string' && e.column) return camel(e.column);
  const table = typeof e.table === 'string' ? e.table : '';
  const bare = constraint.replace(new RegExp(`^${table.replace(/[^a-z0-9_]/g, '')}_`), '').replace(/_(check|fkey|key|not_null)\d*$/, '');
  return bare && bare !== constraint && !/^(check|fkey|key|pkey)\d*$/.test(bare) ? camel(bare) : undefined;
}

/**
 * PostgreSQL's integrity violations (SQLSTATE class 23) a request can cause by naming something
 * that does not exist, sending a value a check refuses, or repeating a unique value: a 4xx naming the
 * field, worded in the user's language, instead of a 500. The transaction is rolled back by then.
 */
function integrityError(err: unknown): AppError | null {
  const e = err as PgError | null;
  const code = e?.code;
  if (typeof code !== 'string' || !/^23(503|514|505|502)$/.test(code)) return null;
  const field = fieldOfConstraint(e!);
  const named = field ?? 'body';
  switch (code) {
    case '23503':
      // Deleting (or re-keying) a row that others still refer to is a conflict with the data, not bad input.
      if (typeof e!.detail === 'string' && /is still referenced/.test(e!.detail)) return new AppError('conflict', {}, field ? { field } : undefined);
      return invalidAs('detail.unknown_reference', { field: named }, field);
    case '23505':
      return new AppError('conflict', {}, field ? { field } : undefined);
    case '23502':
      return invalidAs('detail.value_required', { field: named }, field);
    default:
      return invalidAs('detail.value_not_allowed', { field: named }, field);
  }
}

/**
 * A validation error whose detail is a catalogue message, worded in the language of the request
 * that receives it (the error handlers render it); `invalid` stays for details meant for developers.
 */
export function invalidAs(key: string, params: Record<string, string | number> = {}, field?: string): AppError {
  return new AppError('validation', { detail: key }, { ...(field ? { field } : {}), detailKey: key, detailParams: params });
}
