/**
 * Typed calls of the Sistem 48 staff screens (endpoints in endpoints-s48-staff.ts, part of the checked
 * ENDPOINTS table). Answers keep the server's shapes: camelCase where the API presents, snake_case
 * where it returns rows (costs, escalations).
 */
import type { CaseStatus } from '../../../../src/kernel/types.ts';
import { call, ENDPOINTS, urlOf } from '../../api.ts';
import type { ClockState } from '../../api-workspace.ts';
import type { CategoryAdvice } from '../../components/CategorySuggestions.tsx';

export interface CallerParty {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  locale: string | null;
}
export interface CallerReport {
  id: string;
  caseId: string;
  partyId: string;
  number: string;
  category: { code: string; name: string };
  status: CaseStatus;
  statusLabel: string;
  open: boolean;
  address: string | null;
  registeredAt: string;
}
export interface CallerLookup {
  phone: string;
  parties: CallerParty[];
  reports: CallerReport[];
}

export interface DuplicateSuggestion {
  id: string;
  caseId: string;
  number: string;
  status: CaseStatus;
  registeredAt: string;
  address: string | null;
  description: string | null;
  /** Metres from the given point; null when asked by address. */
  distanceM: number | null;
  /** Asked by address: the same address (true) or only the same street (false). */
  sameAddress?: boolean;
}
export interface Duplicates {
  radiusM: number;
  category: { code: string; name: string };
  items: DuplicateSuggestion[];
}

/** What the operator console sends: the route reads JSON with nested contact and fields. */
export interface NewReport {
  category: number;
  description?: string;
  address?: string;
  lat?: number;
  lon?: number;
  fields?: Record<string, string | number | string[]>;
  partyId?: string;
  channel: 'phone' | 'counter';
  contact?: { name?: string; phone?: string; email?: string; consent: boolean };
}
export interface ReporterBody {
  partyId?: string;
  contact?: { name?: string; phone?: string; email?: string; consent?: boolean };
}
export interface AddedReporter {
  caseId: string;
  number: string;
  partyId: string;
}
export interface FiledReport {
  caseId: string;
  id: string;
  number: string;
  trackingCode: string;
  status: CaseStatus;
  unitId: string | null;
  routedBy: string;
  firstResponseDueAt: string;
}

export interface ReportPhoto {
  id: string;
  source: 'citizen' | 'field';
  width: number;
  height: number;
  approved: boolean;
  createdAt: string;
}
export interface ReportCost {
  id: string;
  labour_hours: string;
  materials: string;
  contractor: string;
  contractor_name: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: string;
}
export interface Escalation {
  id: string;
  level: 'warning' | 'breach';
  due_at: string;
  unit_id: string | null;
  recipient_ids: string[];
  fired_at: string;
}
export interface StaffReport {
  caseId: string;
  id: string;
  number: string;
  subject: string;
  status: CaseStatus;
  open: boolean;
  category: { id: number; code: string; name: string };
  description: string;
  lat: number | null;
  lon: number | null;
  address: string | null;
  fields: Record<string, unknown> | null;
  unitId: string | null;
  unitName: string | null;
  clerkId: string | null;
  clerkName: string | null;
  routedBy: string;
  routingRuleId: number | null;
  rerouteCount: number;
  /** What the report router said at intake; null when a person chose the category. */
  router: { modelVersion: number; confidence: number; suggestions: { category: string; confidence: number }[] } | null;
  contactConsent: boolean;
  supportCount: number;
  mergedInto: string | null;
  registeredAt: string;
  dueAt: string | null;
  plannedResolutionAt: string | null;
  sla: { hours: number; clock: 'calendar' | 'working' };
  firstResponse: ClockState;
  photos: ReportPhoto[];
  costs: ReportCost[];
  escalations: Escalation[];
  /** ISO 4217 code of the cost amounts (GLAS_CURRENCY). */
  currency: string;
  /** What the public reads of the description: the moderator's version (null: as written) and the result, masked. */
  moderation: { awaitingReview: boolean; moderatedDescription: string | null; publicDescription: string };
  /** Citizens' and Open311 updates: the note as written and what the public reads of it. */
  updates: ReportUpdate[];
}
export interface ReportUpdate {
  id: string;
  at: string;
  by: string;
  note: string | null;
  moderatedNote: string | null;
  hidden: boolean;
  awaitingReview: boolean;
  publicNote: string | null;
}
export type ReportModerationAction = 'edit' | 'redact' | 'restore' | 'approve';
export type UpdateModerationAction = ReportModerationAction | 'hide' | 'show';
export interface ModerationBody<A> {
  action: A;
  text?: string;
  reason?: string;
}

