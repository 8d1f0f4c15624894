/**
 * Entry points for the benchmarks (bench/), so they measure the real code paths without HTTP:
 * a ready Sistem 48 setup with an Open311 key, Open311 POST and GET exactly as the routes call
 * them, and one SLA threshold check (the work a single timer job does).
 */
import type { Ctx } from '../commands/context.ts';
import { createCaseType } from '../commands/create-case-type.ts';
import { createOrgUnit } from '../commands/create-org-unit.ts';
import { createStaffUser } from '../commands/create-staff-user.ts';
import { createApiToken } from '../commands/manage-api-tokens.ts';
import { findCaseTypeByCode } from '../repositories/case-type-repository.ts';
import { findUnitByCode } from '../repositories/org-repository.ts';
import { SYSTEM_ACTOR } from '../domain/types.ts';
import { findCategory } from './repositories/category-repository.ts';
import { createCategory } from './commands/create-category.ts';
import { createRoutingRule } from './commands/create-routing-rule.ts';
import { updateSistem48Settings } from './commands/update-settings.ts';
import { checkSlaThreshold, type SlaJob, type SlaOutcome } from './commands/check-sla-threshold.ts';
import { getServiceRequests, postServiceRequest, type Params } from '../open311/requests.ts';

export interface BenchSetup { apiKey: string; serviceCode: string; lat: number; lon: number }

/** Creates (once) a category routed to a unit, the dispatcher, a boundary and an Open311 key; call on an empty or demo database. */
export async function prepareOpen311Bench(ctx: Ctx): Promise<BenchSetup> {
  const sys = SYSTEM_ACTOR;
  const unit = (await findUnitByCode(ctx.db, 'BENCH')) ?? (await createOrgUnit(ctx, sys, { kind: 'public_enterprise', code: 'BENCH', name: 'Bench enterprise' }));
  const type = (await findCaseTypeByCode(ctx.db, 'PRB')) ?? (await createCaseType(ctx, sys, { code: 'PRB', name: { en: 'Bench report' }, numberPattern: 'B-{seq}', problemReport: true }));
  let category = await findCategory(ctx.db, { code: 'bench_pothole' });
  if (!category) {
    category = await createCategory(ctx, sys, { code: 'bench_pothole', caseTypeId: type.id, name: { en: 'Bench pothole', 'sr-Latn': 'Rupa' } });
    await createRoutingRule(ctx, sys, { categoryId: category.id, unitId: unit.id });
    await updateSistem48Settings(ctx, sys, { dispatcherUnitId: unit.id, intakePerIpPerHour: 100_000 });
  }
  const user = await createStaffUser(ctx, sys, { username: `bench311-${Date.now()}`, displayName: 'Bench Open311 client', password: 'bench-password-123', role: 'operator', unitId: unit.id });
  const { token } = await createApiToken(ctx, sys, { name: 'bench open311', userId: user.id, scopes: ['open311'] });
  return { apiKey: token, serviceCode: category.code, lat: 45.4083, lon: 19.8878 };
}

/** One Open311 POST requests (form values as a client sends them); returns the service_request_id. */
export async function open311Post(ctx: Ctx, setup: BenchSetup, values: Params = {}): Promise<string> {
  const [r] = await postServiceRequest(ctx, { api_key: setup.apiKey, service_code: setup.serviceCode, lat: setup.lat, long: setup.lon, description: 'bench', ...values });
  return r!.service_request_id;
}

/** One Open311 GET requests with the given query (e.g. { page_size: '1000', start_date }); returns the requests. */
export async function open311Get(ctx: Ctx, query: Params = {}) {
  return getServiceRequests(ctx, query, { locale: 'en', publicUrl: ctx.config.publicUrl });
}

/** The work of one SLA timer job: re-check one report at one threshold. */
export async function slaTick(ctx: Ctx, job: SlaJob): Promise<SlaOutcome> {
  return checkSlaThreshold(ctx, job);
}
