/** Typed calls of the public Sistem 48 endpoints (see ../../endpoints-s48-public.ts). */
import type { CategoryAdvice } from '../../components/CategorySuggestions.tsx';
import { call, ENDPOINTS, urlOf } from '../../api.ts';
import type { CaseStatus } from '../../../../src/kernel/types.ts';

export interface CategoryFieldDef {
  code: string;
  type: 'string' | 'text' | 'number' | 'datetime' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  label: string;
  description: string;
  options: { key: string; name: string }[];
}
export interface PublicCategory {
  id: number;
  code: string;
  name: string;
  description: string;
  icon: string;
  group: string | null;
  slaHours: number;
  fields: CategoryFieldDef[];
}

export interface MapSettings {
  tileUrl: string;
  attribution: string;
  boundary: object | null;
  bounds: [number, number, number, number] | null;
  centre: { lat: number; lon: number } | null;
  duplicateRadiusM: number;
  photoMaxCount: number;
  photoMaxBytes: number;
  units: { id: string; name: string }[];
  /** IANA zone of the municipality (GLAS_TIMEZONE): every date typed in the app is a day there. */
  timeZone: string;
}

export interface AddressSuggestion {
  label: string;
  source: 'street' | 'report';
  lat: number | null;
  lon: number | null;
}

export interface FiledReport {
  id: string;
  number: string;
  trackingCode: string;
  status: CaseStatus;
  registeredAt: string;
  firstResponseDueAt: string;
  location: { lat: number | null; lon: number | null; source: string };
}

export type ClockState = 'ok' | 'warning' | 'breached' | 'answered';
export interface FirstResponse {
  state: ClockState;
  dueAt: string;
  warnAt: string;
  remainingSeconds: number;
  answeredAt: string | null;
  answeredLate: boolean | null;
}

/** A report as anyone may see it: the API leaves out every party, contact and the tracking code. */
export interface PublicReport {
  id: string;
  number: string;
  category: { code: string; name: string };
  status: CaseStatus;
  statusLabel: string;
  open: boolean;
  description: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  unit: string | null;
  registeredAt: string;
  updatedAt: string;
  plannedResolutionAt: string | null;
  closedAt: string | null;
  mergedInto: string | null;
  fields: Record<string, unknown>;
  photoIds: string[];
  firstResponse: FirstResponse;
  /** The promise the report runs on: its hours, on the calendar or in working hours. */
  sla?: { hours: number; clock: 'calendar' | 'working' };
  /** The category asks for review: no text and no photos until a moderator has read the report. */
  awaitingReview: boolean;
  /** A moderator edited or removed the text the public reads. */
  moderated: boolean;
  /** Waiting for the citizen since then (the answer clock is paused), or null. */
  waitingForCitizenSince?: string | null;
  /** Hours the report has waited for the citizen so far (not counted against the unit). */
  pausedHours?: number;
}
export interface TimelineItem {
  type: string;
  label: string;
  at: string;
  status: CaseStatus | null;
  statusLabel: string | null;
  unit: string | null;
  plannedResolutionAt: string | null;
  mergedInto: string | null;
  photoIds: string[];
  note: string | null;
  /** An update that waits for a moderator: shown without its text. */
  awaitingReview: boolean;
}
export type PublicReportDetail = PublicReport & { timeline: TimelineItem[]; supportCount: number };

/** distanceM is null, and sameAddress says same address or only same street, when asked by address. */
export interface Duplicate {
  id: string;
  number: string;
  status: CaseStatus;
  distanceM: number | null;
  sameAddress?: boolean;
  registeredAt: string;
  address: string | null;
  description: string;
  lat: number | null;
  lon: number | null;
}

export interface ReportFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    number: string;
    category: string;
    categoryName: string;
    status: CaseStatus;
    statusLabel: string;
    open: boolean;
    unit: string | null;
    address: string | null;
    registeredAt: string;
    clock: ClockState;
  };
}

