/**
 * Public tracking: anyone holding both the case number and its tracking code sees the status, the
 * body holding it, the dates and the public history, without names or personal data. A wrong pair
 * answers exactly like a missing case, and failed guesses are throttled per address.
 */
import { notFound } from '../../kernel/lib/errors.ts';
import { normaliseTrackingCode } from '../domain/tracking-code.ts';
import { safeEqual } from '../../kernel/lib/secrets.ts';
import { caseEvents, findVisibleCase } from '../repositories/case-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { count, refuseIfLocked, type Limit } from '../../kernel/throttle.ts';
import { maskContacts } from '../../kernel/lib/public-text.ts';

const guessesPerAddress = (ip: string): Limit => ({ key: `track:${ip}`, windowMs: 15 * 60_000, limit: 20, lockMs: 15 * 60_000 });

// Data keys that may name a person or carry contact data; the public history never shows them.
const PRIVATE_KEYS = new Set(['clerkId', 'clerkName', 'fromClerkId', 'actorId', 'registryUnitId', 'phone', 'email', 'name', 'partyId', 'partyIds']);

export async function trackCase(ctx: Ctx, input: { number: string; code: string; ip: string }) {
  const limit = guessesPerAddress(input.ip);
  const now = ctx.now();
  await refuseIfLocked(ctx.db, [limit.key], now);
  const code = normaliseTrackingCode(input.code);
  const c = await findVisibleCase(ctx.db, { kind: 'all' }, { number: input.number.trim() });
  if (!c || !code || !safeEqual(c.tracking_code, code)) {
    await count(ctx.db, [limit], now);
    throw notFound();
  }
  const events = await caseEvents(ctx.db, c.id, true);
  return {
    number: c.number,
    caseType: c.case_type_name,
    status: c.status,
    unit: c.unit_name,
    awaitingInstitution: c.awaiting_unit_name,
    registeredAt: c.registered_at,
    statusChangedAt: c.status_changed_at,
    dueAt: c.due_at,
    closedAt: c.closed_at,
    history: events.map((e) => ({
      type: e.type,
      at: e.occurred_at,
      data: Object.fromEntries(Object.entries(e.data).filter(([k]) => !PRIVATE_KEYS.has(k))),
      // Notes written for the citizen are public by the clerk's choice; internal notes never reach here.
      // Contacts in them are masked as on every public surface (an update may come from another citizen).
      note: e.note === null ? null : maskContacts(e.note),
    })),
  };
}
