/**
 * Builds reports with explicit timestamps through the real commands (file, respond, resolve,
 * re-route, merge, field result, cost), each run with a ctx whose clock says the given instant.
 */
import type { Ctx } from '../../src/kernel/context.ts';
import { SYSTEM_ACTOR } from '../../src/kernel/types.ts';
import { transitionCase } from '../../src/cases/commands/transition-case.ts';
import { fileReport } from '../../src/sistem48/commands/file-report.ts';
import { respondToReport } from '../../src/sistem48/commands/respond-to-report.ts';
import { rerouteReport } from '../../src/sistem48/commands/reroute-report.ts';
import { mergeReports } from '../../src/sistem48/commands/merge-reports.ts';
import { recordFieldResult } from '../../src/sistem48/commands/record-field-result.ts';
import { recordReportCost } from '../../src/sistem48/commands/record-report-cost.ts';
import { WEB_FORM_ACTOR } from '../../src/sistem48/http/routes.ts';
import type { Channel } from '../../src/kernel/types.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const at = (ctx: Ctx, now: Date): Ctx => ({ ...ctx, now: () => now });
export const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

export function reportBuilder(ctx: Ctx) {
  const sys = SYSTEM_ACTOR;
  return {
    async file(
      when: Date,
      o: { category: string; channel: Channel; lat: number; lon: number; fields?: Record<string, unknown>; contact?: { name: string; phone?: string } },
    ) {
      return fileReport(at(ctx, when), WEB_FORM_ACTOR, {
        via: 'web',
        channel: o.channel,
        category: { code: o.category },
        lat: o.lat,
        lon: o.lon,
        description: 'Opis problema Marko Marković 0641234567',
        fields: o.fields ?? {},
        contact: o.contact ?? { name: 'Marko Marković', phone: '0641234567' },
      });
    },
    respond: (caseId: string, when: Date, plannedDays = 5) =>
      respondToReport(at(ctx, when), sys, { caseId, status: 'in_progress', plannedResolutionAt: plus(when, plannedDays * DAY) }),
    resolve: (caseId: string, when: Date) => transitionCase(at(ctx, when), sys, { caseId, to: 'resolved' }),
    reroute: (caseId: string, unitId: string, when: Date) => rerouteReport(at(ctx, when), sys, { caseId, unitId, reason: 'nije nadležno' }),
    merge: (caseId: string, intoCaseId: string, when: Date) => mergeReports(at(ctx, when), sys, { caseId, intoCaseId }),
    fieldResult: (caseId: string, when: Date, resolve = false) => recordFieldResult(at(ctx, when), sys, { caseId, note: 'Sanirano', resolve }),
    cost: (caseId: string, when: Date, c: { labourHours?: number; materials?: number; contractor?: number }) =>
      recordReportCost(at(ctx, when), sys, { caseId, ...c }),
  };
}
