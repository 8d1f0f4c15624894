/** Closed unions shared by the whole domain. Each list is the single source for its values. */
export const CASE_STATUSES = [
  'received',
  'delivered',
  'accepted',
  'in_progress',
  'awaiting_opinion',
  'incomplete',
  'approved',
  'rejected',
  'dismissed',
  'suspended',
  'resolved',
  'appeal_received',
  'returned_to_registry',
  'archived',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const DECISION_STATUSES = ['approved', 'rejected', 'dismissed', 'suspended', 'resolved'] as const satisfies readonly CaseStatus[];

export const CHANNELS = ['counter', 'web', 'phone', 'sms', 'email', 'viber', 'post', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const UNIT_KINDS = ['registry_office', 'department', 'public_enterprise', 'inspection', 'external_institution'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const STAFF_ROLES = ['registry_clerk', 'case_officer', 'unit_head', 'operator', 'admin', 'leadership'] as const;
export const ROLES = [...STAFF_ROLES, 'citizen'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = (typeof ROLES)[number];

export const PARTY_ROLES = ['applicant', 'co_applicant', 'representative', 'reporter', 'opposing'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export type Visibility = 'public' | 'internal';
/** A name or text in some of the languages, by locale code; the validated request gives no language for certain. */
export type LocalisedText = Partial<Record<string, string>>;

export const TOKEN_SCOPES = ['cases:read', 'cases:write', 'registry:events', 'open311', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Who is acting: every command and query takes one and decides access from it. */
export type Actor =
  | {
      kind: 'staff';
      userId: string;
      name: string;
      role: StaffRole;
      unitId: string | null;
      unitPath: string | null;
      locale: string | null;
      scopes: readonly TokenScope[] | null;
    }
  | {
      kind: 'citizen';
      userId: string;
      name: string;
      partyId: string | null;
      locale: string | null /** proven by a one-time code; the account sees every case whose party has this number */;
      verifiedPhone?: string | null;
    }
  | { kind: 'system'; name: string };

export const SYSTEM_ACTOR: Actor = { kind: 'system', name: 'Glas' };
