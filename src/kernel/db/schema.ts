/** Kysely table types. Each migration that adds a table adds its interface here. */
import type { ColumnType, Generated } from 'kysely';
import type { CaseStatus, Channel, UnitKind, Role, PartyRole, Visibility } from '../types.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, string | T, string | T>;

export interface OrgUnitTable {
  id: Generated<string>;
  kind: UnitKind;
  code: string;
  name: string;
  parent_id: string | null;
  path: string;
  head_user_id: string | null;
  email: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}
export interface UserTable {
  id: Generated<string>;
  username: string | null;
  display_name: string;
  password_hash: string | null;
  role: Role;
  unit_id: string | null;
  party_id: string | null;
  phone: string | null;
  email: string | null;
  locale: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  last_login_at: Date | null;
  phone_verified_at: Timestamp | null;
  email_verified_at: Timestamp | null;
}
export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  second_factor: Generated<boolean>;
}
export interface ApiTokenTable {
  id: Generated<string>;
  name: string;
  token_hash: string;
  user_id: string;
  scopes: string[];
  created_by: string | null;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
export interface PasswordResetTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: Date | null;
}
export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
}
export interface CaseTypeTable {
  id: Generated<number>;
  code: string;
  name: Json<Record<string, string>>;
  number_pattern: string;
  resolution_days: number | null;
  problem_report: Generated<boolean>;
  fix_question_days: Generated<number | null>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}
