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
