/**
 * The unit head's home (issue 15): the health of their units' queue (due today, overdue, waiting for
 * someone else, unassigned), the work of each clerk, the open cases to reassign, and the deadline
 * escalations that reached the head. Open means the case's is_open (a decision or archiving ends it);
 * a Sistem 48 report is also overdue when its first answer is late (report_facts).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { localDate, startOfLocalDay } from '../../kernel/time.ts';
import { subtreeIds } from './lookups.ts';

/** Statuses in which the case waits for someone outside the unit: another institution's opinion, the citizen's supplement. */
const WAITING = ['awaiting_opinion', 'incomplete'];
export const QUEUE_FILTERS = ['all', 'due_today', 'overdue', 'waiting', 'unassigned'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];
const LIST_LIMIT = 200;

function requireUnitHead(actor: Actor): asserts actor is Extract<Actor, { kind: 'staff' }> & { unitPath: string } {
  if (actor.kind !== 'staff' || actor.role !== 'unit_head' || actor.unitPath === null) throw forbidden();
}

function conditions(now: Date, todayStart: Date, tomorrow: Date): Record<QueueFilter, RawBuilder<boolean>> {
  const lateAnswer = sql<boolean>`(rf.case_id is not null and rf.responded_at is null and rf.first_response_due_at <= ${now})`;
  return {
    all: sql<boolean>`true`,
    due_today: sql<boolean>`(c.due_at >= ${todayStart} and c.due_at < ${tomorrow})`,
    overdue: sql<boolean>`(c.due_at < ${now} or ${lateAnswer})`,
    waiting: sql<boolean>`c.status = any(${WAITING}::text[])`,
    unassigned: sql<boolean>`c.clerk_id is null`,
  };
}

export async function unitHeadHome(ctx: Ctx, actor: Actor, q: { filter?: QueueFilter; clerkId?: string }) {
  requireUnitHead(actor);
  const now = ctx.now();
  const tz = ctx.config.timezone;
  const today = localDate(now, tz);
  const todayStart = startOfLocalDay(today, tz);
  const tomorrow = startOfLocalDay(localDate(new Date(todayStart.getTime() + 36 * 3_600_000), tz), tz);
  const unitIds = await subtreeIds(ctx.db, actor.unitPath);
  const c = conditions(now, todayStart, tomorrow);
  const open = sql`from cases c left join report_facts rf on rf.case_id = c.id where c.is_open and c.unit_id = any(${unitIds}::uuid[])`;
  const counts = sql.join(
    QUEUE_FILTERS.map((f) => sql`count(*) filter (where ${c[f]})::int as ${sql.ref(f)}`),
    sql`, `,
  );
  const filter = q.filter ?? 'all';
  const [health, perClerk, clerks, items, escalations] = await Promise.all([
    sql<Record<QueueFilter, number>>`select ${counts} ${open}`.execute(ctx.db),
    sql<{ clerk_id: string | null } & Record<QueueFilter, number>>`select c.clerk_id, ${counts} ${open} group by c.clerk_id`.execute(ctx.db),
    ctx.db
      .selectFrom('users')
      .select(['id', 'display_name', 'unit_id', 'role'])
      .where('unit_id', 'in', unitIds)
      .where('active', '=', true)
      .where('role', 'in', ['case_officer', 'unit_head'])
      .orderBy('display_name')
      .execute(),
    sql<{
      id: string;
      number: string;
      subject: string;
      status: string;
      unit_id: string | null;
      clerk_id: string | null;
      due_at: Date | null;
      registered_at: Date;
      overdue: boolean;
    }>`select c.id, c.number, c.subject, c.status, c.unit_id, c.clerk_id, c.due_at, c.registered_at, ${c.overdue} as overdue ${open}
      and ${c[filter]} ${q.clerkId ? sql`and c.clerk_id = ${q.clerkId}` : sql``}
      order by ${c.overdue} desc, c.due_at nulls last, c.registered_at, c.id limit ${LIST_LIMIT}`.execute(ctx.db),
    sql<{ id: string; case_id: string; number: string; level: string; due_at: Date; fired_at: Date; is_open: boolean }>`
      select e.id, e.case_id, c.number, e.level, e.due_at, e.fired_at, c.is_open
      from sla_escalations e join cases c on c.id = e.case_id
      where ${actor.userId}::uuid = any(e.recipient_ids)
      order by e.fired_at desc, e.id desc limit 50`.execute(ctx.db),
  ]);
  const names = new Map(clerks.map((u) => [u.id, u.display_name]));
  const byClerk = new Map(perClerk.rows.map((r) => [r.clerk_id, r]));
  const zero = Object.fromEntries(QUEUE_FILTERS.map((f) => [f, 0])) as Record<QueueFilter, number>;
  const pick = (r: Record<QueueFilter, number> | undefined) =>
    Object.fromEntries(QUEUE_FILTERS.map((f) => [f, Number(r?.[f] ?? 0)])) as Record<QueueFilter, number>;
  return {
    at: now.toISOString(),
    unitIds,
    health: pick(health.rows[0] ?? zero),
    clerks: [
      ...clerks.map((u) => ({ clerkId: u.id, name: u.display_name, unitId: u.unit_id, ...pick(byClerk.get(u.id)) })),
      // Cases held by someone no longer active in these units still show, under their name.
      ...perClerk.rows.filter((r) => r.clerk_id !== null && !names.has(r.clerk_id)).map((r) => ({ clerkId: r.clerk_id, name: null, unitId: null, ...pick(r) })),
    ],
    filter,
    items: items.rows.map((r) => ({
      id: r.id,
      number: r.number,
      subject: r.subject,
      status: r.status,
      unitId: r.unit_id,
      clerkId: r.clerk_id,
      clerkName: r.clerk_id ? (names.get(r.clerk_id) ?? null) : null,
      dueAt: r.due_at,
      registeredAt: r.registered_at,
      overdue: r.overdue,
    })),
    escalations: escalations.rows.map((e) => ({
      id: Number(e.id),
      caseId: e.case_id,
      number: e.number,
      level: e.level,
      dueAt: e.due_at,
      firedAt: e.fired_at,
      open: e.is_open,
    })),
  };
}
