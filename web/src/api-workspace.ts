/**
 * Typed calls for the workspace's notification and Sistem 48 screens (the endpoints are in
 * endpoints-workspace.ts, part of the checked ENDPOINTS table). Answers keep the server's shapes:
 * camelCase where the API presents, snake_case where it returns rows.
 */
import type { CaseStatus } from '../../src/kernel/types.ts';
import type { Locale } from '../../src/i18n/locales.ts';
// The closed unions come from the server's pure domain modules, so a new status or channel reaches the screens by compiling.
import type { MessageChannel } from '../../src/notifications/domain/recipients.ts';
import type { MessageStatus } from '../../src/notifications/domain/message-status.ts';
import type { NotificationLevel } from '../../src/notifications/domain/kinds.ts';
import type { TemplateChannel } from '../../src/notifications/domain/template.ts';
import type { CategoryField, FieldType } from '../../src/sistem48/domain/fields.ts';
import type { RouterEvaluation } from '../../src/sistem48/domain/router-evaluation.ts';
import { call, ENDPOINTS, type CaseDetail, type LocalisedName, type PartyRef, type RegisterCaseBody, type RegisteredCase } from './api.ts';

export { FINAL_STATUSES as FINAL_MESSAGE_STATUSES } from '../../src/notifications/domain/message-status.ts';
export { NOTIFICATION_LEVELS } from '../../src/notifications/domain/kinds.ts';
export { TEMPLATE_CHANNELS } from '../../src/notifications/domain/template.ts';
export { FIELD_TYPES } from '../../src/sistem48/domain/fields.ts';
export type { CategoryField, FieldType, MessageChannel, MessageStatus, NotificationLevel, RouterEvaluation, TemplateChannel };

// ---- Messages about a case ----

export interface CaseMessage {
  id: string;
  caseId: string;
  caseNumber: string;
  party: { id: string; name: string };
  event: { id: string; seq: number; type: string; occurredAt: string };
  kind: string;
  level: 'notifiable' | 'key';
  channel: MessageChannel;
  recipient: string;
  locale: string;
  subject: string | null;
  body: string;
  templateVersions: Record<string, number>;
  sms: { encoding: string | null; parts: number | null } | null;
  status: MessageStatus;
  statusAt: string;
  createdAt: string;
  notBefore: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  seenAt: string | null;
  failedAt: string | null;
  fallbackOf: string | null;
  fallbackReason: string | null;
  consent: { id: string; method: string; at: string; textVersion: string | null; recordedBy: string | null; address: string | null };
  receipts: { status: 'delivered' | 'failed' | 'expired' | 'seen'; detail: string | null; reportedAt: string | null; receivedAt: string }[];
  attempts?: number;
  lastError?: string | null;
  providerMessageId?: string | null;
}

export interface CounterConsent {
  channels: MessageChannel[];
  method?: 'counter_signed' | 'written_application';
}
export type PartyWithConsent = PartyRef & { consent?: CounterConsent };
export type RegisterWithConsentBody = Omit<RegisterCaseBody, 'parties'> & { parties: PartyWithConsent[] };

// ---- Notification settings ----

export interface NotificationKind {
  kind: string;
  eventType: string;
  description: string;
  level: NotificationLevel;
  defaultLevel: NotificationLevel;
  updatedAt: string | null;
  updatedBy: string | null;
}
export interface Template {
  kind: string;
  channel: TemplateChannel;
  locale: Locale;
  version: number;
  body: string;
  builtIn: boolean;
  savedAt: string | null;
  savedBy: string | null;
}
export interface TemplateVersion {
  version: number;
  body: string;
  savedAt: string | null;
  savedBy: string | null;
  builtIn: boolean;
}
export interface Placeholder {
  name: string;
  placeholder: string;
  description: string;
}
export interface SmsFigures {
  policy: 'unicode' | 'gsm7-fold';
  text: string;
  encoding: 'GSM-7' | 'UCS-2';
  dataCoding: number;
  parts: number;
  units: number;
  cost: number;
  currency: string;
}
export interface Preview {
  kind: string;
  channel: TemplateChannel;
  locale: Locale;
  version: number | null;
  template: string;
  text: string;
  caseNumber: string;
  sms: (SmsFigures & { alternative: SmsFigures }) | null;
}

// ---- Sistem 48 ----

