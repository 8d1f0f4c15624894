/** A unit's work queues (new, due soon, overdue, waiting, done) for the people of that unit and those above it. */
import type { Actor } from '../../kernel/types.ts';
import type { Locale } from '../../i18n/index.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { caseReadScope } from '../../cases/policy.ts';
import type { Ctx } from '../../kernel/context.ts';
import { pickText } from '../domain/fields.ts';
import { queueCounts, queuePage, type QueueBucket } from '../repositories/report-repository.ts';
import { presentClock } from './present.ts';
import { supportCounts } from '../repositories/follower-repository.ts';

const SOON_MS = 24 * 3_600_000;

export async function unitQueue(ctx: Ctx, actor: Actor, q: { unitId: string; bucket: QueueBucket; page?: number; pageSize?: number }, locale: Locale) {
  if (actor.kind === 'citizen') throw forbidden();
  const pageSize = Math.min(q.pageSize ?? 50, 200);
  const page = Math.max(1, q.page ?? 1);
  const now = ctx.now();
  const scope = caseReadScope(actor);
  const [rows, counts] = await Promise.all([
    queuePage(ctx.db, scope, { unitId: q.unitId, bucket: q.bucket, now, soonMs: SOON_MS, limit: pageSize + 1, offset: (page - 1) * pageSize }),
    queueCounts(ctx.db, scope, { unitId: q.unitId, now, soonMs: SOON_MS }),
  ]);
  const support = await supportCounts(
    ctx.db,
    rows.slice(0, pageSize).map((r) => r.case_id),
  );
  return {
    bucket: q.bucket,
    counts,
    page,
    pageSize,
    hasMore: rows.length > pageSize,
    items: rows.slice(0, pageSize).map((r) => ({
      caseId: r.case_id,
      id: String(r.report_no),
      number: r.number,
      subject: r.subject,
      status: r.status,
      category: { code: r.category_code, name: pickText(r.category_name, locale) },
      address: r.address,
      lat: r.lat,
      lon: r.lon,
      clerkId: r.clerk_id,
      clerkName: r.clerk_name,
      registeredAt: r.registered_at,
      nextDeadline: r.next_deadline,
      plannedResolutionAt: r.planned_resolution_at,
      firstResponse: presentClock(now, r),
      // The citizen wrote back (a reply, or "not fixed") and nobody on staff has read it yet.
      unreadUpdateAt: r.citizen_update_at,
      // Waiting for the citizen: the answer clock stands still since then.
      pausedSince: r.paused_at,
      /** "Me too": proven people who have the same problem. */
      supportCount: support.get(r.case_id) ?? 0,
    })),
  };
}