export interface NumberSeriesTable {
  series_key: string;
  last_seq: number;
}
export interface PartyTable {
  id: Generated<string>;
  kind: 'person' | 'legal_entity';
  name: string;
  id_number: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  locale: string | null;
  search_key: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface CaseTable {
  id: Generated<string>;
  number: string;
  case_type_id: number;
  subject: string;
  description: string;
  channel: Channel;
  classification_code: string | null;
  tracking_code: string;
  status: CaseStatus;
  is_open: ColumnType<boolean, never, never>;
  status_changed_at: Timestamp;
  registry_unit_id: string | null;
  unit_id: string | null;
  clerk_id: string | null;
  awaiting_unit_id: string | null;
  registered_by: string | null;
  registered_at: Timestamp;
  due_at: Timestamp | null;
  closed_at: Timestamp | null;
  external_system: string | null;
  external_id: string | null;
  search_key: string;
  last_event_seq: number;
  last_event_hash: string;
  updated_at: Generated<Date>;
  /** Set while the case waits for the citizen (the answer clock is paused). */
  paused_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Time spent waiting for the citizen so far; the deadlines were moved on by it. */
  paused_ms: ColumnType<string, number | undefined, number>;
  /** A citizen's reply staff have not read yet. */
  citizen_update_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export interface CasePartyTable {
  case_id: string;
  party_id: string;
  role: PartyRole;
}
export interface EventTypeTable {
  code: string;
  default_visibility: Visibility;
  description: string;
}
export interface CaseEventTable {
  id: Generated<string>;
  case_id: string;
  seq: number;
  type: string;
  actor_id: string | null;
  actor_name: string;
  actor_role: string | null;
  occurred_at: Timestamp;
  visibility: Visibility;
  data: Json;
  note: string | null;
  prev_hash: string;
  hash: string;
}
export interface DocumentTable {
  id: Generated<string>;
  case_id: string;
  filename: string;
  content_type: string;
  size_bytes: ColumnType<string, number, number>;
  sha256: string;
  storage_key: string;
  visibility: Generated<Visibility>;
  uploaded_by: string | null;
  created_at: Generated<Date>;
}
export interface AuditLogTable {
  id: Generated<string>;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  ip: string | null;
  user_agent: string | null;
  at: Generated<Date>;
}

// Sistem 48 (src/sistem48): problem categories, routing, reports, photos, SLA and costs.
export interface Sistem48SettingsTable {
  id: Generated<boolean>;
  boundary: Json<unknown> | null;
  dispatcher_unit_id: string | null;
  duplicate_radius_m: Generated<number>;
  working_days: Generated<number[]>;
  working_day_start: Generated<number>;
  working_day_end: Generated<number>;
  intake_per_ip_per_hour: Generated<number>;
  photo_max_bytes: Generated<number>;
  photo_max_dimension: Generated<number>;
  photo_max_count: Generated<number>;
  updated_at: Generated<Date>;
  auto_route_threshold: Generated<number>;
}
export interface ProblemCategoryTable {
  id: Generated<number>;
  code: string;
  case_type_id: number;
  name: Json<Record<string, string>>;
  description: Json<Record<string, string>>;
  icon: Generated<string>;
  group_code: string | null;
  keywords: Generated<string[]>;
  fields: Json<unknown[]>;
  sla_hours: Generated<number>;
  sla_clock: Generated<'calendar' | 'working'>;
  warn_percent: Generated<number>;
  resolution_days: number | null;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  review_required: Generated<boolean>;
  fix_question_days: Generated<number | null>;
}
export interface PublicUpdateModerationTable {
  event_id: string;
  case_id: string;
  public_note: Generated<string | null>;
  hidden: Generated<boolean>;
  awaiting_review: Generated<boolean>;
  updated_at: Timestamp;
}
export interface RoutingRuleTable {
  id: Generated<number>;
  category_id: number | null;
  unit_id: string;
  area: Json<unknown> | null;
  min_lat: number | null;
  max_lat: number | null;
  min_lon: number | null;
  max_lon: number | null;
  streets: Generated<string[]>;
  street_keys: Generated<string[]>;
  priority: Generated<number>;
  note: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface ProblemReportTable {
  case_id: string;
  report_no: ColumnType<string, never, never>;
  category_id: number;
  lat: number | null;
  lon: number | null;
  address: string | null;
  address_key: string | null;
  location_source: 'given' | 'photo' | 'address';
  field_values: Json;
  routing_rule_id: number | null;
  routed_by: 'rule' | 'fallback' | 'none';
  reroute_count: Generated<number>;
  contact_consent: Generated<boolean>;
  merged_into: string | null;
  sla_hours: number;
  sla_clock: 'calendar' | 'working';
  first_response_due_at: Timestamp;
  first_response_warn_at: Timestamp;
  responded_at: Timestamp | null;
  planned_resolution_at: Timestamp | null;
  external_client: string | null;
  media_url: string | null;
  created_at: Generated<Date>;
  public_description: Generated<string | null>;
  awaiting_review: Generated<boolean>;
  router_model_version: Generated<number | null>;
  router_confidence: Generated<number | null>;
  router_suggestions: ColumnType<{ category: string; confidence: number }[] | null, string | null | undefined, string | null>;
}
export interface RouterModelTable {
  id: Generated<number>;
  trained_at: Timestamp;
  training_size: number;
  held_out_size: number;
  categories: string[];
  feature_bits: number;
  temperature: number;
  weights: Buffer;
  evaluation: Json<unknown>;
}
export interface ReportPhotoTable {
  id: string;
  case_id: string;
  source: 'citizen' | 'field';
  content_type: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  approved_at: Timestamp | null;
  approved_by: string | null;
  created_at: Generated<Date>;
}
export interface ReportFollowerTable {
  id: Generated<string>;
  case_id: string;
  channel: 'sms' | 'email';
  address: string;
  locale: string;
  wants_updates: Generated<boolean>;
  supports: Generated<boolean>;
  requested: Json;
  code_hash: string;
  salt: string;
  attempts: Generated<number>;
  created_at: Timestamp;
  code_expires_at: Timestamp;
  verified_at: Timestamp | null;
  consent_text_version: string | null;
  consent_at: Timestamp | null;
  stopped_at: Timestamp | null;
  stop_token: string;
}
export interface ReportAlertTable {
  id: Generated<string>;
  email: string;
  locale: string;
  category_codes: string[] | null;
  street: string | null;
  street_key: string | null;
  bbox: number[] | null;
  token: string;
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
  consent_text_version: string | null;
  stopped_at: Timestamp | null;
  covered_until: Timestamp | null;
}
export interface HolidayTable {
  day: ColumnType<string, string, string>;
  name: string;
  created_at: Generated<Date>;
}
export interface SlaEscalationTable {
  id: Generated<string>;
  case_id: string;
  level: 'warning' | 'breach';
  due_at: Timestamp;
  unit_id: string | null;
  recipient_ids: string[];
  fired_at: Timestamp;
}
export interface ReportCostTable {
  id: Generated<string>;
  case_id: string;
  unit_id: string | null;
  labour_hours: ColumnType<string, number, number>;
  materials: ColumnType<string, number, number>;
  contractor: ColumnType<string, number, number>;
  contractor_name: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

// Reports (src/reports): first decisions, the weekly overview archive, budget lines.
export interface CaseDecisionTable {
  case_id: string;
  decided_at: Timestamp;
  status: CaseStatus;
  event_id: string;
}
/** The reports' read model, kept by triggers (migration 202611215004_report_facts). */
export interface ReportFactTable {
  case_id: string;
  registered_at: Timestamp;
  closed_at: Timestamp | null;
  due_at: Timestamp | null;
  unit_id: string | null;
  channel: Channel;
  category_id: number;
  responded_at: Timestamp | null;
  first_response_due_at: Timestamp;
  first_response_warn_at: Timestamp;
  reroute_count: number;
  merged: boolean;
  decided_at: Timestamp | null;
  decided_status: CaseStatus | null;
  lat: number | null;
  lon: number | null;
  /** The 1 km grid cell "row,column" (generated from lat and lon; migration 202612079302). */
  area_cell: ColumnType<string | null, never, never>;
}
/** The dashboard's roll-up per UTC day ('d') or month ('m') and split (migration 202612079301_report_rollup). */
export interface ReportRollupTable {
  level: 'd' | 'm';
  /** A date (YYYY-MM-DD); read it as bucket::text (pg would parse a date in the process's time zone). */
  bucket: string;
  dim: 'all' | 'unit' | 'category' | 'channel' | 'area';
  key: string;
  received: number;
  due_sla: number;
  answered_sla: number;
  fr_n: number;
  res_n: number;
  fr_bins: number[];
  fr_counts: number[];
  res_bins: number[];
  res_counts: number[];
}
/** The buckets whose roll-up no longer matches report_facts (append-only marks, kept by a trigger). */
export interface ReportRollupChangeTable {
  level: 'd' | 'm';
  bucket: string;
}
export interface ReportFieldResultTable {
  event_id: string;
  case_id: string;
  unit_id: string | null;
  occurred_at: Timestamp;
}
export interface WeeklyOverviewTable {
  week: string;
  period_start: Timestamp;
  period_end: Timestamp;
  schema_version: number;
  data: Json<unknown>;
  generated_at: Timestamp;
}
export interface BudgetLineTable {
  id: Generated<number>;
  unit_id: string;
  year: number;
  category_id: number | null;
  cost_kind: 'total' | 'labour' | 'materials' | 'contractor';
  amount: ColumnType<string, number | string, number | string>;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

// Notifications (src/notifications): settings, templates, preferences, consent, messages, receipts, external registry.
export interface NotificationKindSettingTable {
  kind: string;
  level: 'internal' | 'notifiable' | 'key';
  updated_by: string | null;
  updated_by_name: string;
  updated_at: Generated<Date>;
}
export interface NotificationTemplateTable {
  id: Generated<string>;
  kind: string;
  channel: 'sms' | 'email_subject' | 'email_body' | 'viber';
  locale: string;
  version: number;
  body: string;
  created_by: string | null;
  created_by_name: string;
  created_at: Generated<Date>;
}
export interface MessageOverrideTable {
  id: Generated<string>;
  key: string;
  locale: string;
  version: number;
  /** null: the message is back to the shipped file's text. */
  text: string | null;
  created_by: string | null;
  created_by_name: string;
  created_at: Generated<Date>;
}
export interface PartyNotificationPreferencesTable {
  party_id: string;
  viber_user_id: string | null;
  channel_order: Generated<string[]>;
  scope: Generated<'all' | 'key'>;
  locale: string | null;
  quiet_from: number | null;
  quiet_to: number | null;
  unsubscribe_token: string;
  updated_at: Generated<Date>;
}
export interface NotificationConsentTable {
  id: Generated<string>;
  party_id: string;
  channel: 'sms' | 'email' | 'viber';
  action: 'given' | 'withdrawn';
  method: 'counter_signed' | 'written_application' | 'portal' | 'viber_subscription' | 'viber_unsubscribed' | 'web_form' | 'phone_call';
  address: string | null;
  text_version: string | null;
  document_ref: string | null;
  recorded_by: string | null;
  recorded_by_name: string;
  at: Timestamp;
  created_at: Generated<Date>;
}
export interface NotificationMessageTable {
  // event_id, case_id and consent_id are null for a direct message (no case event causes it: codes, links, replies, staff e-mails).
  id: Generated<string>;
  event_id: string | null;
  case_id: string | null;
  party_id: string | null;
  channel: 'sms' | 'email' | 'viber';
  kind: string;
  level: 'notifiable' | 'key';
  recipient: string;
  locale: string;
  subject: string | null;
  body: string;
  template_versions: Json<Record<string, number>>;
  consent_id: string | null;
  sms_encoding: string | null;
  sms_parts: number | null;
  status: Generated<'queued' | 'sending' | 'sent' | 'delivered' | 'failed_temporary' | 'failed_permanent' | 'expired'>;
  status_at: Timestamp;
  attempts: Generated<number>;
  not_before: Timestamp;
  expires_at: Timestamp;
  provider_message_id: string | null;
  last_error: string | null;
  fallback_of: string | null;
  fallback_reason: string | null;
  next_channels: Generated<string[]>;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  delivered_at: Timestamp | null;
  seen_at: Timestamp | null;
  failed_at: Timestamp | null;
  sending_by: string | null;
  user_id: string | null;
  about_case_id: string | null;
  redacted: string | null;
  keyboard: Json<Record<string, unknown>> | null;
}
export interface NotificationReceiptTable {
  id: Generated<string>;
  channel: 'sms' | 'email' | 'viber';
  provider_message_id: string;
  message_id: string | null;
  status: 'delivered' | 'failed' | 'expired' | 'seen';
  detail: string | null;
  reported_at: Timestamp;
  received_at: Generated<Date>;
}
export interface ExternalRegistryEventTable {
  external_system: string;
  external_event_id: string;
  case_id: string;
  case_event_id: string | null;
  received_at: Generated<Date>;
}
export interface ExternalPartyTable {
  external_system: string;
  external_party_id: string;
  party_id: string;
}

// Citizens (src/citizens): one-time codes, messages outside case events, the Viber chatbot, messages coming in.
export interface CitizenCodeTable {
  id: Generated<string>;
  purpose: 'activation' | 'sign_in' | 'sign_up' | 'email_link' | 'viber_link' | 'contact_change';
  target: string;
  user_id: string | null;
  code_hash: string;
  salt: string;
  data: Json;
  attempts: Generated<number>;
  max_attempts: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}
export interface ViberLinkTokenTable {
  token_hash: string;
  party_id: string;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  used_by: string | null;
}
export interface ViberBotUserTable {
  viber_user_id: string;
  locale: string | null;
  pending_phone: string | null;
  pending_until: Timestamp | null;
  pending_report: string | null;
  pending_report_until: Timestamp | null;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
}
export interface InboundMessageTable {
  id: Generated<string>;
  channel: 'sms' | 'email' | 'viber';
  sender: string;
  external_id: string | null;
  received_at: Timestamp;
  outcome: string;
  detail: string | null;
  size_bytes: number | null;
  case_id: string | null;
}

export interface ReportImportTable {
  id: Generated<string>;
  file_name: string;
  imported_by: string | null;
  imported_at: Timestamp;
  rows_total: number;
  created: number;
  already_imported: number;
  categories_created: string[];
}
export interface ImportedReportTable {
  case_id: string;
  import_id: string;
  import_key: string;
  line: number;
  external_id: string | null;
  unit_from_file: boolean;
}
/** One "is it fixed?" question to one person about one resolved case (at most two per person and case). */
export interface FixQuestionTable {
  id: Generated<string>;
  case_id: string;
  /** Exactly one of party_id and follower_id: the question is for a party of the case or a follower of the report. */
  party_id: string | null;
  follower_id: string | null;
  round: number;
  token: string;
  resolved_at: Timestamp;
  ask_at: Timestamp;
  asked_at: Timestamp | null;
  channel: 'sms' | 'email' | 'viber' | null;
  skipped: string | null;
  answer: 'fixed' | 'not_fixed' | null;
  answered_at: Timestamp | null;
  answered_via: 'sms' | 'email' | 'viber' | 'portal' | 'web' | null;
  rating: number | null;
  comment: string | null;
  reopened: Generated<boolean>;
  unit_id: string | null;
  category_id: number | null;
  created_at: Timestamp;
}

export interface Database {
  org_units: OrgUnitTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  password_resets: PasswordResetTable;
  login_throttle: LoginThrottleTable;
  case_types: CaseTypeTable;
  number_series: NumberSeriesTable;
  parties: PartyTable;
  cases: CaseTable;
  case_parties: CasePartyTable;
  event_types: EventTypeTable;
  case_events: CaseEventTable;
  documents: DocumentTable;
  audit_log: AuditLogTable;
  sistem48_settings: Sistem48SettingsTable;
  problem_categories: ProblemCategoryTable;
  routing_rules: RoutingRuleTable;
  problem_reports: ProblemReportTable;
  public_update_moderations: PublicUpdateModerationTable;
  report_photos: ReportPhotoTable;
  holidays: HolidayTable;
  sla_escalations: SlaEscalationTable;
  report_costs: ReportCostTable;
  case_decisions: CaseDecisionTable;
  report_facts: ReportFactTable;
  report_rollup: ReportRollupTable;
  report_rollup_changes: ReportRollupChangeTable;
  report_field_results: ReportFieldResultTable;
  weekly_overviews: WeeklyOverviewTable;
  budget_lines: BudgetLineTable;
  notification_kind_settings: NotificationKindSettingTable;
  notification_templates: NotificationTemplateTable;
  message_overrides: MessageOverrideTable;
  party_notification_preferences: PartyNotificationPreferencesTable;
  notification_consents: NotificationConsentTable;
  notification_messages: NotificationMessageTable;
  notification_receipts: NotificationReceiptTable;
  external_registry_events: ExternalRegistryEventTable;
  external_parties: ExternalPartyTable;
  citizen_codes: CitizenCodeTable;
  viber_link_tokens: ViberLinkTokenTable;
  viber_bot_users: ViberBotUserTable;
  inbound_messages: InboundMessageTable;
  router_models: RouterModelTable;
  report_imports: ReportImportTable;
  imported_reports: ImportedReportTable;
  staff_second_factors: StaffSecondFactorTable;
  staff_recovery_codes: StaffRecoveryCodeTable;
  sign_in_challenges: SignInChallengeTable;
  security_settings: SecuritySettingsTable;
  canned_responses: CannedResponseTable;
  fix_questions: FixQuestionTable;
  report_followers: ReportFollowerTable;
  report_alerts: ReportAlertTable;
}

// Canned responses (src/sistem48): answer templates per unit (or the whole municipality), category and status.
export interface CannedResponseTable {
  id: Generated<string>;
  unit_id: string | null;
  category_id: number | null;
  status: CaseStatus | null;
  title: Json<Record<string, string>>;
  body: Json<Record<string, string>>;
  active: Generated<boolean>;
  created_by: string | null;
  updated_at: Generated<Date>;
}

// Staff second factor (src/organisation): TOTP secrets, recovery codes, pending sign-in steps, the municipality's switch.
export interface StaffSecondFactorTable {
  user_id: string;
  secret: string;
  confirmed_at: Timestamp | null;
  last_step: ColumnType<string | null, number | null, number | null>;
  created_at: Generated<Date>;
}
export interface StaffRecoveryCodeTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}
export interface SignInChallengeTable {
  id_hash: string;
  user_id: string;
  kind: 'totp' | 'enrol';
  expires_at: Timestamp;
  attempts: Generated<number>;
}
export interface SecuritySettingsTable {
  id: Generated<boolean>;
  admin_second_factor_required: Generated<boolean>;
}
