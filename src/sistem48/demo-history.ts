/**
 * The demo's past (issue 14, item 8): problem reports spread over the twelve weeks before today, each
 * answered, fixed, some late, some reopened after a fix and fixed again, so that the weekly overview,
 * the unit reports and the dashboards have content on the first start. Every instant is computed
 * from the injected clock (ctx.now) and the commands run at those instants, as if the weeks had
 * happened; nothing lies in the future. The reports are anonymous, so no message goes out for them.
 */
import type { Ctx } from '../kernel/context.ts';
import { SYSTEM_ACTOR } from '../kernel/types.ts';
import { fileReport } from './commands/file-report.ts';
import { respondToReport } from './commands/respond-to-report.ts';
import { recordFieldResult } from './commands/record-field-result.ts';
import { WEB_FORM_ACTOR } from './http/routes.ts';
import { checkSlaThreshold } from './commands/check-sla-threshold.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const PLACES = [
  { code: 'pothole', d: 'Rupa na kolovozu kod pešačkog prelaza.', lat: 45.4078, lon: 19.8902, address: 'Glavna 20', fields: { size: 'small' } },
  { code: 'street_light', d: 'Ulična svetiljka ne radi.', lat: 45.4091, lon: 19.8866, address: 'Novosadska 30', fields: { pole_number: 'JR-2' } },
  { code: 'garbage', d: 'Kontejner je pun.', lat: 45.4121, lon: 19.8795, address: 'Pijačna 7', fields: {} },
  { code: 'water_leak', d: 'Curi voda iz hidranta.', lat: 45.4003, lon: 19.8951, address: 'Kralja Petra I 20', fields: {} },
  { code: 'illegal_dumping', d: 'Bačen stari nameštaj pored puta.', lat: 45.4212, lon: 19.8701, address: null, fields: { size: 'medium' } },
  { code: 'pothole', d: 'Oštećen asfalt ispred škole.', lat: 45.43, lon: 19.85, address: 'Školska 4', fields: { size: 'large' } },
] as const;

export async function seedReportHistory(ctx: Ctx): Promise<{ filed: number; resolved: number; reopened: number }> {
  const now = ctx.now().getTime();
  const at = (t: number): Ctx => ({ ...ctx, now: () => new Date(t) });
  const past = (t: number) => t < now - HOUR;
  let filed = 0;
  let resolved = 0;
  let reopened = 0;
  for (let w = 12; w >= 1; w--) {
    const perWeek = 3 + (w % 4);
    for (let j = 0; j < perWeek; j++) {
      const place = PLACES[(w * 7 + j) % PLACES.length]!;
      // Spread over the week, in working hours; a small jitter keeps the dots apart on the map.
      const t0 = now - w * 7 * DAY + ((j * 37) % 6) * DAY + (8 + ((j * 5 + w) % 9)) * HOUR;
      if (!past(t0)) continue;
      const jitter = (((w * 13 + j * 7) % 11) - 5) * 0.0004;
      const r = await fileReport(at(t0), WEB_FORM_ACTOR, {
        via: 'web',
        channel: (w + j) % 3 === 0 ? 'phone' : 'web',
        category: { code: place.code },
        description: place.d,
        lat: place.lat + jitter,
        lon: place.lon - jitter,
        address: place.address,
        fields: { ...place.fields },
      });
      filed++;
      if ((j + w) % 7 === 0) {
        // Never answered: the overview's breaches. The 48-hour clock's warnings fire when they would have.
        for (const [level, when] of [
          ['warning', r.firstResponseWarnAt.getTime()],
          ['breach', r.firstResponseDueAt.getTime()],
        ] as const) {
          if (past(when)) await checkSlaThreshold(at(when + 60_000), { caseId: r.caseId, level });
        }
        continue;
      }
      // Most answers come within the day; every fifth takes more than 48 hours.
      const answered = t0 + ((j * 13 + w * 7) % 5 === 0 ? 50 : 2 + ((j * 13 + w * 7) % 20)) * HOUR;
      if (!past(answered)) continue;
      await respondToReport(at(answered), SYSTEM_ACTOR, {
        caseId: r.caseId,
        status: 'in_progress',
        plannedResolutionAt: new Date(answered + 5 * DAY),
        note: null,
      });
      if ((j + w) % 3 === 0) continue; // still being worked on
      const fixed = answered + (1 + ((j + w) % 6)) * DAY;
      if (!past(fixed)) continue;
      await recordFieldResult(at(fixed), SYSTEM_ACTOR, { caseId: r.caseId, note: 'Sanirano na terenu.', resolve: true });
      resolved++;
      // Now and then the problem comes back: answered again (which reopens it), then fixed again.
      if ((j * w) % 5 !== 1) continue;
      const again = fixed + 2 * DAY;
      if (!past(again)) continue;
      await respondToReport(at(again), SYSTEM_ACTOR, {
        caseId: r.caseId,
        status: 'in_progress',
        plannedResolutionAt: new Date(again + 3 * DAY),
        note: 'Problem se ponovio; ekipa ponovo izlazi na teren.',
      });
      reopened++;
      const refixed = again + 2 * DAY;
      if (past(refixed)) await recordFieldResult(at(refixed), SYSTEM_ACTOR, { caseId: r.caseId, note: 'Ponovo sanirano.', resolve: true });
    }
  }
  return { filed, resolved, reopened };
}
