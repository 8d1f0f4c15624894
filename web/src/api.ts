/**
 * The web app's typed client for the Glas REST API. Every call goes through ENDPOINTS, a table of
 * method, path and the query/body fields the client sends; test/browser/api-client.test.ts checks the
 * table against /api/v1/openapi.json, so a renamed route or field fails the build instead of the user.
 * Plain TypeScript with no DOM at load time, so that test can import it in Node.
 */
import type { Actor, CaseStatus, Channel, PartyRole, StaffRole, UnitKind, Visibility } from '../../src/kernel/types.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { t } from '../../src/i18n/catalog.ts';
import { WORKSPACE_ENDPOINTS } from './endpoints-workspace.ts';
import { PORTAL_ENDPOINTS } from './pages/portal/endpoints.ts';
import { S48_PUBLIC_ENDPOINTS } from './endpoints-s48-public.ts';
import { S48_STAFF_ENDPOINTS } from './endpoints-s48-staff.ts';
import { ADMIN_ENDPOINTS } from './endpoints-admin.ts';
import { DASHBOARD_ENDPOINTS } from './pages/dashboard/endpoints.ts';
import { DEMO_ENDPOINTS } from './endpoints-demo.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface Endpoint {
  method: Method;
  path: string;
  query?: readonly string[];
  body?: readonly string[];
  multipart?: readonly string[];
}

export const ENDPOINTS = {
  login: { method: 'POST', path: '/api/v1/auth/login', body: ['username', 'password'] },
  logout: { method: 'POST', path: '/api/v1/auth/logout' },
  me: { method: 'GET', path: '/api/v1/auth/me' },
  listCases: { method: 'GET', path: '/api/v1/cases', query: ['status', 'unitId', 'clerkId', 'overdue', 'open', 'q', 'sort', 'cursor', 'limit'] },
  registerCase: { method: 'POST', path: '/api/v1/cases', body: ['caseTypeId', 'subject', 'description', 'channel', 'parties', 'deliverToUnitId'] },
  getCase: { method: 'GET', path: '/api/v1/cases/{id}' },
  markCitizenUpdateRead: { method: 'POST', path: '/api/v1/cases/{id}/citizen-update/read' },
  askCitizen: { method: 'POST', path: '/api/v1/cases/{id}/questions', body: ['text'] },
  caseEvents: { method: 'GET', path: '/api/v1/cases/{id}/events' },
  transition: { method: 'POST', path: '/api/v1/cases/{id}/transitions', body: ['to', 'note', 'noteVisibility', 'unitId'] },
  assign: { method: 'POST', path: '/api/v1/cases/{id}/assignment', body: ['unitId', 'clerkId', 'note'] },
  addNote: { method: 'POST', path: '/api/v1/cases/{id}/notes', body: ['text', 'visibility'] },
  listDocuments: { method: 'GET', path: '/api/v1/cases/{id}/documents' },
  uploadDocument: { method: 'POST', path: '/api/v1/cases/{id}/documents', multipart: ['visibility', 'file'] },
  downloadDocument: { method: 'GET', path: '/api/v1/cases/{id}/documents/{documentId}' },
  findParties: { method: 'GET', path: '/api/v1/parties', query: ['q'] },
  listUnits: { method: 'GET', path: '/api/v1/org-units' },
  createUnit: { method: 'POST', path: '/api/v1/org-units', body: ['kind', 'code', 'name', 'parentId', 'email'] },
  listUsers: { method: 'GET', path: '/api/v1/users', query: ['unitId'] },
  createUser: { method: 'POST', path: '/api/v1/users', body: ['username', 'displayName', 'password', 'role', 'unitId', 'email', 'locale'] },
  deactivateUser: { method: 'POST', path: '/api/v1/users/{id}/deactivate' },
  reactivateUser: { method: 'POST', path: '/api/v1/users/{id}/reactivate' },
  issuePasswordReset: { method: 'POST', path: '/api/v1/users/{id}/password-reset' },
  resetPassword: { method: 'POST', path: '/api/v1/password-reset', body: ['token', 'password'] },
  changeOwnPassword: { method: 'POST', path: '/api/v1/me/password', body: ['currentPassword', 'newPassword'] },
  setOwnLocale: { method: 'PUT', path: '/api/v1/me/locale', body: ['locale'] },
  findMessages: { method: 'GET', path: '/api/v1/messages', query: ['q', 'limit'] },
  messageVersions: { method: 'GET', path: '/api/v1/messages/{key}/versions' },
  saveMessage: { method: 'PUT', path: '/api/v1/messages/{key}/{locale}', body: ['text'] },
  exportLanguageFile: { method: 'GET', path: '/api/v1/messages/files/{locale}' },
  importLanguageFile: { method: 'PUT', path: '/api/v1/messages/files/{locale}' },
  publicOverrides: { method: 'GET', path: '/api/v1/public/message-overrides' },
  listCaseTypes: { method: 'GET', path: '/api/v1/case-types' },
  createCaseType: { method: 'POST', path: '/api/v1/case-types', body: ['code', 'name', 'numberPattern', 'resolutionDays', 'problemReport'] },
  listEventTypes: { method: 'GET', path: '/api/v1/event-types' },
  publicTrack: { method: 'GET', path: '/api/v1/public/track', query: ['number', 'code'] },
  ...WORKSPACE_ENDPOINTS,
  ...PORTAL_ENDPOINTS,
  ...S48_PUBLIC_ENDPOINTS,
  ...S48_STAFF_ENDPOINTS,
  ...ADMIN_ENDPOINTS,
  ...DASHBOARD_ENDPOINTS,
  ...DEMO_ENDPOINTS,
} as const satisfies Record<string, Endpoint>;

