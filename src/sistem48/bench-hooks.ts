/**
 * The Sistem 48 benchmark's setup (bench/sistem48.ts), made through the real commands: a category
 * routed to a unit that is also the dispatcher, and an Open311 API key. The benchmark then measures
 * over HTTP and with the real job worker.
 */
import type { Ctx } from '../kernel/context.ts';
import { createCaseType } from '../organisation/commands/create-case-type.ts';
import { createOrgUnit } from '../organisation/commands/create-org-unit.ts';
import { createStaffUser } from '../organisation/commands/create-staff-user.ts';
import { createApiToken } from '../organisation/commands/manage-api-tokens.ts';
import { findCaseTypeByCode } from '../organisation/repositories/case-type-repository.ts';
import { findUnitByCode } from '../organisation/repositories/org-repository.ts';
import { SYSTEM_ACTOR } from '../kernel/types.ts';
import { findCategory } from './repositories/category-repository.ts';
import { createCategory } from './commands/create-category.ts';
import { createRoutingRule } from './commands/create-routing-rule.ts';
import { updateSistem48Settings } from './commands/update-settings.ts';

export interface BenchSetup {
  apiKey: string;
  serviceCode: string;
  lat: number;
  lon: number;
}

/** Creates (once) the category, its routing rule and the dispatcher, and (each call) an Open311 key; on any migrated database. */
export async function prepareOpen311Bench(ctx: Ctx): Promise<BenchSetup> {
  const sys = SYSTEM_ACTOR;
  const unit =
    (await findUnitByCode(ctx.db, 'BENCH')) ?? (await createOrgUnit(ctx, sys, { kind: 'public_enterprise', code: 'BENCH', name: 'Bench enterprise' }));
  const type =
    (await findCaseTypeByCode(ctx.db, 'PRB')) ??
    (await createCaseType(ctx, sys, { code: 'PRB', name: { en: 'Bench report' }, numberPattern: 'B-{seq}', problemReport: true }));
  let category = await findCategory(ctx.db, { code: 'bench_pothole' });
  if (!category) {
    category = await createCategory(ctx, sys, { code: 'bench_pothole', caseTypeId: type.id, name: { en: 'Bench pothole', 'sr-Latn': 'Rupa' } });
    await createRoutingRule(ctx, sys, { categoryId: category.id, unitId: unit.id });
    await updateSistem48Settings(ctx, sys, { dispatcherUnitId: unit.id, intakePerIpPerHour: 100_000 });
  }
  const user = await createStaffUser(ctx, sys, {
    username: `bench311-${Date.now()}`,
    displayName: 'Bench Open311 client',
    password: 'bench-password-123',
    role: 'operator',
    unitId: unit.id,
  });
  const { token } = await createApiToken(ctx, sys, { name: 'bench open311', userId: user.id, scopes: ['open311'] });
  return { apiKey: token, serviceCode: category.code, lat: 45.4083, lon: 19.8878 };
}
