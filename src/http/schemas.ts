/** Reusable JSON-schema pieces for request validation and the OpenAPI document. */
import { CASE_STATUSES, CHANNELS, PARTY_ROLES, STAFF_ROLES, TOKEN_SCOPES, UNIT_KINDS } from '../kernel/types.ts';
import { LOCALES } from '../i18n/index.ts';

/** The app as route modules see it (request types from the schemas): defined with the module contract. */
export type { RouteApp } from '../kernel/module.ts';

export const uuid = { type: 'string', format: 'uuid' } as const;
export const text = (maxLength: number, minLength = 1) => ({ type: 'string', minLength, maxLength }) as const;
export const status = { type: 'string', enum: [...CASE_STATUSES] } as const;
export const channel = { type: 'string', enum: [...CHANNELS] } as const;
export const unitKind = { type: 'string', enum: [...UNIT_KINDS] } as const;
export const staffRole = { type: 'string', enum: [...STAFF_ROLES] } as const;
export const tokenScope = { type: 'string', enum: [...TOKEN_SCOPES] } as const;
export const locale = { type: 'string', enum: [...LOCALES] } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const idParams = { type: 'object', required: ['id'], properties: { id: uuid }, additionalProperties: false } as const;
export const localisedName = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: Object.fromEntries(LOCALES.map((l) => [l, text(200)])),
} as const;

export const newParty = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    role: { type: 'string', enum: [...PARTY_ROLES] },
    kind: { type: 'string', enum: ['person', 'legal_entity'] },
    name: text(200),
    idNumber: text(40),
    phone: text(30),
    email: text(254),
    address: text(300),
    locale,
  },
} as const;
export const partyRef = {
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['partyId'], properties: { role: { type: 'string', enum: [...PARTY_ROLES] }, partyId: uuid } },
    newParty,
  ],
} as const;

/** The body of a case registration; `party` is the schema of one party (plain, or with consent). */
export function registrationBody<const Party extends object>(party: Party) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['caseTypeId', 'subject', 'channel', 'parties'],
    properties: {
      caseTypeId: { type: 'integer', minimum: 1 },
      subject: text(300),
      description: text(20_000, 0),
      channel,
      classificationCode: text(40),
      parties: { type: 'array', minItems: 1, maxItems: 20, items: party },
      registryUnitId: uuid,
      deliverToUnitId: uuid,
      dueAt: dateTime,
    },
  } as const;
}

/**
 * Marks a body schema that documents a body its handler reads itself (multipart parts, or a JSON
 * form that shares its reading with the multipart one): the OpenAPI document shows it, and the
 * validator compiler (http/validation.ts) leaves the body to the handler instead of applying it.
 */
export const READ_BY_HANDLER = 'x-read-by-handler';
const file = (description: string) => ({ type: 'string', format: 'binary', description }) as const;

/** A route body for the OpenAPI document only, one schema per content type; see READ_BY_HANDLER. */
export function documentedBody(content: Record<string, object>) {
  return { content: Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, { schema: { ...schema, [READ_BY_HANDLER]: true } }])) };
}

const contactFields = {
  name: text(200),
  phone: text(30),
  email: text(254),
  consent: { type: 'boolean', description: 'Consent to be informed by phone or e-mail' },
  locale,
} as const;

/**
 * The report form of the public page and of the operator console, as JSON and as multipart with
 * photos (src/sistem48/http/report-form.ts reads both). Multipart names contact fields flat
 * (contact_name…) and category fields as field[code].
 */
export function reportFormBody(operator: boolean) {
  const staffOnly = operator ? { partyId: { ...uuid, description: 'A caller found by phone (GET /api/v1/sistem48/callers)' } } : {};
  // The console's channel is read from a JSON body only; a multipart report is filed as a phone call.
  const staffJson = operator
    ? { ...staffOnly, channel: { type: 'string', enum: ['phone', 'counter'], description: 'How the report came in (default phone)' } }
    : {};
  const common = {
    category: { type: 'string', description: 'Category code (or numeric id)' },
    categoryId: { type: 'integer', minimum: 1 },
    description: text(5000, 0),
    lat: { type: 'number', minimum: -90, maximum: 90 },
    lon: { type: 'number', minimum: -180, maximum: 180 },
    address: text(300, 0),
  } as const;
  return documentedBody({
    'application/json': {
      type: 'object',
      required: ['category'],
      properties: {
        ...common,
        contact: { type: 'object', properties: contactFields },
        fields: { type: 'object', description: "Answers to the category's extra fields, by field code", additionalProperties: true },
        ...staffJson,
      },
    },
    'multipart/form-data': {
      type: 'object',
      required: ['category'],
      properties: {
        ...common,
        lat: { type: 'string', description: 'Latitude, decimal (a comma is accepted)' },
        lon: { type: 'string', description: 'Longitude, decimal (a comma is accepted)' },
        contact_name: contactFields.name,
        contact_phone: contactFields.phone,
        contact_email: contactFields.email,
        contact_consent: { type: 'string', enum: ['true', 'false', '1', '0', 'on', 'yes'] },
        locale,
        photos: {
          type: 'array',
          items: file('A JPEG or PNG photo; up to the configured count and size'),
          description: 'Photos (also accepted as "photo" or "media")',
        },
        ...staffOnly,
      },
      patternProperties: { '^field\\[[a-z0-9_]{1,40}\\]$': { type: 'string', description: "Answer to the category's extra field field[code]" } },
    },
  });
}

/** A document upload (POST /api/v1/cases/:id/documents). */
export const documentUploadBody = documentedBody({
  'multipart/form-data': {
    type: 'object',
    required: ['file'],
    properties: {
      file: file('The document (PDF, JPEG, PNG, text, DOCX, ODT by default; GLAS_UPLOAD_TYPES)'),
      visibility: { type: 'string', enum: ['public', 'internal'], default: 'public' },
    },
  },
});

/** A field photo (POST /api/v1/sistem48/reports/:id/photos). */
export const fieldPhotoBody = documentedBody({
  'multipart/form-data': { type: 'object', required: ['photo'], properties: { photo: file('A JPEG or PNG photo') } },
});
