/**
 * Open311 GeoReport v2 shapes: categories as services, category fields as attributes, reports as
 * service requests (agency_responsible = the responsible unit, expected_datetime = the deadline),
 * FixMyStreet's request updates, and the error list. Each is a plain object, sent as JSON or as XML.
 */
import type { Locale } from '../../i18n/index.ts';
import { t } from '../../i18n/index.ts';
import type { CaseStatus } from '../../kernel/types.ts';
import type { CategoryRow } from '../repositories/category-repository.ts';
import type { PublicReportRow } from '../repositories/report-repository.ts';
import { maskContacts } from '../../kernel/lib/public-text.ts';
import { pickText, type CategoryField } from '../domain/fields.ts';
import { presentClock, presentTimelineItem, type PublicEvent } from '../queries/present.ts';
import { xmlDocument, xmlObject, type XmlValue } from './xml.ts';

export type Format = 'json' | 'xml';

export function service(c: CategoryRow, locale: Locale) {
  const fields = c.fields as CategoryField[];
  return {
    service_code: c.code,
    service_name: pickText(c.name, locale),
    description: pickText(c.description, locale),
    metadata: fields.length > 0,
    type: 'realtime',
    keywords: c.keywords.join(','),
    group: c.group_code ?? '',
  };
}

export function serviceDefinition(c: CategoryRow, locale: Locale) {
  const fields = c.fields as CategoryField[];
  return {
    service_code: c.code,
    attributes: fields.map((f, i) => ({
      variable: true,
      code: f.code,
      datatype: f.type,
      required: f.required,
      datatype_description: pickText(f.description, locale) || null,
      order: i + 1,
      description: pickText(f.label, locale),
      ...(f.options?.length ? { values: f.options.map((o) => ({ key: o.key, name: pickText(o.name, locale) })) } : {}),
    })),
  };
}

/** mySociety's status vocabulary for request updates. */
export function fmsStatus(status: CaseStatus, merged: boolean, type?: string): string {
  if (merged) return 'duplicate';
  if (type === 'case.rerouted') return 'internal_referral';
  switch (status) {
    case 'resolved':
      return 'fixed';
    case 'accepted':
    case 'awaiting_opinion':
      return 'investigating';
    case 'in_progress':
      return 'in_progress';
    case 'rejected':
      return 'not_councils_responsibility';
    case 'suspended':
      return 'no_further_action';
    case 'approved':
    case 'dismissed':
    case 'archived':
      return 'closed';
    default:
      return 'open';
  }
}

export function serviceRequest(r: PublicReportRow, opts: { locale: Locale; now: Date; publicUrl: string; extensions: boolean; events?: PublicEvent[] }) {
  const photoUrls = r.photo_ids.map((id) => `${opts.publicUrl}/api/v1/sistem48/public/photos/${id}`);
  const clock = presentClock(opts.now, r);
  const expected = r.planned_resolution_at ?? (r.responded_at ? null : r.first_response_due_at);
  const base = {
    service_request_id: String(r.report_no),
    status: r.is_open ? 'open' : 'closed',
    status_notes: t(opts.locale, `status.${r.status}`),
    service_name: pickText(r.category_name, opts.locale),
    service_code: r.category_code,
    description: maskContacts(r.description),
    agency_responsible: r.unit_name ?? '',
    service_notice: '',
    requested_datetime: new Date(r.registered_at),
    updated_datetime: new Date(r.updated_at),
    expected_datetime: expected ? new Date(expected) : null,
    address: r.address ?? '',
    address_id: '',
    zipcode: '',
    lat: r.lat,
    long: r.lon, // A client's own media_url is a photo link like any other: never public until staff approve a photo.
    media_url: photoUrls[0] ?? '',
  };
  if (!opts.extensions) return base;
  return {
    ...base,
    extended_attributes: {
      case_number: r.number,
      status_code: r.status,
      channel: r.channel,
      first_response_state: clock.state,
      first_response_due_datetime: clock.dueAt,
      merged_into: r.merged_into_report_no ? String(r.merged_into_report_no) : null,
      media_urls: photoUrls,
      attributes: r.field_values,
      awaiting_review: r.awaiting_review,
    },
    notes: (opts.events ?? []).map((e) => {
      const item = presentTimelineItem(e, opts.locale);
      return {
        datetime: item.at,
        type: item.type === 'case.note_added' ? 'comment' : 'status_change',
        summary: item.statusLabel ?? item.label,
        description: item.note ?? item.label,
      };
    }),
  };
}

// Arrays inside one request or service that XML wraps in a container element.
const WRAPPED = { attributes: 'attribute', values: 'value', notes: 'note', media_urls: 'media_url', formats: 'format', endpoints: 'endpoint' } as const;

export function render(format: Format, root: string, item: string, items: readonly Record<string, unknown>[]): string {
  return format === 'json' ? JSON.stringify(items) : xmlDocument(root, item, items as XmlValue[], WRAPPED);
}

export function renderObject(format: Format, root: string, value: Record<string, unknown>): string {
  return format === 'json' ? JSON.stringify(value) : xmlObject(root, value as { [k: string]: XmlValue }, WRAPPED);
}

export function renderErrors(format: Format, code: number, description: string): string {
  return render(format, 'errors', 'error', [{ code, description }]);
}

export const CONTENT_TYPE: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

/** The format a request asks for by its extension; the specification's default is XML. */
export const formatOfUrl = (url: string): Format => (/\.json(\?|$)/.test(url) ? 'json' : 'xml');
