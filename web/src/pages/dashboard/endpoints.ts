/**
 * The leadership dashboard's and the unit head's home's endpoints (issue 15). Spread into ENDPOINTS in
 * api.ts, so test/browser/api-client.test.ts checks them against the OpenAPI document.
 */
import type { Endpoint } from '../../api.ts';

const OVERVIEW_QUERY = ['from', 'to', 'unitId', 'categoryId', 'channel', 'area', 'by'];
const DRILL_QUERY = ['metric', 'unitId', 'categoryId', 'channel', 'from', 'to', 'cell', 'cellM', 'minAgeDays', 'maxAgeDays', 'limit', 'offset'];

export const DASHBOARD_ENDPOINTS = {
  dashOverview: { method: 'GET', path: '/api/v1/reports/dashboard/overview', query: OVERVIEW_QUERY },
  dashOverviewCsv: { method: 'GET', path: '/reports/dashboard/overview.csv', query: [...OVERVIEW_QUERY, 'lang'] },
  dashOverviewXlsx: { method: 'GET', path: '/reports/dashboard/overview.xlsx', query: [...OVERVIEW_QUERY, 'lang'] },
  dashDrill: { method: 'GET', path: '/api/v1/reports/drilldown', query: DRILL_QUERY },
  dashDrillCsv: { method: 'GET', path: '/reports/drilldown.csv', query: [...DRILL_QUERY, 'lang'] },
  dashDrillXlsx: { method: 'GET', path: '/reports/drilldown.xlsx', query: [...DRILL_QUERY, 'lang'] },
  reportUnits: { method: 'GET', path: '/api/v1/reports/units' },
  unitReportPage: { method: 'GET', path: '/reports/units/{unitId}', query: ['period', 'lang'] },
  unitReportPdf: { method: 'GET', path: '/reports/units/{unitId}/report.pdf', query: ['period', 'lang'] },
  unitReportXlsx: { method: 'GET', path: '/reports/units/{unitId}/report.xlsx', query: ['period', 'lang'] },
  unitHome: { method: 'GET', path: '/api/v1/reports/unit-home', query: ['filter', 'clerkId'] },
  unitHomeReassign: { method: 'POST', path: '/api/v1/reports/unit-home/reassign', body: ['caseIds', 'unitId', 'clerkId', 'note'] },
} as const satisfies Record<string, Endpoint>;
