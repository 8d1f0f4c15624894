import type { Ctx } from '../../kernel/context.ts';
import { text, uuid, type RouteApp } from '../../http/schemas.ts';
import { publicMapSettings, suggestAddresses } from '../queries/public-map.ts';

const tags = ['sistem48'];
const P = '/api/v1/sistem48/public';
const coordinate = { type: ['number', 'null'] } as const;

const mapResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['tileUrl', 'attribution', 'boundary', 'bounds', 'centre', 'duplicateRadiusM', 'photoMaxCount', 'photoMaxBytes', 'units', 'timeZone'],
  properties: {
    tileUrl: { type: 'string' },
    attribution: { type: 'string' },
    boundary: { anyOf: [{ type: 'object', additionalProperties: true }, { type: 'null' }] },
    bounds: { anyOf: [{ type: 'array', minItems: 4, maxItems: 4, items: { type: 'number' } }, { type: 'null' }] },
    centre: {
      anyOf: [
        { type: 'object', additionalProperties: false, required: ['lat', 'lon'], properties: { lat: { type: 'number' }, lon: { type: 'number' } } },
        { type: 'null' },
      ],
    },
    duplicateRadiusM: { type: 'integer' },
    photoMaxCount: { type: 'integer' },
    photoMaxBytes: { type: 'integer' },
    units: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' } } },
    },
    timeZone: { type: 'string', description: 'IANA time zone of the municipality (GLAS_TIMEZONE); dates typed in the app are days there' },
  },
} as const;

const addressResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['label', 'source', 'lat', 'lon'],
        properties: { label: { type: 'string' }, source: { type: 'string', enum: ['street', 'report'] }, lat: coordinate, lon: coordinate },
      },
    },
  },
} as const;

export function publicMapRoutes(app: RouteApp, ctx: Ctx) {
  app.get(
    `${P}/map`,
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'What the public map needs: tile URL template and attribution, the municipality boundary and centre, duplicate radius, photo limits, units',
        response: { 200: mapResponse },
      },
    },
    async () => publicMapSettings(ctx),
  );

  app.get(
    `${P}/addresses`,
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'Street names and addresses Glas knows (routing rules, earlier reports) matching q, in any script, with a position when earlier reports give one',
        querystring: { type: 'object', required: ['q'], additionalProperties: false, properties: { q: text(100), lang: text(10) } } as const,
        response: { 200: addressResponse },
      },
    },
    async (req) => suggestAddresses(ctx, req.query.q),
  );
}
