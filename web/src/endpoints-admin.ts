/**
 * Endpoints of the administration screens added for issue 15: editing users, units and case types, the
 * second factor (sign-in step, enrolment, the municipality's switch), the audit-log viewer and canned
 * responses, and the public form's answer time. Spread into ENDPOINTS in api.ts, so test/browser/api-client.test.ts checks them against the
 * OpenAPI document like every other call.
 */
import type { Endpoint } from './api.ts';

const AUDIT_FILTERS = ['actorId', 'action', 'entity', 'entityId', 'from', 'to'] as const;

export const ADMIN_ENDPOINTS = {
  updateUser: { method: 'PATCH', path: '/api/v1/users/{id}', body: ['displayName', 'email', 'role', 'unitId', 'locale'] },
  resetUserSecondFactor: { method: 'POST', path: '/api/v1/users/{id}/second-factor/reset' },
  updateUnit: { method: 'PATCH', path: '/api/v1/org-units/{id}', body: ['name', 'headUserId', 'parentId', 'email', 'active'] },
  updateCaseType: { method: 'PATCH', path: '/api/v1/case-types/{id}', body: ['name', 'numberPattern', 'resolutionDays', 'active'] },
  loginSecondFactor: { method: 'POST', path: '/api/v1/auth/login/second-factor', body: ['challenge', 'code'] },
  ownSecondFactor: { method: 'GET', path: '/api/v1/me/second-factor' },
  startSecondFactor: { method: 'POST', path: '/api/v1/me/second-factor/enrolment' },
  confirmSecondFactor: { method: 'POST', path: '/api/v1/me/second-factor/confirmation', body: ['code'] },
  removeSecondFactor: { method: 'POST', path: '/api/v1/me/second-factor/removal', body: ['password'] },
  securitySettings: { method: 'GET', path: '/api/v1/security-settings' },
  setSecuritySettings: { method: 'PUT', path: '/api/v1/security-settings', body: ['adminSecondFactorRequired'] },
  audit: { method: 'GET', path: '/api/v1/audit', query: [...AUDIT_FILTERS, 'beforeId', 'limit'] },
  auditVocabulary: { method: 'GET', path: '/api/v1/audit/vocabulary' },
  auditExport: { method: 'GET', path: '/api/v1/audit/export.csv', query: AUDIT_FILTERS },
  cannedResponses: { method: 'GET', path: '/api/v1/sistem48/canned-responses', query: ['active'] },
  createCannedResponse: { method: 'POST', path: '/api/v1/sistem48/canned-responses', body: ['unitId', 'categoryId', 'status', 'title', 'body', 'active'] },
  updateCannedResponse: { method: 'PUT', path: '/api/v1/sistem48/canned-responses/{id}', body: ['unitId', 'categoryId', 'status', 'title', 'body', 'active'] },
  deleteCannedResponse: { method: 'DELETE', path: '/api/v1/sistem48/canned-responses/{id}' },
  // The public form's statement of a category's real answer time (item 4 of the issue).
  s48PublicAnswerTime: { method: 'GET', path: '/api/v1/sistem48/public/categories/{code}/answer-time' },
} as const satisfies Record<string, Endpoint>;
