/** The administration of the installation's wording: find, change, version, export and import messages. */
import type { Ctx } from '../../kernel/context.ts';
import { requireActor } from '../../http/auth.ts';
import { locale, text, type RouteApp } from '../../http/schemas.ts';
import { saveOverride } from '../commands/save-override.ts';
import { importLanguageFile } from '../commands/import-language-file.ts';
import { exportLanguageFile, findMessages, messageVersions, publicOverrides } from '../queries/messages.ts';

const tags = ['wording'];
const keyParams = { type: 'object', additionalProperties: false, required: ['key'], properties: { key: text(200) } } as const;
const keyLocaleParams = { type: 'object', additionalProperties: false, required: ['key', 'locale'], properties: { key: text(200), locale } } as const;
const localeParams = { type: 'object', additionalProperties: false, required: ['locale'], properties: { locale } } as const;

export function wordingRoutes(app: RouteApp, ctx: Ctx) {
  app.get(
    '/api/v1/messages',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Messages whose key or text contains q, with the wording in force in every language (administrator)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { q: { type: 'string', maxLength: 200 }, limit: { type: 'integer', minimum: 1, maximum: 200 } },
        } as const,
      },
    },
    async (req) => findMessages(ctx, requireActor(req), req.query),
  );

  app.get(
    '/api/v1/messages/:key/versions',
    { config: { auth: 'staff' }, schema: { tags, summary: "Every version of this installation's wording of a message (administrator)", params: keyParams } },
    async (req) => messageVersions(ctx, requireActor(req), req.params.key),
  );

  app.put(
    '/api/v1/messages/:key/:locale',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Word a message for this installation in one language (a new version; null gives it back to the shipped text) (administrator)',
        params: keyLocaleParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['text'],
          properties: { text: { type: ['string', 'null'], maxLength: 5000 } },
        } as const,
      },
    },
    async (req) => saveOverride(ctx, requireActor(req), { key: req.params.key, locale: req.params.locale, text: req.body.text }),
  );

  app.get(
    '/api/v1/messages/files/:locale',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'The language file as in force here (flat key → ICU message JSON), for a translator (administrator)', params: localeParams },
    },
    async (req, reply) => {
      const file = exportLanguageFile(requireActor(req), req.params.locale);
      return reply.header('content-disposition', `attachment; filename="${req.params.locale}.json"`).send(file);
    },
  );

  app.put(
    '/api/v1/messages/files/:locale',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Import a language file a translator worked on; every message is checked first, and a bad one refuses the file (administrator)',
        params: localeParams,
        body: { type: 'object', maxProperties: 5000, additionalProperties: { type: 'string', maxLength: 5000 } } as const,
      },
    },
    async (req) => importLanguageFile(ctx, requireActor(req), { locale: req.params.locale, entries: req.body }),
  );

  app.get(
    '/api/v1/public/message-overrides',
    { config: { auth: 'public' }, schema: { tags, summary: "This installation's wording, laid by the web app over the messages it ships with" } },
    async (_req, reply) => reply.header('cache-control', 'no-cache').send(await publicOverrides(ctx)),
  );
}
