/** Typed calls of the portal's endpoints (see endpoints.ts). */
import { call, ENDPOINTS } from '../../api.ts';
import type { Locale } from '../../i18n.ts';

export type MessageChannel = 'viber' | 'sms' | 'email';

export interface PortalSession {
  csrfToken: string;
  user: { id: string; displayName: string; role: 'citizen'; partyId: string | null; locale: string | null; hasPassword: boolean };
}
export interface PortalAccount {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  locale: string | null;
  hasPassword: boolean;
  phoneVerified: boolean;
  emailVerified: boolean;
  viberLinked: boolean;
}
export interface NotificationKind {
  kind: string;
  eventType: string;
  level: 'notifiable' | 'key';
}
export interface ConsentRecord {
  id: string;
  channel: MessageChannel;
  action: 'given' | 'withdrawn';
  method: string;
  at: string;
}
export interface MySettings {
  partyId: string;
  name: string;
  contacts: { phone: string | null; email: string | null; viberUserId: string | null };
  preferences: { channelOrder: MessageChannel[]; scope: 'all' | 'key'; locale: Locale | null; quietHours: { from: string; to: string } | null };
  consents: { channel: MessageChannel; consented: boolean; record: ConsentRecord | null }[];
}
export interface SettingsPatch {
  channelOrder?: MessageChannel[];
  scope?: 'all' | 'key';
  locale?: Locale | null;
  quietHours?: { from: string; to: string } | null;
}

export const portalApi = {
  requestCode: (b: { phone?: string; email?: string; name?: string; locale?: Locale }) =>
    call<{ sent: true; channel: 'sms' | 'email' }>(ENDPOINTS.portalCodes, { body: b }),
  signInWithCode: (phone: string, code: string) => call<PortalSession>(ENDPOINTS.portalCodeSession, { body: { phone, code } }),
  signInWithLink: (token: string, password?: string) => call<PortalSession>(ENDPOINTS.portalLinkSession, { body: password ? { token, password } : { token } }),
  signInWithPassword: (login: string, password: string) => call<PortalSession>(ENDPOINTS.portalPasswordSession, { body: { login, password } }),
  account: () => call<PortalAccount>(ENDPOINTS.portalAccount),
  setPassword: (password: string) => call<{ ok: true }>(ENDPOINTS.portalPassword, { body: { password } }),
  notificationKinds: () => call<{ items: NotificationKind[] }>(ENDPOINTS.portalNotificationKinds),
  viberLink: () => call<{ token: string; url: string; expiresAt: string }>(ENDPOINTS.portalViberLink),
  requestContactChange: (b: { phone: string } | { email: string }) =>
    call<{ sent: true; channel: 'sms' | 'email'; address: string }>(ENDPOINTS.portalContactChange, { body: b }),
  confirmContactChange: (code: string) =>
    call<{ field: 'phone' | 'email'; address: string; consentEnded: boolean }>(ENDPOINTS.portalContactConfirm, { body: { code } }),
  settings: () => call<MySettings>(ENDPOINTS.mySettings),
  updateSettings: (b: SettingsPatch) => call<MySettings>(ENDPOINTS.updateMySettings, { body: b }),
  consent: (channel: MessageChannel, action: 'given' | 'withdrawn') => call<{ changed: boolean }>(ENDPOINTS.myConsent, { body: { channel, action } }),
  reply: (caseId: string, form: FormData) =>
    call<{ caseId: string; number: string; resumed: boolean }>(ENDPOINTS.portalReply, { params: { id: caseId }, form }),
  fixQuestions: () => call<{ items: { token: string; caseId: string; number: string; subject: string; askedAt: string }[] }>(ENDPOINTS.portalFixQuestions),
};
