/**
 * Demo only: the citizen's phone page's endpoints (404 outside demo mode). Spread into ENDPOINTS in
 * api.ts, so test/browser/api-client.test.ts checks them against the OpenAPI document.
 */
import type { Endpoint } from './api.ts';

export const DEMO_ENDPOINTS = {
  demoCitizens: { method: 'GET', path: '/api/v1/demo/phone/citizens' },
  demoSend: { method: 'POST', path: '/api/v1/demo/phone/messages', body: ['channel', 'from', 'text', 'name'] },
  demoConversation: { method: 'GET', path: '/api/v1/demo/phone/conversation', query: ['phone', 'viber'] },
} as const satisfies Record<string, Endpoint>;
