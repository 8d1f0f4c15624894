/**
 * JSON-schema validation: bodies are validated strictly (a number is not a string), while query
 * strings and path parameters are coerced, because in a URL everything arrives as text.
 *
 * JSON bodies are read by our own parser, which refuses before any recursion could overflow or
 * anything be stored: text that is not valid UTF-8, nesting deeper than MAX_JSON_DEPTH, strings
 * with a lone surrogate (half of a UTF-16 pair, which no text encoding can store) and numbers
 * too large to be finite (1e309 parses as Infinity).
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import { AppError, firstBadValue, invalidAs, pathOfNul } from '../kernel/lib/errors.ts';
import { READ_BY_HANDLER } from './schemas.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * The deepest JSON a request may nest. Glas's deepest body is a handful of levels (a registration's
 * party inside its list inside the body); 32 leaves room for any sensible client while keeping every
 * recursive step after parsing (JSON.parse itself, Ajv, the database's jsonb) far below its stack.
 */
export const MAX_JSON_DEPTH = 32;

function makeAjv(coerceTypes: false | 'array'): Ajv {
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: true, keywords: ['example'] });
  addFormats(ajv);
  return ajv;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The nesting depth of JSON text, counted over brackets outside strings in one pass: no recursion, so
 * a million `[` cost a loop, not a stack overflow. Stops as soon as `limit` is passed.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped, whatever it is
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The JSON parser for every `application/json` body; Fastify's own does the parsing (with its prototype-poisoning guard). */
export function registerJsonParser(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (req: FastifyRequest, raw: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
      let text: string;
      try {
        text = utf8.decode(raw as Buffer);
      } catch {
        return done(invalidAs('detail.json_not_utf8', { encoding: 'UTF-8' }));
      }
      if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) return done(invalidAs('detail.json_too_deep', { limit: MAX_JSON_DEPTH }));
      // biome-ignore lint/nursery/noFloatingPromises: given a callback, Fastify's parser returns nothing; its type also names the promise form.
      parse(req, text, (err: Error | null, body?: unknown) => {
        if (err) return done(err);
        const surrogate = firstBadValue(
          body,
          (v) => typeof v === 'string' && !v.isWellFormed(),
          (k) => !k.isWellFormed(),
        );
        // The path may itself hold the surrogate (a property name): it is named with U+FFFD in its place.
        if (surrogate !== null)
          return done(invalidAs('detail.lone_surrogate', { field: surrogate.toWellFormed() || 'body' }, surrogate.toWellFormed() || undefined));
        const infinite = firstBadValue(body, (v) => typeof v === 'number' && !Number.isFinite(v));
        if (infinite !== null) return done(invalidAs('detail.not_a_number', { field: infinite || 'body' }, infinite || undefined));
        done(null, body);
      });
    },
  );
}

type PropertySchema = { type?: string | string[]; items?: PropertySchema };
const numberKind = (s: PropertySchema | undefined): 'integer' | 'number' | null => {
  if (!s) return null;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('integer')) return 'integer';
  if (types.includes('number')) return 'number';
  if (types.includes('array')) return numberKind(s.items);
  return null;
};
// Decimal digits only: Ajv's coercion (Number(text)) would also take "Infinity", "1e309" and "0x10",
// which then slip past minimum and maximum (Infinity) or mean something the client did not write.
const DECIMAL: Record<'integer' | 'number', RegExp> = { integer: /^[+-]?\d{1,300}$/, number: /^[+-]?(\d{1,300}(\.\d{0,300})?|\.\d{1,300})$/ };
const numericFields = new WeakMap<object, [string, 'integer' | 'number'][]>();

/** Query and path values a route declares as numbers, refused unless written as plain decimals. */
function checkNumbers(schema: unknown, value: unknown) {
  if (!schema || typeof schema !== 'object' || !value || typeof value !== 'object') return;
  let fields = numericFields.get(schema);
  if (!fields) {
    const props = (schema as { properties?: Record<string, PropertySchema> }).properties ?? {};
    fields = Object.entries(props).flatMap(([k, s]): [string, 'integer' | 'number'][] => {
      const kind = numberKind(s);
      return kind ? [[k, kind]] : [];
    });
    numericFields.set(schema, fields);
  }
  for (const [name, kind] of fields) {
    const v = (value as Record<string, unknown>)[name];
    for (const one of Array.isArray(v) ? v : [v]) {
      // An empty value is left to the schema (coerced to 0, then held to the minimum like any number).
      if (typeof one !== 'string' || one === '') continue;
      if (!DECIMAL[kind].test(one.trim()) || !Number.isFinite(Number(one))) {
        throw invalidAs(kind === 'integer' ? 'detail.not_an_integer' : 'detail.not_a_number', { field: name }, name);
      }
    }
  }
}

export function registerValidation(app: FastifyInstance) {
  registerJsonParser(app);
  // PostgreSQL cannot store a NUL character in text: refuse it up front, naming the field, for every
  // route (Open311's form bodies and query strings included). Multipart fields are checked where read.
  app.addHook('preValidation', async (req) => {
    for (const [part, value] of [
      ['params', req.params],
      ['querystring', req.query],
      ['body', req.body],
    ] as const) {
      const at = pathOfNul(value);
      if (at !== null)
        throw new AppError('validation', { detail: `${part}${at ? '.' + at : ''} may not contain a NUL character` }, at ? { field: at } : undefined);
    }
    const schema = req.routeOptions.schema;
    if (schema) {
      checkNumbers(schema.params, req.params);
      checkNumbers(schema.querystring, req.query);
    }
  });
  const strict = makeAjv(false);
  const coercing = makeAjv('array');
  const readByHandler = () => true;
  app.setValidatorCompiler(({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }) => {
    // A body its handler reads (and checks) itself is documented, not applied: see READ_BY_HANDLER.
    if (httpPart === 'body' && (schema as Record<string, unknown>)[READ_BY_HANDLER]) return readByHandler;
    return (httpPart === 'body' ? strict : coercing).compile(schema as object);
  });
}
