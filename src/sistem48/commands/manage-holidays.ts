/** The administrator keeps the holiday calendar the working-hours SLA clock skips. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canConfigureSistem48 } from '../policy.ts';
import { deleteHoliday, upsertHoliday } from '../repositories/settings-repository.ts';

const checkDay = (day: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw invalidAs('detail.day_format', {}, 'day');
};

export async function setHoliday(ctx: Ctx, actor: Actor, input: { day: string; name: string }) {
  if (!canConfigureSistem48(actor)) throw forbidden();
  checkDay(input.day);
  return ctx.db.transaction().execute(async (tx) => {
    await upsertHoliday(tx, input.day, input.name);
    await audit(tx, actor, 'set', 'holiday', input.day, undefined, input);
    return input;
  });
}

export async function removeHoliday(ctx: Ctx, actor: Actor, day: string) {
  if (!canConfigureSistem48(actor)) throw forbidden();
  checkDay(day);
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await deleteHoliday(tx, day))) throw notFound();
    await audit(tx, actor, 'remove', 'holiday', day);
    return { day };
  });
}
