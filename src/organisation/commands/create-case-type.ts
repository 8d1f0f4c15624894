/** Creates or updates a case type with its number pattern. */
import type { Actor, LocalisedText } from '../../kernel/types.ts';
import { AppError, forbidden, invalid, notFound } from '../../kernel/lib/errors.ts';
import { validateNumberPattern } from '../domain/case-number.ts';
import { canManageOrganisation } from '../policy.ts';
import { findCaseType, findCaseTypeByCode, insertCaseType, updateCaseType } from '../repositories/case-type-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';

export interface CaseTypeInput {
  code: string;
  name: LocalisedText;
  numberPattern: string;
  resolutionDays?: number | null;
  problemReport?: boolean;
}

function checkPattern(pattern: string) {
  const problem = validateNumberPattern(pattern);
  if (problem) throw invalid(`number pattern: ${problem}`, 'numberPattern');
}

export async function createCaseType(ctx: Ctx, actor: Actor, input: CaseTypeInput) {
  if (!canManageOrganisation(actor)) throw forbidden();
  checkPattern(input.numberPattern);
  return ctx.db.transaction().execute(async (tx) => {
    if (await findCaseTypeByCode(tx, input.code)) throw new AppError('conflict', {}, { field: 'code' });
    const row = await insertCaseType(tx, {
      code: input.code,
      name: input.name,
      numberPattern: input.numberPattern,
      resolutionDays: input.resolutionDays ?? null,
      problemReport: input.problemReport ?? false,
    });
    await audit(tx, actor, 'create', 'case_type', String(row.id), undefined, row);
    return row;
  });
}

export async function updateCaseTypeCommand(
  ctx: Ctx,
  actor: Actor,
  id: number,
  patch: { name?: LocalisedText; numberPattern?: string; resolutionDays?: number | null; active?: boolean; fixQuestionDays?: number | null },
) {
  if (!canManageOrganisation(actor)) throw forbidden();
  if (patch.numberPattern) checkPattern(patch.numberPattern);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await findCaseType(tx, id);
    if (!before) throw notFound();
    const after = await updateCaseType(tx, id, {
      ...(patch.name ? { name: patch.name } : {}),
      ...(patch.numberPattern ? { number_pattern: patch.numberPattern } : {}),
      ...(patch.resolutionDays !== undefined ? { resolution_days: patch.resolutionDays } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.fixQuestionDays !== undefined ? { fix_question_days: patch.fixQuestionDays } : {}),
    });
    await audit(tx, actor, 'update', 'case_type', String(id), before, after);
    return after!;
  });
}
