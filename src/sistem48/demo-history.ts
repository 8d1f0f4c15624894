/**
 * The demo's past (issue 14, item 8): problem reports spread over the twelve weeks before today, each
 * answered, fixed, some late, some reopened after a fix and fixed again, so that the weekly overview,
 * the unit reports and the dashboards have content on the first start. Every instant is computed
 * from the injected clock (ctx.now) and the commands run at those instants, as if the weeks had
 * happened; nothing lies in the future. Half the reports are anonymous; the other half name one of
 * the history's reporters (with consent), who are asked "is it fixed?" when the category's days have
 * passed and answer it through the same commands as a real citizen: mostly "fixed" with a rating,
 * sometimes nothing, sometimes "not fixed" with a low rating, which reopens the report until it is
 * fixed again (and they are asked once more). Messages older than the notification expiry expire
 * unsent; the last days' reach the demo's own SMS centre, as they would have.
 */
import type { Ctx } from '../kernel/context.ts';
import { SYSTEM_ACTOR } from '../kernel/types.ts';
import { fileReport } from './commands/file-report.ts';
import { respondToReport } from './commands/respond-to-report.ts';
import { recordFieldResult } from './commands/record-field-result.ts';
import { WEB_FORM_ACTOR } from './http/routes.ts';
import { checkSlaThreshold } from './commands/check-sla-threshold.ts';
import { askFixQuestion } from './commands/ask-fix-question.ts';
import { answerFixQuestion } from './commands/answer-fix-question.ts';
import { questionsToAsk } from './repositories/fix-question-repository.ts';

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

/** The history's reporters: invented people on numbers of the demo's own SMS centre. */
const REPORTERS = [
  { name: 'Dragana Ilić', phone: '+381645550901', locale: 'sr-Latn' },
  { name: 'Nenad Stojanović', phone: '+381645550902', locale: 'sr-Latn' },
  { name: 'Jasmina Kovač', phone: '+381645550903', locale: 'hr' },
  { name: 'Ђорђе Марковић', phone: '+381645550904', locale: 'sr-Cyrl' },
] as const;

export async function seedReportHistory(ctx: Ctx): Promise<{ filed: number; resolved: number; reopened: number; answered: number }> {
  const now = ctx.now().getTime();
  const at = (t: number): Ctx => ({ ...ctx, now: () => new Date(t) });
  const past = (t: number) => t < now - HOUR;
  let filed = 0;
  let resolved = 0;
  let reopened = 0;
  let answered = 0;
  /**
   * The reporter is asked when the question falls due and answers some hours later: round 1 mostly
   * "fixed" (rating 3–5), every sixth "not fixed" (rating 1–2, the report reopens and is fixed again
   * two days later, then asked once more and found fixed), every ninth not at all.
   */
  const askAndAnswer = async (caseId: string, seed: number) => {
    for (let round = 1; round <= 2; round++) {
      const [q] = await questionsToAsk(ctx.db, caseId);
      if (!q || !past(q.ask_at.getTime())) return;
      if ((await askFixQuestion(at(q.ask_at.getTime()), { questionId: q.id })) !== 'asked') return;
      if (round === 1 && seed % 9 === 4) return;
      const when = q.ask_at.getTime() + (2 + (seed % 10)) * HOUR;
      if (!past(when)) return;
      const notFixed = round === 1 && seed % 6 === 1;
      const result = await answerFixQuestion(at(when), {
        question: { id: q.id },
        answer: notFixed ? 'not_fixed' : 'fixed',
        rating: notFixed ? 1 + (seed % 2) : 3 + (seed % 3),
        comment: notFixed ? 'Problem je i dalje tu.' : null,
        via: seed % 2 ? 'sms' : 'web',
      });
      answered++;
      if (!result.reopened) return;
      reopened++;
      const refixed = when + 2 * DAY;
      if (!past(refixed)) return;
      await recordFieldResult(at(refixed), SYSTEM_ACTOR, { caseId, note: 'Ponovo sanirano posle javljanja građanina.', resolve: true });
    }
  };
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
        contact: (w + j) % 2 === 0 ? { ...REPORTERS[(w + j) % REPORTERS.length]!, consent: true } : null,
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
      // Otherwise the reporter, if any, is asked whether it is fixed.
      if ((j * w) % 5 !== 1) {
        if ((w + j) % 2 === 0) await askAndAnswer(r.caseId, 2 * w + 3 * j);
        continue;
      }
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
  return { filed, resolved, reopened, answered };
}