export interface Category {
  id: number;
  code: string;
  case_type_id: number;
  name: LocalisedName;
  description: LocalisedName;
  icon: string;
  group_code: string | null;
  keywords: string[];
  fields: CategoryField[];
  sla_hours: number;
  sla_clock: 'calendar' | 'working';
  warn_percent: number;
  resolution_days: number | null;
  sort_order: number;
  active: boolean;
  /** Reports are shown to the public only after a moderator's review. */
  review_required: boolean;
  /** Days after resolution to ask "is it fixed?" (0: never; null: the default). */
  fix_question_days?: number | null;
}
export interface CategoryBody {
  code?: string;
  caseTypeId?: number;
  name?: LocalisedName;
  icon?: string;
  group?: string | null;
  keywords?: string[];
  fields?: CategoryField[];
  slaHours?: number;
  slaClock?: 'calendar' | 'working';
  warnPercent?: number;
  resolutionDays?: number | null;
  sortOrder?: number;
  active?: boolean;
  reviewRequired?: boolean;
  fixQuestionDays?: number | null;
}
export interface RoutingRule {
  id: number;
  category_id: number | null;
  unit_id: string;
  unit_name: string | null;
  area: unknown | null;
  streets: string[];
  priority: number;
  note: string | null;
  active: boolean;
}
export interface RuleBody {
  categoryId?: number | null;
  unitId?: string;
  area?: unknown | null;
  streets?: string[];
  priority?: number;
  note?: string | null;
  active?: boolean;
}
export interface Sistem48Settings {
  dispatcher_unit_id: string | null;
  duplicate_radius_m: number;
  working_days: number[];
  working_day_start: number;
  working_day_end: number;
  intake_per_ip_per_hour: number;
  boundary: unknown | null;
  auto_route_threshold: number;
}
export interface SettingsBody {
  dispatcherUnitId?: string | null;
  duplicateRadiusM?: number;
  workingDays?: number[];
  workingDayStart?: string;
  workingDayEnd?: string;
  autoRouteThreshold?: number;
}
/** A trained report-router model with its evaluation on reports it did not learn from (src/sistem48/domain/router-evaluation.ts). */
export interface RouterModel {
  version: number;
  trainedAt: string;
  trainingSize: number;
  heldOutSize: number;
  categories: string[];
  evaluation: RouterEvaluation;
}
export interface Holiday {
  day: string;
  name: string;
}

// The buckets are declared beside their SQL (sistem48/repositories), which the browser must not import.
export type QueueBucket = 'new' | 'due_soon' | 'overdue' | 'in_progress' | 'waiting' | 'done';
export const QUEUE_BUCKETS: readonly QueueBucket[] = ['new', 'due_soon', 'overdue', 'in_progress', 'waiting', 'done'];
export interface ClockState {
  state: string;
  dueAt: string;
  warnAt: string;
  remainingSeconds: number;
  answeredAt: string | null;
  answeredLate: boolean;
}
export interface QueueItem {
  caseId: string;
  id: string;
  number: string;
  subject: string;
  status: CaseStatus;
  category: { code: string; name: string };
  address: string | null;
  lat: number | null;
  lon: number | null;
  clerkId: string | null;
  clerkName: string | null;
  registeredAt: string;
  nextDeadline: string | null;
  plannedResolutionAt: string | null;
  firstResponse: ClockState;
  /** The citizen wrote back (a reply, or "not fixed") and nobody has read it yet. */
  unreadUpdateAt?: string | null;
  /** Waiting for the citizen since then: the answer clock is paused. */
  pausedSince?: string | null;
  /** "Me too": proven people with the same problem. */
  supportCount: number;
}
export interface QueuePage {
  bucket: QueueBucket;
  counts: Record<QueueBucket, number>;
  page: number;
  pageSize: number;
  hasMore: boolean;
  items: QueueItem[];
}

// Request types may carry only fields their ENDPOINTS row declares (the table is checked against OpenAPI).
type Declared<E, K extends 'body' | 'query'> = E extends Record<K, readonly string[]> ? E[K][number] : never;
type Covered<T, E, K extends 'body' | 'query'> = Exclude<keyof T, Declared<E, K>> extends never ? true : false;
const coverage: [
  Covered<RegisterWithConsentBody, typeof ENDPOINTS.registerWithConsent, 'body'>,
  Covered<CategoryBody, typeof ENDPOINTS.s48CreateCategory, 'body'>,
  Covered<RuleBody, typeof ENDPOINTS.s48CreateRule, 'body'>,
  Covered<SettingsBody, typeof ENDPOINTS.s48UpdateSettings, 'body'>,
] = [true, true, true, true];
void coverage;

