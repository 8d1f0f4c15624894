/** Staff case API: thin handlers that validate, call one command or query, and present the result. */
import { createReadStream } from 'node:fs';
import type { Ctx } from '../../kernel/context.ts';
import { registerCase } from '../commands/register-case.ts';
import { transitionCase } from '../commands/transition-case.ts';
import { assignCase } from '../commands/assign-case.ts';
import { addCaseNote } from '../commands/add-case-note.ts';
import { classifyCase } from '../commands/classify-case.ts';
import { markCitizenUpdateRead } from '../commands/mark-citizen-update-read.ts';
import { askCitizen } from '../commands/ask-citizen.ts';
import { addCaseDocument, documentPath } from '../commands/add-case-document.ts';
import { getCase, getCaseDocument, getCaseDocuments, getCaseHistory, listCases, verifyCaseChain } from '../queries/cases.ts';
import { AppError, invalidAs } from '../../kernel/lib/errors.ts';
import { requireActor } from '../../http/auth.ts';
import { dateTime, documentUploadBody, idParams, partyRef, registrationBody, status, text, uuid, type RouteApp } from '../../http/schemas.ts';

const tags = ['cases'];

export function caseRoutes(app: RouteApp, ctx: Ctx) {
  app.post(
    '/api/v1/cases',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Register a case',
        body: registrationBody(partyRef),
      },
    },
    async (req, reply) => {
      const b = req.body;
      const result = await registerCase(ctx, requireActor(req), { ...b, dueAt: b.dueAt ? new Date(b.dueAt) : null });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/v1/cases',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'List cases you may see, newest first or by deadline, with cursor pagination',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'array', items: status },
            unitId: uuid,
            clerkId: uuid,
            caseTypeId: { type: 'integer', minimum: 1 },
            from: dateTime,
            to: dateTime,
            overdue: { type: 'boolean' },
            open: { type: 'boolean' },
            q: text(200),
            sort: { type: 'string', enum: ['registered_desc', 'due_asc'] },
            cursor: text(400),
            limit: { type: 'integer', minimum: 1, maximum: 200 },
          },
        } as const,
      },
    },
    async (req) => {
      const q = req.query;
      return listCases(ctx, requireActor(req), { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });
    },
  );

  app.get(
    '/api/v1/cases/by-number',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'Find a case by its number',
        querystring: { type: 'object', required: ['number'], additionalProperties: false, properties: { number: text(80) } } as const,
      },
    },
    async (req) => getCase(ctx, requireActor(req), { number: req.query.number }),
  );

  app.get(
    '/api/v1/cases/:id',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'One case with its parties and the statuses it may move to', params: idParams },
    },
    async (req) => getCase(ctx, requireActor(req), { id: req.params.id }),
  );

  app.get(
    '/api/v1/cases/:id/events',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'The case history, read from the event log (citizens see public events only)', params: idParams },
    },
    async (req) => ({ items: await getCaseHistory(ctx, requireActor(req), req.params.id) }),
  );

  app.get(
    '/api/v1/cases/:id/verify-chain',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Verify the hash chain of the case history', params: idParams },
    },
    async (req) => verifyCaseChain(ctx, requireActor(req), req.params.id),
  );

  app.post(
    '/api/v1/cases/:id/transitions',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Move the case to another status (409 names the allowed ones)',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['to'],
          properties: {
            to: status,
            note: text(5000, 0),
            noteVisibility: {
              type: 'string',
              enum: ['public', 'internal'],
              description: 'internal: the note is kept as a staff-only note of its own; the step itself is always public and notified',
            },
            unitId: uuid,
            dueAt: { anyOf: [dateTime, { type: 'null' }] },
          },
        } as const,
      },
    },
    async (req) => {
      const b = req.body;
      const r = await transitionCase(ctx, requireActor(req), {
        caseId: req.params.id,
        ...b,
        dueAt: b.dueAt === undefined ? undefined : b.dueAt === null ? null : new Date(b.dueAt),
      });
      return { id: r.id, number: r.number, status: r.status, eventSeq: r.event.seq };
    },
  );

  app.post(
    '/api/v1/cases/:id/assignment',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Assign or re-assign the case to a unit and clerk',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['unitId'],
          properties: { unitId: uuid, clerkId: { anyOf: [uuid, { type: 'null' }] }, note: text(2000, 0) },
        } as const,
      },
    },
    async (req) => assignCase(ctx, requireActor(req), { caseId: req.params.id, ...req.body }),
  );

  app.post(
    '/api/v1/cases/:id/notes',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Add an internal note, or a note for the citizen',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['text'],
          properties: { text: text(5000), visibility: { type: 'string', enum: ['public', 'internal'], default: 'internal' } },
        } as const,
      },
    },
    async (req, reply) => {
      const b = req.body;
      const e = await addCaseNote(ctx, requireActor(req), { caseId: req.params.id, ...b });
      return reply.status(201).send({ seq: e.seq, type: e.type, visibility: e.visibility });
    },
  );

  app.post(
    '/api/v1/cases/:id/questions',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Ask the citizen a question (told at once; the answer clock pauses until they reply)',
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['text'], properties: { text: text(2000) } } as const,
      },
    },
    async (req, reply) => reply.status(201).send(await askCitizen(ctx, requireActor(req), { caseId: req.params.id, text: req.body.text })),
  );

  app.post(
    '/api/v1/cases/:id/citizen-update/read',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Mark what the citizen wrote back as read (the queues stop showing it as unread)', params: idParams },
    },
    async (req, reply) => {
      await markCitizenUpdateRead(ctx, requireActor(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/cases/:id/classification',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Set the classification code',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['code'],
          properties: { code: { type: 'string', pattern: '^[0-9A-Za-z./-]{1,40}$' } },
        } as const,
      },
    },
    async (req) => {
      const e = await classifyCase(ctx, requireActor(req), { caseId: req.params.id, code: req.body.code });
      return { seq: e.seq, type: e.type };
    },
  );

  app.post(
    '/api/v1/cases/:id/documents',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Attach a document (multipart/form-data, field "file"; optional field "visibility")',
        params: idParams,
        consumes: ['multipart/form-data'],
        body: documentUploadBody,
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', { type: String(req.headers['content-type'] ?? 'none') });
      const file = await req.file();
      if (!file) throw invalidAs('detail.form_file_field', { field: 'file' }, 'file');
      const vis = (file.fields.visibility as { value?: string } | undefined)?.value;
      const doc = await addCaseDocument(ctx, requireActor(req), {
        caseId: req.params.id,
        filename: file.filename,
        declaredType: file.mimetype,
        stream: file.file,
        visibility: vis === 'internal' ? 'internal' : 'public',
        truncated: () => file.file.truncated,
      });
      return reply.status(201).send(doc);
    },
  );

  app.get(
    '/api/v1/cases/:id/documents',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'Documents of the case', params: idParams },
    },
    async (req) => ({ items: await getCaseDocuments(ctx, requireActor(req), req.params.id) }),
  );

  app.get(
    '/api/v1/cases/:id/documents/:documentId',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'Download a document',
        params: { type: 'object', required: ['id', 'documentId'], properties: { id: uuid, documentId: uuid } } as const,
      },
    },
    async (req, reply) => {
      const p = req.params;
      const d = await getCaseDocument(ctx, requireActor(req), p.id, p.documentId);
      reply.header('content-type', d.content_type);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(d.filename)}`);
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(createReadStream(documentPath(ctx.config.dataDir, d.storage_key)));
    },
  );
}
