/**
 * Imports report history from a file's bytes (CSV or XLSX): reads it (import-file.ts), imports its rows
 * (import-reports.ts) and words the outcome in a language, one line per problem, for the command line
 * and the administrator's screen.
 */
import type { Actor } from '../../kernel/types.ts';
import type { Ctx } from '../../kernel/context.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { readReportFile } from '../import-file.ts';
import type { ImportProblem } from '../domain/report-import.ts';
import { importReportRows, MAX_LISTED_PROBLEMS, type ImportOptions, type ImportOutcome } from './import-reports.ts';

export async function importReportFile(
  ctx: Ctx,
  actor: Actor,
  data: Uint8Array,
  options: Omit<ImportOptions, 'headers'> & { locale?: Locale },
): Promise<{ outcome: ImportOutcome; lines: string[] }> {
  const read = await readReportFile(data);
  const outcome: ImportOutcome = read.ok
    ? await importReportRows(ctx, actor, read.records, { ...options, headers: read.headers })
    : {
        ok: false,
        imported: false,
        rows: 0,
        toCreate: 0,
        alreadyImported: 0,
        repeats: 0,
        missingCategories: [],
        categoriesCreated: [],
        problems: [{ line: 1, code: read.reason === 'empty' ? 'no_rows' : read.reason }],
        preview: [],
        importId: null,
      };
  return { outcome, lines: describeOutcome(outcome, options.locale ?? 'en', options.createCategories ?? false) };
}

export function describeProblem(p: ImportProblem, locale: Locale): string {
  return t(locale, 'sistem48.import_line', {
    line: p.line,
    reason: t(locale, `sistem48.import_problem_${p.code}`, { column: p.column ?? '', value: p.value ?? '', utf8: 'UTF-8', csv: 'CSV', xlsx: 'XLSX' }),
  });
}

export function describeOutcome(o: ImportOutcome, locale: Locale, createCategories: boolean): string[] {
  const lines: string[] = [];
  if (o.missingCategories.length && !createCategories) lines.push(t(locale, 'sistem48.import_categories_missing', { list: o.missingCategories.join(', ') }));
  for (const p of o.problems.slice(0, MAX_LISTED_PROBLEMS)) lines.push(describeProblem(p, locale));
  if (o.problems.length > MAX_LISTED_PROBLEMS) lines.push('…');
  if (!o.ok) {
    lines.push(t(locale, 'sistem48.import_refused', { n: o.problems.length + (o.missingCategories.length && !createCategories ? 1 : 0) }));
    return lines;
  }
  if (o.categoriesCreated.length) lines.push(t(locale, 'sistem48.import_categories_created', { list: o.categoriesCreated.join(', ') }));
  const counts = { created: o.toCreate, already: o.alreadyImported, repeats: o.repeats };
  lines.push(t(locale, o.imported || o.toCreate === 0 ? 'sistem48.import_done' : 'sistem48.import_ready', counts));
  return lines;
}