const tpl = (kind: string, channel: TemplateChannel, locale: Locale) => ({ kind, channel, locale });

export const ws = {
  caseByNumber: (number: string) => call<CaseDetail>(ENDPOINTS.caseByNumber, { query: { number } }),
  caseMessages: (id: string) => call<{ items: CaseMessage[] }>(ENDPOINTS.caseMessages, { params: { id } }),
  registerWithConsent: (b: RegisterWithConsentBody) => call<RegisteredCase>(ENDPOINTS.registerWithConsent, { body: b }),
  counterViberConsent: (partyId: string, viberPhone: string) =>
    call<{ changed: boolean }>(ENDPOINTS.counterViberConsent, { params: { id: partyId }, body: { viberPhone } }),
  /** The consent statement to print (a PDF the browser opens; the session cookie authorises it). */
  consentStatementUrl: (partyId: string, caseId: string) =>
    `${ENDPOINTS.consentStatement.path.replace('{id}', encodeURIComponent(partyId))}?caseId=${encodeURIComponent(caseId)}`,

  notificationKinds: () => call<{ items: NotificationKind[] }>(ENDPOINTS.notificationKinds),
  setKindLevel: (kind: string, level: NotificationLevel) =>
    call<{ kind: string; level: NotificationLevel }>(ENDPOINTS.setKindLevel, { params: { kind }, body: { level } }),
  placeholders: () => call<{ items: Placeholder[] }>(ENDPOINTS.placeholders),
  listTemplates: (f: { kind?: string; channel?: TemplateChannel; locale?: Locale }) => call<{ items: Template[] }>(ENDPOINTS.listTemplates, { query: f }),
  templateVersions: (kind: string, channel: TemplateChannel, locale: Locale) =>
    call<{ items: TemplateVersion[] }>(ENDPOINTS.templateVersions, { params: tpl(kind, channel, locale) }),
  saveTemplate: (kind: string, channel: TemplateChannel, locale: Locale, body: string) =>
    call<{ version: number; body: string }>(ENDPOINTS.saveTemplate, { params: tpl(kind, channel, locale), body: { body } }),
  previewTemplate: (b: { caseId?: string; kind: string; channel: TemplateChannel; locale: Locale; body?: string }) =>
    call<Preview>(ENDPOINTS.previewTemplate, { body: b }),

  categories: () => call<{ items: Category[] }>(ENDPOINTS.s48Categories),
  createCategory: (b: CategoryBody & { code: string; caseTypeId: number; name: LocalisedName }) => call<Category>(ENDPOINTS.s48CreateCategory, { body: b }),
  updateCategory: (id: number, b: Omit<CategoryBody, 'code'>) => call<Category>(ENDPOINTS.s48UpdateCategory, { params: { id }, body: b }),
  rules: () => call<{ items: RoutingRule[] }>(ENDPOINTS.s48Rules),
  createRule: (b: RuleBody & { categoryId: number | null; unitId: string }) => call<RoutingRule>(ENDPOINTS.s48CreateRule, { body: b }),
  updateRule: (id: number, b: RuleBody) => call<RoutingRule>(ENDPOINTS.s48UpdateRule, { params: { id }, body: b }),
  settings: () => call<Sistem48Settings>(ENDPOINTS.s48Settings),
  updateSettings: (b: SettingsBody) => call<Sistem48Settings>(ENDPOINTS.s48UpdateSettings, { body: b }),
  routerModels: () => call<{ autoRouteThreshold: number; models: RouterModel[] }>(ENDPOINTS.s48RouterModels),
  trainRouter: () => call<{ version: number }>(ENDPOINTS.s48TrainRouter),
  holidays: (from: string) => call<{ items: Holiday[] }>(ENDPOINTS.s48Holidays, { query: { from } }),
  setHoliday: (day: string, name: string) => call<unknown>(ENDPOINTS.s48SetHoliday, { params: { day }, body: { name } }),
  removeHoliday: (day: string) => call<unknown>(ENDPOINTS.s48RemoveHoliday, { params: { day } }),
  queue: (unitId: string, bucket: QueueBucket, page = 1) => call<QueuePage>(ENDPOINTS.s48Queue, { params: { unitId }, query: { bucket, page, pageSize: 50 } }),
  bulkAssign: (caseIds: string[], clerkId: string | null) =>
    call<{ items: { caseId: string; changed: boolean }[]; changed: number }>(ENDPOINTS.s48BulkAssign, { body: { caseIds, clerkId } }),
};
