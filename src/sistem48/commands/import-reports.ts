/**
 * Imports the municipality's report history (issue 16): rows already read from a file (import-file.ts)
 * or made by a generator become real Sistem 48 reports, numbered in their year's series, routed as
 * the file says (or by the routing rules), with their history dated as the file says and counted in the
 * reports' figures. Nobody is notified and no SLA timer is set: it is history. A row imported before
 * (its external_id, or its content) is not imported again. A file with any bad row, or naming
 * categories that do not exist (unless they may be created), is refused whole and writes nothing.
 *
 * An imported report's category was chosen by a person in the earlier system: its `imported_reports`
 * row marks it as a training example for the router.
 */
import type { Actor, CaseStatus, LocalisedText } from '../../kernel/types.ts';
import { AppError, forbidden } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { searchKey } from '../../i18n/search-key.ts';
import { listUnits } from '../../organisation/repositories/org-repository.ts';
import { eventTypeForTransition } from '../../cases/domain/case-status.ts';
import { registerImportedCasesInTx, reserveImportedCaseNumbers, type ImportedCaseInput } from '../../cases/commands/register-imported-cases.ts';
import type { ImportedStep } from '../../cases/commands/move-case-status.ts';
import { canConfigureSistem48 } from '../policy.ts';
import { loadSettings, slaPolicy } from '../settings.ts';
import { insertCategory, listCategories, type CategoryRow } from '../repositories/category-repository.ts';
import { listRules } from '../repositories/routing-repository.ts';
import { insertReports, type NewReport } from '../repositories/report-repository.ts';
import { defaultReportCaseType, existingImportKeys, insertImportedReports, insertReportImport, lockImports } from '../repositories/import-repository.ts';
import { chooseRoute } from '../domain/routing.ts';
import { streetKey } from '../domain/streets.ts';
import { pickText } from '../domain/fields.ts';
import { firstResponseSchedule, type SlaPolicy } from '../domain/sla-clock.ts';
import { checkImportRecords, datedSteps, missingColumns, type ImportProblem, type ImportRow, type RawImportRecord } from '../domain/report-import.ts';
import { pathTo } from './respond-to-report.ts';
import { toRule } from './file-report.ts';

export interface ImportOptions {
  /** Create the categories the file names that do not exist (code from the value; routed to the dispatcher until a unit is set). */
  createCategories?: boolean;
  /** Only check and preview; write nothing. */
  dryRun?: boolean;
  /** Where the rows came from, for the record of the import. */
  fileName?: string;
  /** The file's header, when the rows come from a file: the required columns are checked on it. */
  headers?: readonly string[];
  /** How many rows the preview shows (10). */
  previewRows?: number;
}

export interface ImportPreviewRow {
  line: number;
  receivedAt: string | null;
  category: string;
  text: string;
  status: CaseStatus | null;
  unit: string | null;
  externalId: string | null;
  alreadyImported: boolean;
}

export interface ImportOutcome {
  /** False: refused (problems, or categories missing without leave to create them); nothing was written. */
  ok: boolean;
  /** True when the reports were written (not a dry run, not refused). */
  imported: boolean;
  rows: number;
  /** New reports (written, or to be written on confirmation). */
  toCreate: number;
  /** Rows whose report was imported before. */
  alreadyImported: number;
  /** Rows repeating an earlier row of the same file. */
  repeats: number;
  /** Category values that name no category, sorted. */
  missingCategories: string[];
  /** Categories created (or to be created) for them. */
  categoriesCreated: string[];
  problems: ImportProblem[];
  preview: ImportPreviewRow[];
  importId: string | null;
}

/** How many problems an answer lists at most (the count is always whole). */
export const MAX_LISTED_PROBLEMS = 200;
const CHUNK = 1000;

const categoryCode = (value: string): string | null => {
  const code = value.trim().toLowerCase();
  return /^[a-z0-9_-]{1,40}$/.test(code) ? code : null;
};

/** The code a new category takes from a value that is not a code itself: its key form, words joined by underscores. */
function codeFor(value: string): string {
  return (
    categoryCode(value) ??
    searchKey(value)
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40)
  );
}

/**
 * Imports rows already read (a file's, or a generator's: `{ line, values: { received_at, category, text, … } }`),
 * or with `dryRun` only checks them and previews the first. Administrators only (or the system actor).
 */
