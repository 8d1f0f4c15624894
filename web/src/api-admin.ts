/** Typed calls for the administration screens of issue 15 (endpoints in endpoints-admin.ts, part of the checked ENDPOINTS table). */
import type { CaseStatus, StaffRole } from '../../src/kernel/types.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { call, ENDPOINTS, urlOf, type LocalisedName, type OrgUnit, type StaffUser, type CaseType, type LoginResult } from './api.ts';

export type SignInStep = LoginResult | { secondFactor: 'totp'; challenge: string } | { secondFactor: 'enrol'; challenge: string; secret: string; uri: string };

export interface AuditEntry {
  id: string;
  at: string;
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
export interface AuditFilter {
  actorId?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

export interface CannedResponse {
  id: string;
  unit_id: string | null;
  category_id: number | null;
  status: CaseStatus | null;
  title: LocalisedName;
  body: LocalisedName;
  active: boolean;
  updated_at: string;
  editable: boolean;
}
export interface CannedResponseBody {
  unitId: string | null;
  categoryId: number | null;
  status: CaseStatus | null;
  title: LocalisedName;
  body: LocalisedName;
  active: boolean;
}

export const adminApi = {
  /** The password step of sign-in: a session, or the second step it asks for. */
  login: (username: string, password: string) => call<SignInStep>(ENDPOINTS.login, { body: { username, password } }),
  updateUser: (id: string, b: { displayName?: string; email?: string | null; role?: StaffRole; unitId?: string | null; locale?: Locale | null }) =>
    call<StaffUser>(ENDPOINTS.updateUser, { params: { id }, body: b }),
  resetUserSecondFactor: (id: string) => call<{ removed: true }>(ENDPOINTS.resetUserSecondFactor, { params: { id } }),
  updateUnit: (id: string, b: { name?: string; headUserId?: string | null; parentId?: string | null; email?: string | null; active?: boolean }) =>
    call<OrgUnit>(ENDPOINTS.updateUnit, { params: { id }, body: b }),
  updateCaseType: (id: number, b: { name?: LocalisedName; numberPattern?: string; resolutionDays?: number | null; active?: boolean }) =>
    call<CaseType>(ENDPOINTS.updateCaseType, { params: { id }, body: b }),

  loginSecondFactor: (challenge: string, code: string) =>
    call<LoginResult & { recoveryCodes?: string[] }>(ENDPOINTS.loginSecondFactor, { body: { challenge, code } }),
  ownSecondFactor: () => call<{ enabled: boolean; recoveryCodesLeft: number; required: boolean }>(ENDPOINTS.ownSecondFactor),
  startSecondFactor: () => call<{ secret: string; uri: string }>(ENDPOINTS.startSecondFactor),
  confirmSecondFactor: (code: string) => call<{ recoveryCodes: string[] }>(ENDPOINTS.confirmSecondFactor, { body: { code } }),
  removeSecondFactor: (password: string) => call<{ removed: true }>(ENDPOINTS.removeSecondFactor, { body: { password } }),
  securitySettings: () => call<{ adminSecondFactorRequired: boolean }>(ENDPOINTS.securitySettings),
  setSecuritySettings: (adminSecondFactorRequired: boolean) =>
    call<{ adminSecondFactorRequired: boolean }>(ENDPOINTS.setSecuritySettings, { body: { adminSecondFactorRequired } }),

  audit: (f: AuditFilter & { beforeId?: string; limit?: number }) =>
    call<{ items: AuditEntry[]; nextBeforeId: string | null }>(ENDPOINTS.audit, { query: { ...f } }),
  auditVocabulary: () => call<{ actions: string[]; entities: string[] }>(ENDPOINTS.auditVocabulary),
  auditExportUrl: (f: AuditFilter) => urlOf(ENDPOINTS.auditExport, {}, { ...f }),

  cannedResponses: (activeOnly = false) => call<{ items: CannedResponse[] }>(ENDPOINTS.cannedResponses, { query: activeOnly ? { active: true } : {} }),
  createCannedResponse: (b: CannedResponseBody) => call<CannedResponse>(ENDPOINTS.createCannedResponse, { body: b }),
  updateCannedResponse: (id: string, b: CannedResponseBody) => call<CannedResponse>(ENDPOINTS.updateCannedResponse, { params: { id }, body: b }),
  deleteCannedResponse: (id: string) => call<{ deleted: true }>(ENDPOINTS.deleteCannedResponse, { params: { id } }),
};
