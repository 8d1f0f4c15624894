/**
 * The public Sistem 48 screens' endpoints: categories, the report form, the map and list of
 * problems, one report, duplicates, address suggestions and the map's settings. Spread into
 * ENDPOINTS in api.ts, so test/browser/api-client.test.ts checks them against the OpenAPI document
 * like every other call. The report form has no JSON schema (JSON or multipart), so its fields are
 * listed as multipart.
 */
import type { Endpoint } from './api.ts';

const PUB = '/api/v1/sistem48/public';
const LIST_QUERY = ['category', 'unit', 'status', 'from', 'to', 'q', 'street', 'page', 'pageSize'] as const;

export const S48_PUBLIC_ENDPOINTS = {
  s48PublicCategories: { method: 'GET', path: `${PUB}/categories` },
  s48PublicMap: { method: 'GET', path: `${PUB}/map` },
  s48PublicAddresses: { method: 'GET', path: `${PUB}/addresses`, query: ['q'] },
  s48PublicFileReport: {
    method: 'POST',
    path: `${PUB}/reports`,
    multipart: [
      'category',
      'description',
      'address',
      'lat',
      'lon',
      'field[code]',
      'contact_name',
      'contact_phone',
      'contact_email',
      'consent',
      'locale',
      'photos',
    ],
  },
  s48PublicReports: { method: 'GET', path: `${PUB}/reports`, query: LIST_QUERY },
  s48PublicReportsGeo: { method: 'GET', path: `${PUB}/reports.geojson`, query: LIST_QUERY },
  s48PublicReport: { method: 'GET', path: `${PUB}/reports/{no}` },
  s48PublicTrack: { method: 'GET', path: `${PUB}/track/{code}` },
  s48PublicDuplicates: { method: 'GET', path: `${PUB}/duplicates`, query: ['category', 'lat', 'lon', 'address', 'text'] },
  s48PublicPhoto: { method: 'GET', path: `${PUB}/photos/{id}` },
  s48PublicClassify: { method: 'POST', path: `${PUB}/classify`, body: ['text'] },
  s48PublicFixQuestion: { method: 'GET', path: `${PUB}/fix/{token}` },
  s48PublicFixAnswer: { method: 'POST', path: `${PUB}/fix/{token}`, body: ['answer', 'rating', 'comment', 'via'] },
  s48PublicFollow: { method: 'POST', path: `${PUB}/reports/{no}/followers`, body: ['phone', 'email', 'updates', 'support', 'locale'] },
  s48PublicFollowConfirm: { method: 'POST', path: `${PUB}/reports/{no}/followers/confirm`, body: ['phone', 'email', 'code'] },
  s48PublicAlert: { method: 'POST', path: `${PUB}/alerts`, body: ['email', 'category', 'street', 'bbox', 'locale'] },
  s48PublicAlertConfirm: { method: 'POST', path: `${PUB}/alerts/confirm`, body: ['token'] },
  s48PublicAlertStop: { method: 'POST', path: `${PUB}/alerts/stop`, body: ['token'] },
  s48PublicFollowStop: { method: 'POST', path: `${PUB}/followers/stop`, body: ['token'] },
} as const satisfies Record<string, Endpoint>;
