/** Kysely table types. Each migration that adds a table adds its interface here. */
import type { ColumnType, Generated } from 'kysely';
import type { CaseStatus, Channel, UnitKind, Role, PartyRole, Visibility } from '../domain/types.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, string | T, string | T>;

export interface OrgUnitTable {
  id: Generated<string>; kind: UnitKind; code: string; name: string; parent_id: string | null; path: string;
  head_user_id: string | null; email: string | null; active: Generated<boolean>; created_at: Generated<Date>;
}
export interface UserTable {
  id: Generated<string>; username: string | null; display_name: string; password_hash: string | null; role: Role;
  unit_id: string | null; party_id: string | null; phone: string | null; email: string | null; locale: string | null;
  active: Generated<boolean>; created_at: Generated<Date>; last_login_at: Date | null;
}
export interface SessionTable {
  id_hash: string; user_id: string; csrf_token: string; created_at: Generated<Date>; expires_at: Timestamp;
  ip: string | null; user_agent: string | null;
}
export interface ApiTokenTable {
  id: Generated<string>; name: string; token_hash: string; user_id: string; scopes: string[]; created_by: string | null;
  created_at: Generated<Date>; last_used_at: Date | null; revoked_at: Date | null;
}
export interface LoginThrottleTable { key: string; failures: number; window_started_at: Timestamp; locked_until: Timestamp | null }
export interface CaseTypeTable {
  id: Generated<number>; code: string; name: Json<Record<string, string>>; number_pattern: string; resolution_days: number | null;
  problem_report: Generated<boolean>; active: Generated<boolean>; created_at: Generated<Date>;
}
export interface NumberSeriesTable { series_key: string; last_seq: number }
export interface PartyTable {
  id: Generated<string>; kind: 'person' | 'legal_entity'; name: string; id_number: string | null; phone: string | null;
  email: string | null; address: string | null; locale: string | null; search_key: string;
  created_at: Generated<Date>; updated_at: Generated<Date>;
}
export interface CaseTable {
  id: Generated<string>; number: string; case_type_id: number; subject: string; description: string; channel: Channel;
  classification_code: string | null; tracking_code: string; status: CaseStatus; is_open: ColumnType<boolean, never, never>;
  status_changed_at: Timestamp; registry_unit_id: string | null; unit_id: string | null; clerk_id: string | null;
  awaiting_unit_id: string | null; registered_by: string | null; registered_at: Timestamp; due_at: Timestamp | null;
  closed_at: Timestamp | null; external_system: string | null; external_id: string | null; search_key: string;
  last_event_seq: number; last_event_hash: string; updated_at: Generated<Date>;
}
export interface CasePartyTable { case_id: string; party_id: string; role: PartyRole }
export interface EventTypeTable { code: string; default_visibility: Visibility; description: string }
export interface CaseEventTable {
  id: Generated<string>; case_id: string; seq: number; type: string; actor_id: string | null; actor_name: string;
  actor_role: string | null; occurred_at: Timestamp; visibility: Visibility; data: Json; note: string | null;
  prev_hash: string; hash: string;
}
export interface DocumentTable {
  id: Generated<string>; case_id: string; filename: string; content_type: string; size_bytes: ColumnType<string, number, number>;
  sha256: string; storage_key: string; visibility: Generated<Visibility>; uploaded_by: string | null; created_at: Generated<Date>;
}
export interface AuditLogTable {
  id: Generated<string>; actor_id: string | null; actor_name: string; action: string; entity: string; entity_id: string | null;
  before: Json | null; after: Json | null; ip: string | null; at: Generated<Date>;
}

export interface Database {
  org_units: OrgUnitTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
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
}
