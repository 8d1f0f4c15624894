/**
 * Sistem 48 endpoints of the staff screens: the operator console (caller lookup, duplicates, filing)
 * and the report panel on the case page (routing, response, merge, field result, costs, photos).
 * Spread into ENDPOINTS in api.ts, so test/browser/api-client.test.ts checks them against the
 * OpenAPI document like every other call.
 */
import type { Endpoint } from './api.ts';

const S48 = '/api/v1/sistem48';

export const S48_STAFF_ENDPOINTS = {
  // The route reads its body itself (JSON or multipart with photos), so OpenAPI has no body schema to check fields against.
  s48sFileReport: { method: 'POST', path: `${S48}/reports` },
  s48sCallers: { method: 'GET', path: `${S48}/callers`, query: ['phone'] },
  // Either lat+lon or address (then items carry sameAddress instead of a distance).
  s48sDuplicates: { method: 'GET', path: `${S48}/duplicates`, query: ['category', 'lat', 'lon', 'address', 'radiusM', 'text'] },
  // The caller of a call about a report already open is added to it instead of filing a new one.
  s48sAddReporter: { method: 'POST', path: `${S48}/reports/{id}/reporters`, body: ['partyId', 'contact'] },
  s48sReport: { method: 'GET', path: `${S48}/reports/{id}` },
  s48sReroute: { method: 'POST', path: `${S48}/reports/{id}/reroute`, body: ['unitId', 'reason'] },
  s48sMerge: { method: 'POST', path: `${S48}/reports/{id}/merge`, body: ['intoCaseId', 'note'] },
  s48sRespond: { method: 'POST', path: `${S48}/reports/{id}/response`, body: ['status', 'plannedResolutionAt', 'note'] },
  s48sFieldResult: { method: 'POST', path: `${S48}/reports/{id}/field-result`, body: ['note', 'photoIds', 'resolve'] },
  s48sRecordCost: { method: 'POST', path: `${S48}/reports/{id}/costs`, body: ['labourHours', 'materials', 'contractor', 'contractorName', 'note'] },
  s48sAddPhoto: { method: 'POST', path: `${S48}/reports/{id}/photos`, multipart: ['photo'] },
  s48sApprovePhoto: { method: 'POST', path: `${S48}/photos/{id}/approval` },
  s48sModerate: { method: 'POST', path: `${S48}/reports/{id}/moderation`, body: ['action', 'text', 'reason'] },
  s48sModerateUpdate: { method: 'POST', path: `${S48}/reports/{id}/updates/{updateId}/moderation`, body: ['action', 'text', 'reason'] },
  s48sPhoto: { method: 'GET', path: `${S48}/photos/{id}` },
  // The report router: suggestions while the description is typed, and the dispatcher's category correction.
  s48sClassify: { method: 'POST', path: `${S48}/classify`, body: ['text'] },
  s48sRecategorise: { method: 'POST', path: `${S48}/reports/{id}/category`, body: ['category', 'reason'] },
  // The administrator's import of report history: a preview, then the import (the same file sent again).
  s48sImport: { method: 'POST', path: `${S48}/imports`, multipart: ['mode', 'createCategories', 'file'] },
  s48sImports: { method: 'GET', path: `${S48}/imports` },
} as const satisfies Record<string, Endpoint>;
