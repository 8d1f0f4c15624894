/**
 * The citizen portal's endpoints: its own (accounts, codes, links, Viber) and the notification
 * engine's /me routes. Spread into ENDPOINTS in api.ts, so test/browser/api-client.test.ts checks
 * them against the OpenAPI document like every other call.
 */
import type { Endpoint } from '../../api.ts';

export const PORTAL_ENDPOINTS = {
  portalCodes: { method: 'POST', path: '/api/v1/portal/codes', body: ['phone', 'email', 'name', 'locale'] },
  portalCodeSession: { method: 'POST', path: '/api/v1/portal/sessions', body: ['phone', 'code'] },
  portalLinkSession: { method: 'POST', path: '/api/v1/portal/link-sessions', body: ['token', 'password'] },
  portalPasswordSession: { method: 'POST', path: '/api/v1/portal/password-sessions', body: ['login', 'password'] },
  portalAccount: { method: 'GET', path: '/api/v1/portal/account' },
  portalPassword: { method: 'POST', path: '/api/v1/portal/password', body: ['password'] },
  portalNotificationKinds: { method: 'GET', path: '/api/v1/portal/notification-kinds' },
  portalViberLink: { method: 'POST', path: '/api/v1/portal/viber-link' },
  portalContactChange: { method: 'POST', path: '/api/v1/portal/contact-changes', body: ['phone', 'email'] },
  portalContactConfirm: { method: 'POST', path: '/api/v1/portal/contact-changes/confirm', body: ['code'] },
  mySettings: { method: 'GET', path: '/api/v1/me/notification-settings' },
  updateMySettings: { method: 'PATCH', path: '/api/v1/me/notification-settings', body: ['channelOrder', 'scope', 'locale', 'quietHours'] },
  myConsent: { method: 'POST', path: '/api/v1/me/consents', body: ['channel', 'action'] },
  portalReply: { method: 'POST', path: '/api/v1/portal/cases/{id}/replies', multipart: ['text', 'file'] },
  portalFixQuestions: { method: 'GET', path: '/api/v1/portal/fix-questions' },
} as const satisfies Record<string, Endpoint>;
