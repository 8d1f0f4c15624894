/**
 * The few error classes every layer throws. Each has a stable code; the HTTP layer maps codes to
 * statuses once and words the message in the user's language from the message catalogue.
 */
export type ErrorCode =
  | 'validation' | 'malformed_json' | 'unauthorized' | 'forbidden' | 'csrf' | 'not_found'
  | 'invalid_transition' | 'no_transitions' | 'conflict' | 'payload_too_large' | 'unsupported_media_type'
  | 'too_many_requests' | 'login_failed' | 'unknown_unit' | 'unknown_user' | 'unknown_case_type' | 'report_closed';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation: 400, malformed_json: 400, unknown_unit: 400, unknown_user: 400, unknown_case_type: 400,
  unauthorized: 401, login_failed: 401, forbidden: 403, csrf: 403, not_found: 404,
  invalid_transition: 409, no_transitions: 409, conflict: 409, report_closed: 409,
  payload_too_large: 413, unsupported_media_type: 415, too_many_requests: 429,
};

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

/** A string anywhere in a parsed request value that holds a NUL character, as "path.to.field"; PostgreSQL cannot store NUL in text. */
export function pathOfNul(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at : null;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return at ? `${at}.${k.replace(/\u0000/g, '')}` : k.replace(/\u0000/g, '');
      const found = pathOfNul(v, at ? `${at}.${k}` : k);
      if (found !== null) return found;
    }
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
  // The multipart reader (busboy) throws plain errors for a body cut short or without its boundary.
  const message = err instanceof Error ? err.message : '';
  if (/unexpected end of multipart data|^Multipart: |Malformed part header/i.test(message)) {
    return new AppError('validation', { detail: 'the multipart form is cut short or malformed' });
  }
  return null;
}

/**
 * A validation error whose detail is a catalogue message, worded in the language of the request
 * that receives it (the error handlers render it); `invalid` stays for details meant for developers.
 */
export function invalidAs(key: string, params: Record<string, string | number> = {}, field?: string): AppError {
  return new AppError('validation', { detail: key }, { ...(field ? { field } : {}), detailKey: key, detailParams: params });
}