/** The filters of the list and the map, exactly as the API's query string takes them. */
export interface ListQuery {
  category?: string;
  unit?: string;
  status?: string;
  from?: string;
  to?: string;
  q?: string;
  street?: string;
  page?: number;
  pageSize?: number;
}

export const s48PublicApi = {
  categories: () => call<{ items: PublicCategory[] }>(ENDPOINTS.s48PublicCategories),
  classify: (text: string) => call<CategoryAdvice>(ENDPOINTS.s48PublicClassify, { body: { text } }),
  mapSettings: () => call<MapSettings>(ENDPOINTS.s48PublicMap),
  addresses: (q: string) => call<{ items: AddressSuggestion[] }>(ENDPOINTS.s48PublicAddresses, { query: { q } }),
  fileReport: (form: FormData) => call<FiledReport>(ENDPOINTS.s48PublicFileReport, { form }),
  reports: (q: ListQuery) => call<{ items: PublicReport[]; page: number; pageSize: number; hasMore: boolean }>(ENDPOINTS.s48PublicReports, { query: { ...q } }),
  reportsGeoJson: (q: ListQuery) => call<{ type: 'FeatureCollection'; features: ReportFeature[] }>(ENDPOINTS.s48PublicReportsGeo, { query: { ...q } }),
  report: (no: string) => call<PublicReportDetail>(ENDPOINTS.s48PublicReport, { params: { no } }),
  follow: (no: string, b: ({ phone: string } | { email: string }) & { updates: boolean; support: boolean; locale: string }) =>
    call<{ sent: true; channel: 'sms' | 'email' }>(ENDPOINTS.s48PublicFollow, { params: { no }, body: b }),
  confirmFollow: (no: string, b: ({ phone: string } | { email: string }) & { code: string }) =>
    call<{ following: boolean; supporting: boolean; supportCount: number }>(ENDPOINTS.s48PublicFollowConfirm, { params: { no }, body: b }),
  subscribeAlert: (b: { email: string; category?: string[]; street?: string; bbox?: number[]; locale: string }) =>
    call<{ sent: true }>(ENDPOINTS.s48PublicAlert, { body: b }),
  confirmAlert: (token: string) => call<{ confirmed: boolean }>(ENDPOINTS.s48PublicAlertConfirm, { body: { token } }),
  stopAlert: (token: string) => call<{ stopped: boolean }>(ENDPOINTS.s48PublicAlertStop, { body: { token } }),
  stopFollowing: (token: string) => call<{ stopped: boolean }>(ENDPOINTS.s48PublicFollowStop, { body: { token } }),
  /** The problem report a tracking code belongs to, if it is one (404 for other cases). */
  byTrackingCode: (code: string) => call<PublicReportDetail>(ENDPOINTS.s48PublicTrack, { params: { code } }),
  duplicates: (category: string, where: { lat?: number; lon?: number; address?: string }, text = '') =>
    call<{ radiusM: number; items: Duplicate[] }>(ENDPOINTS.s48PublicDuplicates, { query: { category, ...where, ...(text ? { text } : {}) } }),
  photoUrl: (id: string) => urlOf(ENDPOINTS.s48PublicPhoto, { id }),
  fixQuestion: (token: string) => call<FixQuestion>(ENDPOINTS.s48PublicFixQuestion, { params: { token } }),
  answerFix: (token: string, body: { answer?: 'fixed' | 'not_fixed'; rating?: number; comment?: string; via?: 'email' | 'portal' | 'web' }) =>
    call<{ outcome: string; answer: 'fixed' | 'not_fixed' | null; reopened: boolean; number: string }>(ENDPOINTS.s48PublicFixAnswer, {
      params: { token },
      body,
    }),
};

/** "Is it fixed?" behind an answer link. */
export interface FixQuestion {
  number: string;
  subject: string;
  answer: 'fixed' | 'not_fixed' | null;
  rating: number | null;
  comment: string | null;
  reopened: boolean;
}
