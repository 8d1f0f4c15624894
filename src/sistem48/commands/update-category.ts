/** The administrator changes a category; reports already filed keep the clock they were promised. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, notFound } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canConfigureSistem48 } from '../policy.ts';
import { findCategory, updateCategory, type CategoryValues } from '../repositories/category-repository.ts';
import { checkCategoryInput, type CategoryInput } from './category-input.ts';

export async function updateCategoryCommand(ctx: Ctx, actor: Actor, id: number, patch: Partial<Omit<CategoryInput, 'code'>>) {
  if (!canConfigureSistem48(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const before = await findCategory(tx, { id });
    if (!before) throw notFound();
    await checkCategoryInput(tx, patch);
    const values: Partial<CategoryValues> = {};
    if (patch.caseTypeId !== undefined) values.case_type_id = patch.caseTypeId;
    if (patch.name) values.name = patch.name;
    if (patch.description) values.description = patch.description;
    if (patch.icon) values.icon = patch.icon;
    if (patch.group !== undefined) values.group_code = patch.group;
    if (patch.keywords) values.keywords = patch.keywords;
    if (patch.fields) values.fields = patch.fields;
    if (patch.slaHours !== undefined) values.sla_hours = patch.slaHours;
    if (patch.slaClock) values.sla_clock = patch.slaClock;
    if (patch.warnPercent !== undefined) values.warn_percent = patch.warnPercent;
    if (patch.resolutionDays !== undefined) values.resolution_days = patch.resolutionDays;
    if (patch.sortOrder !== undefined) values.sort_order = patch.sortOrder;
    if (patch.active !== undefined) values.active = patch.active;
    if (patch.reviewRequired !== undefined) values.review_required = patch.reviewRequired;
    if (patch.fixQuestionDays !== undefined) values.fix_question_days = patch.fixQuestionDays;
    const after = await updateCategory(tx, id, values, ctx.now());
    await audit(tx, actor, 'update', 'problem_category', String(id), before, after);
    return after!;
  });
}