export interface CostBody {
  labourHours?: number;
  materials?: number;
  contractor?: number;
  contractorName?: string;
  note?: string;
}

export const s48 = {
  lookUpCaller: (phone: string) => call<CallerLookup>(ENDPOINTS.s48sCallers, { query: { phone } }),
  duplicates: (category: number, where: { lat?: number; lon?: number; address?: string }, text = '') =>
    call<Duplicates>(ENDPOINTS.s48sDuplicates, { query: { category: String(category), ...where, ...(text ? { text } : {}) } }),
  addReporter: (caseId: string, b: ReporterBody) => call<AddedReporter>(ENDPOINTS.s48sAddReporter, { params: { id: caseId }, body: b }),
  fileReport: (b: NewReport) => call<FiledReport>(ENDPOINTS.s48sFileReport, { body: b }),
  report: (caseId: string) => call<StaffReport>(ENDPOINTS.s48sReport, { params: { id: caseId } }),
  classify: (text: string) => call<CategoryAdvice>(ENDPOINTS.s48sClassify, { body: { text } }),
  recategorise: (caseId: string, b: { category: string; reason?: string }) =>
    call<{ category: string; unitName: string | null; status: CaseStatus }>(ENDPOINTS.s48sRecategorise, { params: { id: caseId }, body: b }),
  reroute: (caseId: string, b: { unitId: string; reason?: string }) =>
    call<{ unitId: string; unitName: string; status: CaseStatus }>(ENDPOINTS.s48sReroute, { params: { id: caseId }, body: b }),
  merge: (caseId: string, b: { intoCaseId: string; note?: string }) =>
    call<{ intoNumber: string; partiesAdded: number }>(ENDPOINTS.s48sMerge, { params: { id: caseId }, body: b }),
  respond: (caseId: string, b: { status: CaseStatus; plannedResolutionAt: string; note?: string }) =>
    call<{ firstResponse: boolean; onTime: boolean | null }>(ENDPOINTS.s48sRespond, { params: { id: caseId }, body: b }),
  fieldResult: (caseId: string, b: { note: string; photoIds?: string[]; resolve?: boolean }) =>
    call<{ resolved: boolean }>(ENDPOINTS.s48sFieldResult, { params: { id: caseId }, body: b }),
  recordCost: (caseId: string, b: CostBody) => call<ReportCost>(ENDPOINTS.s48sRecordCost, { params: { id: caseId }, body: b }),
  addPhoto: (caseId: string, file: File) => {
    const form = new FormData();
    form.append('photo', file, file.name);
    return call<{ id: string; approved: boolean }>(ENDPOINTS.s48sAddPhoto, { params: { id: caseId }, form });
  },
  moderate: (caseId: string, b: ModerationBody<ReportModerationAction>) =>
    call<{ caseId: string }>(ENDPOINTS.s48sModerate, { params: { id: caseId }, body: b }),
  moderateUpdate: (caseId: string, updateId: string, b: ModerationBody<UpdateModerationAction>) =>
    call<{ caseId: string }>(ENDPOINTS.s48sModerateUpdate, { params: { id: caseId, updateId }, body: b }),
  approvePhoto: (photoId: string) => call<{ id: string; approved: boolean; changed: boolean }>(ENDPOINTS.s48sApprovePhoto, { params: { id: photoId } }),
  photoUrl: (photoId: string) => urlOf(ENDPOINTS.s48sPhoto, { id: photoId }),
};
