/** Checks shared by creating and changing a category. */
import { AppError, invalid, invalidAs } from '../../kernel/lib/errors.ts';
import type { DbOrTx } from '../../kernel/db/database.ts';
import type { LocalisedText } from '../../kernel/types.ts';
import { findCaseType } from '../../organisation/repositories/case-type-repository.ts';
import { checkFieldDefinitions, type CategoryField } from '../domain/fields.ts';

export interface CategoryInput {
  code: string;
  caseTypeId: number;
  name: LocalisedText;
  description?: LocalisedText;
  icon?: string;
  group?: string | null;
  keywords?: string[];
  fields?: CategoryField[];
  slaHours?: number;
  slaClock?: 'calendar' | 'working';
  warnPercent?: number;
  resolutionDays?: number | null;
  sortOrder?: number;
  active?: boolean;
  /** Reports (and their updates) are published only after a moderator has read them. */
  reviewRequired?: boolean;
  /** Days after resolution to ask the reporter "is it fixed?" (0: never; null: the case type's, else the default). */
  fixQuestionDays?: number | null;
}

export async function checkCategoryInput(db: DbOrTx, input: Partial<CategoryInput>) {
  if (input.caseTypeId !== undefined) {
    const type = await findCaseType(db, input.caseTypeId);
    if (!type || !type.active) throw new AppError('unknown_case_type');
    if (!type.problem_report) throw invalidAs('detail.type_not_for_reports', {}, 'caseTypeId');
  }
  if (input.fields) {
    const problems = checkFieldDefinitions(input.fields);
    if (problems.length) throw invalid(problems.join('; '), 'fields');
  }
}