// ---- What the server answers (snake_case rows, as the API returns them) ----

/** A message of the catalogue as the wording administration shows it. */
export interface WordingItem {
  key: string;
  texts: Record<Locale, string>;
  overridden: Locale[];
}
export interface WordingVersion {
  locale: Locale;
  version: number;
  text: string | null;
  created_by_name: string;
  created_at: string;
}

export type Me = Exclude<Actor, { kind: 'system' }> & {
  csrfToken: string | null;
  /** GLAS_PUBLIC_URL: the address citizens use, for printed QR codes and links (the browser's may be an internal one). */
  publicUrl?: string;
};
export type StaffMe = Extract<Me, { kind: 'staff' }>;

export interface LoginResult {
  csrfToken: string;
  user: { id: string; displayName: string; role: StaffRole | 'citizen'; unitId: string | null; locale: string | null };
}

export interface CaseListItem {
  id: string;
  number: string;
  subject: string;
  status: CaseStatus;
  channel: Channel;
  case_type_id: number;
  unit_id: string | null;
  clerk_id: string | null;
  registered_at: string;
  due_at: string | null;
  is_open: boolean;
  unit_name: string | null;
  clerk_name: string | null;
  /** The citizen wrote back and nobody has read it yet. */
  citizen_update_at?: string | null;
  /** Waiting for the citizen since then (the answer clock is paused). */
  paused_at?: string | null;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CaseParty {
  id: string;
  kind: 'person' | 'legal_entity';
  name: string;
  id_number: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  locale: string | null;
  role: PartyRole;
}
export type LocalisedName = Partial<Record<Locale, string>>;

export interface CaseDetail {
  id: string;
  /** The citizen wrote back and nobody has read it yet. */
  citizen_update_at?: string | null;
  number: string;
  case_type_id: number;
  subject: string;
  description: string;
  channel: Channel;
  classification_code: string | null;
  tracking_code: string;
  status: CaseStatus;
  is_open: boolean;
  status_changed_at: string;
  registry_unit_id: string | null;
  unit_id: string | null;
  clerk_id: string | null;
  awaiting_unit_id: string | null;
  registered_by: string | null;
  registered_at: string;
  due_at: string | null;
  closed_at: string | null;
  unit_name: string | null;
  clerk_name: string | null;
  awaiting_unit_name: string | null;
  case_type_code: string | null;
  case_type_name: LocalisedName | null;
  parties: CaseParty[];
  allowedTransitions: CaseStatus[];
}

export interface CaseEvent {
  id: string;
  case_id: string;
  seq: number;
  type: string;
  actor_id: string | null;
  actor_name: string;
  actor_role: string | null;
  occurred_at: string;
  visibility: Visibility;
  data: Record<string, unknown>;
  note: string | null;
}

export interface CaseDocument {
  id: string;
  case_id: string;
  filename: string;
  content_type: string;
  size_bytes: string | number;
  sha256: string;
  visibility: Visibility;
  created_at: string;
}

export interface Party {
  id: string;
  kind: 'person' | 'legal_entity';
  name: string;
  id_number: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  locale: string | null;
}

export interface OrgUnit {
  id: string;
  kind: UnitKind;
  code: string;
  name: string;
  parent_id: string | null;
  path: string;
  head_user_id: string | null;
  email: string | null;
  active: boolean;
}
export interface StaffUser {
  id: string;
  username: string | null;
  display_name: string;
  role: StaffRole;
  unit_id: string | null;
  email: string | null;
  locale: string | null;
  active: boolean;
  /** Whether the user signs in with a second factor (TOTP). */
  second_factor?: boolean;
}
export interface CaseType {
  id: number;
  code: string;
  name: LocalisedName;
  number_pattern: string;
  resolution_days: number | null;
  problem_report: boolean;
  active: boolean;
}
export interface EventType {
  code: string;
  default_visibility: Visibility;
  description: string;
}

/** What anyone holding a case's number and tracking code may see: no names, no contact data. */
export interface PublicCase {
  number: string;
  caseType: LocalisedName | null;
  status: CaseStatus;
  unit: string | null;
  awaitingInstitution: string | null;
  registeredAt: string;
  statusChangedAt: string;
  dueAt: string | null;
  closedAt: string | null;
  history: { type: string; at: string; data: Record<string, unknown>; note: string | null }[];
}

export interface RegisteredCase {
  id: string;
  number: string;
  trackingCode: string;
  registeredAt: string;
  status: CaseStatus;
  partyIds: string[];
}

// ---- What the client sends ----

export interface CaseListQuery {
  status?: CaseStatus[];
  unitId?: string;
  clerkId?: string;
  overdue?: boolean;
  open?: boolean;
  q?: string;
  sort?: 'registered_desc' | 'due_asc';
  cursor?: string;
  limit?: number;
}
export type NewParty = {
  role?: PartyRole;
  kind?: 'person' | 'legal_entity';
  name: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
  locale?: Locale;
};
export type PartyRef = { role?: PartyRole; partyId: string } | NewParty;
export interface RegisterCaseBody {
  caseTypeId: number;
  subject: string;
  description?: string;
  channel: Channel;
  parties: PartyRef[];
  deliverToUnitId?: string;
}
export interface TransitionBody {
  to: CaseStatus;
  note?: string;
  noteVisibility?: Visibility;
  unitId?: string;
}
export interface NewUnitBody {
  kind: UnitKind;
  code: string;
  name: string;
  parentId?: string;
  email?: string;
}
export interface NewUserBody {
  username: string;
  displayName: string;
  password: string;
  role: StaffRole;
  unitId?: string;
  email?: string;
  locale?: Locale;
}
export interface NewCaseTypeBody {
  code: string;
  name: LocalisedName;
  numberPattern: string;
  resolutionDays?: number;
  problemReport?: boolean;
}

// Every field a request type can carry must be listed in its ENDPOINTS row (which the test checks
// against the OpenAPI document): a field added to a type but not to the table fails to compile.
type Declared<E, K extends 'body' | 'query'> = E extends Record<K, readonly string[]> ? E[K][number] : never;
type Covered<T, E, K extends 'body' | 'query'> = Exclude<keyof T, Declared<E, K>> extends never ? true : false;
const coverage: [
  Covered<CaseListQuery, typeof ENDPOINTS.listCases, 'query'>,
  Covered<RegisterCaseBody, typeof ENDPOINTS.registerCase, 'body'>,
  Covered<TransitionBody, typeof ENDPOINTS.transition, 'body'>,
  Covered<NewUnitBody, typeof ENDPOINTS.createUnit, 'body'>,
  Covered<NewUserBody, typeof ENDPOINTS.createUser, 'body'>,
  Covered<NewCaseTypeBody, typeof ENDPOINTS.createCaseType, 'body'>,
] = [true, true, true, true, true, true];
void coverage;

// ---- Transport ----

/** An answer from the API that is not a success, with its stable code and a message already in the user's language. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The input the server blamed, as the last part of its path ("parties.0.phone" → "phone"). */
  readonly field: string | null;
  readonly details: Record<string, unknown> | null;
  constructor(status: number, code: string, message: string, details: Record<string, unknown> | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    const f = details && typeof details.field === 'string' ? details.field : null;
    this.field = f ? (f.split('.').at(-1) ?? f) : null;
  }
}