export async function importReportRows(ctx: Ctx, actor: Actor, records: readonly RawImportRecord[], options: ImportOptions = {}): Promise<ImportOutcome> {
  if (!canConfigureSistem48(actor)) throw forbidden();
  const now = ctx.now();
  const tz = ctx.config.timezone;
  const problems: ImportProblem[] = [];
  const missingCols = options.headers ? missingColumns(options.headers) : [];
  if (missingCols.length) problems.push({ line: 1, code: 'missing_columns', value: missingCols.join(', ') });
  if (!records.length && !missingCols.length) problems.push({ line: 1, code: 'no_rows' });
  const checked = missingCols.length ? { rows: [], problems: [], repeats: 0 } : checkImportRecords(records, tz, now);
  problems.push(...checked.problems);

  // Categories: by code (any case), or by name in any language (script and diacritics aside).
  const categories = await listCategories(ctx.db, false);
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const byName = new Map<string, CategoryRow>();
  for (const c of categories) for (const name of Object.values(c.name)) if (name) byName.set(searchKey(name), c);
  // A value whose code form names a category is that category too ("Pothole!" and pothole), so no code is created twice.
  const findCategory = (value: string) => byCode.get(value.trim().toLowerCase()) ?? byName.get(searchKey(value)) ?? byCode.get(codeFor(value));
  const missing = [...new Set(checked.rows.filter((r) => !findCategory(r.category)).map((r) => r.category))].sort();
  const newCodes = new Map(missing.map((v) => [v, codeFor(v)]));
  const created = [...new Set(newCodes.values())].sort();
  for (const [value, code] of newCodes) if (!code) problems.push({ line: 1, code: 'bad_category', column: 'category', value }); // no letter or digit to make a code of

  // Units: by code or name; a row without one is routed by the rules.
  const units = (await listUnits(ctx.db)).filter((u) => u.kind !== 'external_institution');
  const unitOf = new Map<string, string>();
  for (const u of units) {
    unitOf.set(searchKey(u.code), u.id);
    unitOf.set(searchKey(u.name), u.id);
  }
  const rowUnit = new Map<ImportRow, string>();
  for (const r of checked.rows) {
    if (!r.unit) continue;
    const id = unitOf.get(searchKey(r.unit));
    if (id) rowUnit.set(r, id);
    else problems.push({ line: r.line, code: 'unknown_unit', column: 'unit', value: r.unit });
  }
  for (const r of checked.rows) if (!pathTo('delivered', r.status)) problems.push({ line: r.line, code: 'bad_status', column: 'status', value: r.status });

  const existing = await existingImportKeys(
    ctx.db,
    checked.rows.map((r) => r.key),
  );
  const fresh = checked.rows.filter((r) => !existing.has(r.key));
  problems.sort((a, b) => a.line - b.line);
  const refused = problems.length > 0 || (missing.length > 0 && !options.createCategories);
  const outcome: ImportOutcome = {
    ok: !refused,
    imported: false,
    rows: records.length,
    toCreate: refused ? 0 : fresh.length,
    alreadyImported: checked.rows.length - fresh.length,
    repeats: checked.repeats,
    missingCategories: missing,
    categoriesCreated: options.createCategories ? created : [],
    problems,
    preview: preview(records, checked.rows, existing, options.previewRows ?? 10),
    importId: null,
  };
  if (refused || options.dryRun || !fresh.length) return outcome;

  // What each new report will be, before any write.
  const settings = await loadSettings(ctx.db);
  const rules = (await listRules(ctx.db, { activeOnly: true })).map(toRule);
  const caseTypeForNew = missing.length ? await defaultReportCaseType(ctx.db) : null;
  if (missing.length && caseTypeForNew === null) throw new AppError('unknown_case_type');
  const earliest = new Date(fresh.reduce((min, r) => Math.min(min, r.receivedAt.getTime()), Infinity));
  const policies: Record<'calendar' | 'working', SlaPolicy> = {
    calendar: await slaPolicy(ctx.db, ctx.config, settings, 'calendar', earliest),
    working: await slaPolicy(ctx.db, ctx.config, settings, 'working', earliest),
  };
  const NEW_CATEGORY = { sla_hours: 48, sla_clock: 'calendar' as const, warn_percent: 75, resolution_days: null, case_type_id: caseTypeForNew ?? 0 };
  const plans = fresh.map((r) => {
    const category = findCategory(r.category);
    const cat = category ?? NEW_CATEGORY;
    const addressKey = r.address ? streetKey(r.address) : null;
    const point = r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null;
    const fileUnit = rowUnit.get(r);
    // A new category has no rules of its own yet: only the rules for every category apply, else the dispatcher.
    const route = fileUnit
      ? { routedBy: 'rule' as const, unitId: fileUnit, ruleId: null }
      : chooseRoute(rules, category?.id ?? -1, { point, addressKey }, settings.dispatcherUnitId);
    if (!route.unitId) throw new AppError('unknown_unit');
    const sla = firstResponseSchedule(r.receivedAt, cat.sla_hours, cat.warn_percent, policies[cat.sla_clock]);
    const name = category ? pickText(category.name, 'sr-Latn') : r.category;
    const steps: ImportedStep[] = datedSteps(pathTo('delivered', r.status)!, r).map((s, k, all) => ({
      to: s.to,
      event: {
        type: eventTypeForTransition(k ? all[k - 1]!.to : 'delivered', s.to),
        at: s.at,
        data: { from: k ? all[k - 1]!.to : 'delivered', to: s.to, imported: true },
      },
    }));
    const input: ImportedCaseInput = {
      caseTypeId: cat.case_type_id,
      subject: `${name}${r.address ? ` — ${r.address}` : ''}`.slice(0, 300),
      description: r.text,
      channel: r.channel,
      registryUnitId: settings.dispatcherUnitId,
      deliverToUnitId: route.unitId,
      registeredAt: r.receivedAt,
      dueAt: cat.resolution_days ? new Date(r.receivedAt.getTime() + cat.resolution_days * 86_400_000) : null,
      origin: { imported: true, line: r.line, externalId: r.externalId },
      steps,
    };
    return { row: r, category, input, route, sla, addressKey, fileUnit: Boolean(fileUnit) };
  });

  const numbers = await reserveImportedCaseNumbers(
    ctx,
    plans.map((p) => p.input),
  );
  const importId = await ctx.db.transaction().execute(async (tx) => {
    await lockImports(tx);
    // Another import may have committed some of these rows since they were checked.
    if (
      (
        await existingImportKeys(
          tx,
          fresh.map((r) => r.key),
        )
      ).size
    )
      throw new AppError('conflict', {}, { reason: 'another import of the same rows finished first' });
    const createdCategories = new Map<string, CategoryRow>();
    if (options.createCategories) {
      for (const [value, code] of newCodes) {
        if (createdCategories.has(code)) continue;
        const name: LocalisedText = { 'sr-Latn': value.trim() };
        const row = await insertCategory(tx, {
          code,
          case_type_id: caseTypeForNew!,
          name,
          description: {},
          icon: 'alert',
          group_code: null,
          keywords: [],
          fields: [],
          sla_hours: NEW_CATEGORY.sla_hours,
          sla_clock: NEW_CATEGORY.sla_clock,
          warn_percent: NEW_CATEGORY.warn_percent,
          resolution_days: null,
          sort_order: 100,
          active: true,
          review_required: false,
        });
        await audit(tx, actor, 'create', 'problem_category', String(row.id), undefined, row);
        createdCategories.set(code, row);
      }
    }
    const id = await insertReportImport(tx, {
      fileName: options.fileName ?? '',
      importedBy: actor.kind === 'system' ? null : actor.userId,
      importedAt: now,
      rowsTotal: records.length,
      created: plans.length,
      alreadyImported: outcome.alreadyImported,
      categoriesCreated: [...createdCategories.keys()],
    });
    for (let i = 0; i < plans.length; i += CHUNK) {
      const chunk = plans.slice(i, i + CHUNK);
      const cases = await registerImportedCasesInTx(
        tx,
        ctx,
        actor,
        chunk.map((p) => p.input),
        numbers.slice(i, i + CHUNK),
      );
      const reports: NewReport[] = chunk.map((p, k) => {
        const category = p.category ?? createdCategories.get(newCodes.get(p.row.category)!)!;
        return {
          caseId: cases[k]!.id,
          categoryId: category.id,
          lat: p.row.lat,
          lon: p.row.lon,
          address: p.row.address,
          addressKey: p.addressKey,
          locationSource: p.row.lat !== null ? 'given' : 'address',
          fieldValues: {},
          routingRuleId: p.route.ruleId,
          routedBy: p.route.routedBy,
          contactConsent: false,
          slaHours: category.sla_hours,
          slaClock: category.sla_clock,
          firstResponseDueAt: p.sla.dueAt,
          firstResponseWarnAt: p.sla.warnAt,
          externalClient: null,
          createdAt: p.row.receivedAt,
          // A report closed without a recorded answer was answered by its closing.
          respondedAt: p.row.answeredAt ?? p.row.closedAt,
        };
      });
      await insertReports(tx, reports);
      await insertImportedReports(
        tx,
        chunk.map((p, k) => ({ caseId: cases[k]!.id, importId: id, key: p.row.key, line: p.row.line, externalId: p.row.externalId, unitFromFile: p.fileUnit })),
      );
    }
    await audit(tx, actor, 'import', 'report_import', id, undefined, {
      fileName: options.fileName ?? '',
      rows: records.length,
      created: plans.length,
      alreadyImported: outcome.alreadyImported,
      categoriesCreated: [...createdCategories.keys()],
    });
    return id;
  });
  return { ...outcome, imported: true, importId };
}

function preview(records: readonly RawImportRecord[], rows: readonly ImportRow[], existing: ReadonlySet<string>, n: number): ImportPreviewRow[] {
  const checked = new Map(rows.map((r) => [r.line, r]));
  const cell = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v).trim());
  return records.slice(0, n).map((rec) => {
    const r = checked.get(rec.line);
    return {
      line: rec.line,
      receivedAt: r ? r.receivedAt.toISOString() : null,
      category: r?.category ?? cell(rec.values.category),
      text: (r?.text ?? cell(rec.values.text)).slice(0, 200),
      status: r?.status ?? null,
      unit: r?.unit ?? (cell(rec.values.unit) || null),
      externalId: r?.externalId ?? (cell(rec.values.external_id) || null),
      alreadyImported: r ? existing.has(r.key) : false,
    };
  });
}
