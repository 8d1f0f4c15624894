/** Read side of the configuration: categories (public and admin), routing rules, settings and holidays. */
import type { Actor } from '../../kernel/types.ts';
import type { Locale } from '../../i18n/index.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canConfigureSistem48 } from '../policy.ts';
import { pickText, type CategoryField } from '../domain/fields.ts';
import { listCategories, type CategoryRow } from '../repositories/category-repository.ts';
import { listRules } from '../repositories/routing-repository.ts';
import { getSettingsRow, holidaysFrom } from '../repositories/settings-repository.ts';

/** A category as the web form and the operator console need it, in one language. */
export function presentCategory(c: CategoryRow, locale: Locale) {
  return {
    id: c.id,
    code: c.code,
    name: pickText(c.name, locale),
    description: pickText(c.description, locale),
    icon: c.icon,
    group: c.group_code,
    keywords: c.keywords,
    slaHours: c.sla_hours,
    slaClock: c.sla_clock,
    fields: (c.fields as CategoryField[]).map((f) => ({
      code: f.code,
      type: f.type,
      required: f.required,
      label: pickText(f.label, locale),
      description: pickText(f.description, locale),
      options: f.options?.map((o) => ({ key: o.key, name: pickText(o.name, locale) })) ?? [],
    })),
  };
}

export async function publicCategories(ctx: Ctx, locale: Locale) {
  return (await listCategories(ctx.db, true)).map((c) => presentCategory(c, locale));
}

/** Every category with all its languages, for the administrator. */
export async function adminCategories(ctx: Ctx, actor: Actor) {
  if (actor.kind !== 'staff') throw forbidden();
  return listCategories(ctx.db, false);
}

export async function routingRules(ctx: Ctx, actor: Actor, categoryId?: number) {
  if (actor.kind !== 'staff') throw forbidden();
  return listRules(ctx.db, { categoryId, activeOnly: false });
}

export async function sistem48Settings(ctx: Ctx, actor: Actor) {
  if (!canConfigureSistem48(actor)) throw forbidden();
  return getSettingsRow(ctx.db);
}

export async function holidays(ctx: Ctx, fromDay: string) {
  return holidaysFrom(ctx.db, fromDay);
}