const state: { csrf: string | null; locale: Locale; onUnauthorized: (why: ApiError) => void } = { csrf: null, locale: 'sr-Latn', onUnauthorized: () => {} };

export function setCsrfToken(token: string | null) {
  state.csrf = token;
}
export function setApiLocale(locale: Locale) {
  state.locale = locale;
}
/** Called when the session has ended (expired, signed out elsewhere, or a second factor now required), so the app can show the sign-in form. */
export function onUnauthorized(handler: (why: ApiError) => void) {
  state.onUnauthorized = handler;
}

type QueryValue = string | number | boolean | readonly string[] | undefined;

/** The URL of an endpoint with its path parameters and query filled in. */
export function urlOf(ep: Endpoint, params: Record<string, string | number> = {}, query: Record<string, QueryValue> = {}): string {
  const path = ep.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${ep.path}`);
    return encodeURIComponent(String(v));
  });
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === '') continue;
    if (!ep.query?.includes(k)) throw new Error(`${ep.path} does not take the query parameter ${k}`);
    if (Array.isArray(v)) for (const item of v) qs.append(k, item);
    else qs.append(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** One request to an endpoint of the table; used by api below and by api-workspace.ts. */
export async function call<T>(
  ep: Endpoint,
  opts: { params?: Record<string, string | number>; query?: Record<string, QueryValue>; body?: object; form?: FormData } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': state.locale };
  if (ep.method !== 'GET' && state.csrf) headers['x-csrf-token'] = state.csrf;
  let body: string | FormData | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(urlOf(ep, opts.params, opts.query), { method: ep.method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', t(state.locale, 'ui.network_error'));
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: handled below */
  }
  if (res.ok) return json as T;
  const err = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
  const failure = new ApiError(res.status, err?.code ?? 'internal', err?.message ?? t(state.locale, 'error.internal'), err?.details ?? null);
  if (res.status === 401 && ep !== ENDPOINTS.login && ep !== ENDPOINTS.me) state.onUnauthorized(failure);
  throw failure;
}

export const api = {
  login: (username: string, password: string) => call<LoginResult>(ENDPOINTS.login, { body: { username, password } }),
  logout: () => call<{ ok: true }>(ENDPOINTS.logout),
  me: () => call<Me>(ENDPOINTS.me),

  listCases: (q: CaseListQuery) => call<Page<CaseListItem>>(ENDPOINTS.listCases, { query: { ...q } }),
  registerCase: (b: RegisterCaseBody) => call<RegisteredCase>(ENDPOINTS.registerCase, { body: b }),
  getCase: (id: string) => call<CaseDetail>(ENDPOINTS.getCase, { params: { id } }),
  markCitizenUpdateRead: (id: string) => call<void>(ENDPOINTS.markCitizenUpdateRead, { params: { id } }),
  askCitizen: (id: string, text: string) => call<{ seq: number }>(ENDPOINTS.askCitizen, { params: { id }, body: { text } }),
  caseEvents: (id: string) => call<{ items: CaseEvent[] }>(ENDPOINTS.caseEvents, { params: { id } }),
  transition: (id: string, b: TransitionBody) =>
    call<{ id: string; number: string; status: CaseStatus; eventSeq: number }>(ENDPOINTS.transition, { params: { id }, body: b }),
  assign: (id: string, b: { unitId: string; clerkId: string | null; note?: string }) =>
    call<{ changed: boolean }>(ENDPOINTS.assign, { params: { id }, body: b }),
  addNote: (id: string, b: { text: string; visibility: Visibility }) => call<{ seq: number }>(ENDPOINTS.addNote, { params: { id }, body: b }),
  listDocuments: (id: string) => call<{ items: CaseDocument[] }>(ENDPOINTS.listDocuments, { params: { id } }),
  uploadDocument: (id: string, file: File, visibility: Visibility) => {
    const form = new FormData();
    // The server reads fields sent before the file, so visibility goes first.
    form.append('visibility', visibility);
    form.append('file', file, file.name);
    return call<CaseDocument>(ENDPOINTS.uploadDocument, { params: { id }, form });
  },
  documentUrl: (id: string, documentId: string) => urlOf(ENDPOINTS.downloadDocument, { id, documentId }),
  findParties: (q: string) => call<{ items: Party[] }>(ENDPOINTS.findParties, { query: { q } }),

  listUnits: () => call<{ items: OrgUnit[] }>(ENDPOINTS.listUnits),
  createUnit: (b: NewUnitBody) => call<OrgUnit>(ENDPOINTS.createUnit, { body: b }),
  listUsers: (unitId?: string) => call<{ items: StaffUser[] }>(ENDPOINTS.listUsers, { query: { unitId } }),
  createUser: (b: NewUserBody) => call<StaffUser>(ENDPOINTS.createUser, { body: b }),
  setUserActive: (id: string, active: boolean) => call<StaffUser>(active ? ENDPOINTS.reactivateUser : ENDPOINTS.deactivateUser, { params: { id } }),
  issuePasswordReset: (id: string) =>
    call<{ userId: string; token: string; path: string; expiresAt: string }>(ENDPOINTS.issuePasswordReset, { params: { id } }),
  resetPassword: (token: string, password: string) => call<{ ok: true }>(ENDPOINTS.resetPassword, { body: { token, password } }),
  setOwnLocale: (locale: Locale) => call<{ locale: Locale }>(ENDPOINTS.setOwnLocale, { body: { locale } }),
  findMessages: (q: string) => call<{ items: WordingItem[] }>(ENDPOINTS.findMessages, { query: { q, limit: 30 } }),
  messageVersions: (key: string) => call<{ key: string; items: WordingVersion[] }>(ENDPOINTS.messageVersions, { params: { key } }),
  saveMessage: (key: string, locale: Locale, text: string | null) =>
    call<{ key: string; locale: Locale; version: number; text: string | null }>(ENDPOINTS.saveMessage, { params: { key, locale }, body: { text } }),
  exportLanguageFileUrl: (locale: Locale) => urlOf(ENDPOINTS.exportLanguageFile, { locale }),
  importLanguageFile: (locale: Locale, entries: Record<string, string>) =>
    call<{ locale: Locale; changed: number; unchanged: number }>(ENDPOINTS.importLanguageFile, { params: { locale }, body: entries }),
  publicOverrides: () => call<{ overrides: Partial<Record<Locale, Record<string, string>>> }>(ENDPOINTS.publicOverrides),
  changeOwnPassword: (currentPassword: string, newPassword: string) =>
    call<{ changed: true }>(ENDPOINTS.changeOwnPassword, { body: { currentPassword, newPassword } }),
  listCaseTypes: () => call<{ items: CaseType[] }>(ENDPOINTS.listCaseTypes),
  createCaseType: (b: NewCaseTypeBody) => call<CaseType>(ENDPOINTS.createCaseType, { body: b }),
  listEventTypes: () => call<{ items: EventType[] }>(ENDPOINTS.listEventTypes),
  publicTrack: (number: string, code: string) => call<PublicCase>(ENDPOINTS.publicTrack, { query: { number, code } }),
};
