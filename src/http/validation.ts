/**
 * JSON-schema validation: bodies are validated strictly (a number is not a string), while query
 * strings and path parameters are coerced, because in a URL everything arrives as text.
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { AppError, pathOfNul } from '../lib/errors.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerceTypes: false | 'array'): Ajv {
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: true, keywords: ['example'] });
  addFormats(ajv);
  return ajv;
}

export function registerValidation(app: FastifyInstance) {
  // PostgreSQL cannot store a NUL character in text: refuse it up front, naming the field, for every
  // route (Open311's form bodies and query strings included). Multipart fields are checked where read.
  app.addHook('preValidation', async (req) => {
    for (const [part, value] of [['params', req.params], ['querystring', req.query], ['body', req.body]] as const) {
      const at = pathOfNul(value);
      if (at !== null) throw new AppError('validation', { detail: `${part}${at ? '.' + at : ''} may not contain a NUL character` }, at ? { field: at } : undefined);
    }
  });
  const strict = makeAjv(false);
  const coercing = makeAjv('array');
  app.setValidatorCompiler(({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema as object));
}
