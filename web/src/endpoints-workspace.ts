/**
 * The staff workspace's endpoints beyond the case core: the message log and counter consent, the
 * notification settings (kinds, templates, preview) and Sistem 48 (work queues and configuration).
 * Spread into ENDPOINTS in api.ts, so test/browser/api-client.test.ts checks them against the
 * OpenAPI document like every other call.
 */
import type { Endpoint } from './api.ts';

const S48 = '/api/v1/sistem48';

export const WORKSPACE_ENDPOINTS = {
  caseByNumber: { method: 'GET', path: '/api/v1/cases/by-number', query: ['number'] },
  caseMessages: { method: 'GET', path: '/api/v1/cases/{id}/messages' },
  registerWithConsent: {
    method: 'POST',
    path: '/api/v1/notifications/registrations',
    body: ['caseTypeId', 'subject', 'description', 'channel', 'parties', 'deliverToUnitId'],
  },

  counterViberConsent: { method: 'POST', path: '/api/v1/parties/{id}/viber-consent', body: ['viberPhone', 'textVersion'] },
  consentStatement: { method: 'GET', path: '/api/v1/parties/{id}/consent-statement.pdf', query: ['caseId'] },
  notificationKinds: { method: 'GET', path: '/api/v1/notifications/kinds' },
  setKindLevel: { method: 'PUT', path: '/api/v1/notifications/kinds/{kind}', body: ['level'] },
  placeholders: { method: 'GET', path: '/api/v1/notifications/placeholders' },
  listTemplates: { method: 'GET', path: '/api/v1/notifications/templates', query: ['kind', 'channel', 'locale'] },
  templateVersions: { method: 'GET', path: '/api/v1/notifications/templates/{kind}/{channel}/{locale}/versions' },
  saveTemplate: { method: 'PUT', path: '/api/v1/notifications/templates/{kind}/{channel}/{locale}', body: ['body'] },
  previewTemplate: { method: 'POST', path: '/api/v1/notifications/preview', body: ['caseId', 'kind', 'channel', 'locale', 'body'] },

  s48Categories: { method: 'GET', path: `${S48}/categories` },
  s48CreateCategory: {
    method: 'POST',
    path: `${S48}/categories`,
    body: [
      'code',
      'caseTypeId',
      'name',
      'icon',
      'group',
      'keywords',
      'fields',
      'slaHours',
      'slaClock',
      'warnPercent',
      'resolutionDays',
      'sortOrder',
      'active',
      'reviewRequired',
      'fixQuestionDays',
    ],
  },
  s48UpdateCategory: {
    method: 'PATCH',
    path: `${S48}/categories/{id}`,
    body: [
      'caseTypeId',
      'name',
      'icon',
      'group',
      'keywords',
      'fields',
      'slaHours',
      'slaClock',
      'warnPercent',
      'resolutionDays',
      'sortOrder',
      'active',
      'reviewRequired',
      'fixQuestionDays',
    ],
  },
  s48Rules: { method: 'GET', path: `${S48}/routing-rules`, query: ['categoryId'] },
  s48CreateRule: { method: 'POST', path: `${S48}/routing-rules`, body: ['categoryId', 'unitId', 'area', 'streets', 'priority', 'note', 'active'] },
  s48UpdateRule: { method: 'PATCH', path: `${S48}/routing-rules/{id}`, body: ['categoryId', 'unitId', 'area', 'streets', 'priority', 'note', 'active'] },
  s48Settings: { method: 'GET', path: `${S48}/settings` },
  s48RouterModels: { method: 'GET', path: `${S48}/router/models` },
  s48TrainRouter: { method: 'POST', path: `${S48}/router/train` },
  s48UpdateSettings: {
    method: 'PATCH',
    path: `${S48}/settings`,
    body: ['dispatcherUnitId', 'duplicateRadiusM', 'workingDays', 'workingDayStart', 'workingDayEnd', 'autoRouteThreshold'],
  },
  s48Holidays: { method: 'GET', path: `${S48}/holidays`, query: ['from'] },
  s48SetHoliday: { method: 'PUT', path: `${S48}/holidays/{day}`, body: ['name'] },
  s48RemoveHoliday: { method: 'DELETE', path: `${S48}/holidays/{day}` },
  s48Queue: { method: 'GET', path: `${S48}/queues/{unitId}`, query: ['bucket', 'page', 'pageSize'] },
  s48BulkAssign: { method: 'POST', path: `${S48}/reports/bulk-assignment`, body: ['caseIds', 'clerkId', 'note'] },
} as const satisfies Record<string, Endpoint>;
