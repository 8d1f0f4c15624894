/** The administrator adds a problem category (an Open311 service) with its extra fields and first-response promise. */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canConfigureSistem48 } from '../policy.ts';
import { findCategory, insertCategory } from '../repositories/category-repository.ts';
import { checkCategoryInput, type CategoryInput } from './category-input.ts';

export async function createCategory(ctx: Ctx, actor: Actor, input: CategoryInput) {
  if (!canConfigureSistem48(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    await checkCategoryInput(tx, input);
    if (await findCategory(tx, { code: input.code })) throw new AppError('conflict', {}, { field: 'code' });
    const row = await insertCategory(tx, {
      code: input.code,
      case_type_id: input.caseTypeId,
      name: input.name,
      description: input.description ?? {},
      icon: input.icon ?? 'alert',
      group_code: input.group ?? null,
      keywords: input.keywords ?? [],
      fields: input.fields ?? [],
      sla_hours: input.slaHours ?? 48,
      sla_clock: input.slaClock ?? 'calendar',
      warn_percent: input.warnPercent ?? 75,
      resolution_days: input.resolutionDays ?? null,
      sort_order: input.sortOrder ?? 100,
      active: input.active ?? true,
      review_required: input.reviewRequired ?? false,
      fix_question_days: input.fixQuestionDays ?? null,
    });
    await audit(tx, actor, 'create', 'problem_category', String(row.id), undefined, row);
    return row;
  });
}
