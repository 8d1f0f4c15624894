/** Reusable JSON-schema pieces for request validation and the OpenAPI document. */
import { CASE_STATUSES, CHANNELS, PARTY_ROLES, STAFF_ROLES, TOKEN_SCOPES, UNIT_KINDS } from '../domain/types.ts';
import { LOCALES } from '../i18n/index.ts';

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
  type: 'object', minProperties: 1, additionalProperties: false,
  properties: Object.fromEntries(LOCALES.map((l) => [l, text(200)])),
} as const;

export const newParty = {
  type: 'object', additionalProperties: false, required: ['name'],
  properties: {
    role: { type: 'string', enum: [...PARTY_ROLES] },
    kind: { type: 'string', enum: ['person', 'legal_entity'] },
    name: text(200), idNumber: text(40), phone: text(30), email: text(254), address: text(300), locale,
  },
} as const;
export const partyRef = {
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['partyId'], properties: { role: { type: 'string', enum: [...PARTY_ROLES] }, partyId: uuid } },
    newParty,
  ],
} as const;

/** The body of a case registration; `party` is the schema of one party (plain, or with consent). */
export function registrationBody(party: object) {
  return {
    type: 'object', additionalProperties: false, required: ['caseTypeId', 'subject', 'channel', 'parties'],
    properties: {
      caseTypeId: { type: 'integer', minimum: 1 }, subject: text(300), description: text(20_000, 0), channel,
      classificationCode: text(40), parties: { type: 'array', minItems: 1, maxItems: 20, items: party },
      registryUnitId: uuid, deliverToUnitId: uuid, dueAt: dateTime,
    },
  } as const;
}

export const errorResponse = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object', additionalProperties: true } } } },
} as const;
