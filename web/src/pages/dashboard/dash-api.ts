/** Typed calls and shared helpers of the dashboard screens (the endpoints are in endpoints.ts, part of the checked ENDPOINTS table). */
import { call, ENDPOINTS, urlOf } from '../../api.ts';
import type { DashboardOverview } from '../../../../src/reports/queries/leadership.ts';

export type Overview = DashboardOverview;
export type Group = Overview['groups'][number];
export type Figures = Overview['total'];

export interface DrillPage {
  total: number;
  totalAtLeast: boolean;
  items: { caseId: string; number: string; reportNo: string; registeredAt: string; status: string; unitId: string | null }[];
}

export interface ReportUnit {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

export const QUEUE_FILTERS = ['all', 'due_today', 'overdue', 'waiting', 'unassigned'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export interface UnitHome {
  at: string;
  unitIds: string[];
  health: Record<QueueFilter, number>;
  clerks: ({ clerkId: string | null; name: string | null; unitId: string | null } & Record<QueueFilter, number>)[];
  filter: QueueFilter;
  items: {
    id: string;
    number: string;
    subject: string;
    status: string;
    unitId: string | null;
    clerkId: string | null;
    clerkName: string | null;
    dueAt: string | null;
    registeredAt: string;
    overdue: boolean;
  }[];
  escalations: { id: number; caseId: string; number: string; level: 'warning' | 'breach'; dueAt: string; firedAt: string; open: boolean }[];
}

export type Query = Record<string, string | undefined>;

export const dashApi = {
  overview: (q: Query) => call<Overview>(ENDPOINTS.dashOverview, { query: q }),
  drill: (q: Query) => call<DrillPage>(ENDPOINTS.dashDrill, { query: q }),
  units: () => call<{ items: ReportUnit[] }>(ENDPOINTS.reportUnits),
  home: (q: { filter?: QueueFilter; clerkId?: string }) => call<UnitHome>(ENDPOINTS.unitHome, { query: q }),
  reassign: (b: { caseIds: string[]; unitId: string; clerkId: string | null }) =>
    call<{ done: string[]; failed: { caseId: string; error: string }[] }>(ENDPOINTS.unitHomeReassign, { body: b }),
};

export const exportUrl = {
  overview: (q: Query, format: 'csv' | 'xlsx') => urlOf(format === 'csv' ? ENDPOINTS.dashOverviewCsv : ENDPOINTS.dashOverviewXlsx, {}, q),
  drill: (q: Query, format: 'csv' | 'xlsx') => urlOf(format === 'csv' ? ENDPOINTS.dashDrillCsv : ENDPOINTS.dashDrillXlsx, {}, q),
  unitReport: (unitId: string, format: 'page' | 'pdf' | 'xlsx', q: Query) =>
    urlOf(format === 'page' ? ENDPOINTS.unitReportPage : format === 'pdf' ? ENDPOINTS.unitReportPdf : ENDPOINTS.unitReportXlsx, { unitId }, q),
};

/** The drill-down page of the web app for a drill-down API link the server gave with a figure. */
export function drillHref(apiLink: string): string {
  const q = apiLink.split('?')[1] ?? '';
  return `/dashboard/reports?${q}`;
}

/** The query of an address, without the empty values. */
export function queryOf(params: URLSearchParams, keys: readonly string[]): Query {
  const q: Query = {};
  for (const k of keys) {
    const v = params.get(k);
    if (v) q[k] = v;
  }
  return q;
}
