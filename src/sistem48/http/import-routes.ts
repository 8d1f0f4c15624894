/**
 * The administrator's import of report history (issue 16): upload a CSV or XLSX file for a preview
 * (its first rows, the problems found, what would be created), then send it again to import it. Nothing
 * is kept between the two: the preview writes nothing, and the import checks the file afresh.
 */
import type { Ctx } from '../../kernel/context.ts';
import { AppError, forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { requireActor } from '../../http/auth.ts';
import { requestLocale } from '../../http/locale.ts';
import { documentedBody, type RouteApp } from '../../http/schemas.ts';
import { canConfigureSistem48 } from '../policy.ts';
import { importReportFile, describeProblem } from '../commands/import-report-file.ts';
import { MAX_LISTED_PROBLEMS } from '../commands/import-reports.ts';
import { IMPORT_COLUMNS } from '../domain/report-import.ts';
import { reportImports } from '../queries/report-imports.ts';

const tags = ['Sistem 48 administration'];

const importBody = documentedBody({
  'multipart/form-data': {
    type: 'object',
    required: ['file'],
    properties: {
      mode: {
        type: 'string',
        enum: ['preview', 'import'],
        default: 'preview',
        description: 'preview: check the file and show its first rows, writing nothing; import: import it (refused whole with 400 if any row is bad)',
      },
      createCategories: { type: 'string', enum: ['true', 'false'], default: 'false', description: 'Create the categories the file names that do not exist' },
      file: {
        type: 'string',
        format: 'binary',
        description: `CSV (UTF-8, comma or semicolon) or XLSX; row 1 names the columns: ${IMPORT_COLUMNS.join(', ')} (the first three required). Send the other fields before the file.`,
      },
    },
  },
});

export function reportImportRoutes(app: RouteApp, ctx: Ctx) {
  app.post(
    '/api/v1/sistem48/imports',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Preview or import a file of report history (multipart/form-data, field "file"; fields "mode" and "createCategories" before it)',
        consumes: ['multipart/form-data'],
        body: importBody,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      // Refused before reading the upload: only an administrator may send a whole history.
      if (!canConfigureSistem48(actor)) throw forbidden();
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', { type: String(req.headers['content-type'] ?? 'none') });
      const file = await req.file();
      if (!file) throw invalidAs('detail.form_file_field', { field: 'file' }, 'file');
      const field = (name: string) => (file.fields[name] as { value?: unknown } | undefined)?.value;
      const mode = field('mode') ?? 'preview';
      const createCategories = field('createCategories') ?? 'false';
      if (mode !== 'preview' && mode !== 'import') throw invalidAs('detail.v_enum', { field: 'mode', allowed: 'preview, import' }, 'mode');
      if (createCategories !== 'true' && createCategories !== 'false')
        throw invalidAs('detail.v_enum', { field: 'createCategories', allowed: 'true, false' }, 'createCategories');
      const data = await file.toBuffer();
      // Checking and writing a large history takes minutes, with nothing sent meanwhile: the idle limit
      // (GLAS_IDLE_TIMEOUT_SECONDS) is for clients that stall, so this administrator's connection waits it out.
      // (An injected request, in tests, has no real socket.)
      const socket = req.raw.socket as Partial<Pick<typeof req.raw.socket, 'setTimeout'>> | undefined;
      if (typeof socket?.setTimeout === 'function') {
        socket.setTimeout(0);
        reply.raw.once('finish', () => socket.setTimeout?.(ctx.config.idleTimeoutSeconds * 1000));
      }
      const locale = requestLocale(req);
      const { outcome, lines } = await importReportFile(ctx, actor, data, {
        fileName: file.filename.slice(0, 200),
        createCategories: createCategories === 'true',
        dryRun: mode === 'preview',
        locale,
      });
      const problems = outcome.problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({ ...p, reason: describeProblem(p, locale) }));
      const listed = new Set(problems.map((p) => p.reason));
      const body = {
        ...outcome,
        problems,
        problemCount: outcome.problems.length,
        // The summary: what the file lacks, what will be created, the counts; the problems are listed beside it.
        messages: lines.filter((l) => !listed.has(l) && l !== '…'),
      };
      if (mode === 'import' && !outcome.ok) throw new AppError('validation', { detail: lines.at(-1) ?? '' }, { field: 'file', ...body });
      return reply.status(mode === 'import' && outcome.imported ? 201 : 200).send(body);
    },
  );

  app.get(
    '/api/v1/sistem48/imports',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'The latest imports of report history (administrators)' },
    },
    async (req) => ({ items: await reportImports(ctx, requireActor(req)) }),
  );
}
