/** The administrator's view: kinds with their levels, templates (saved or built-in) and their versions, placeholders. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, notFound } from '../../kernel/lib/errors.ts';
import { LOCALES, isLocale } from '../../i18n/index.ts';
import type { Ctx } from '../../kernel/context.ts';
import { isKnownKind, kindDefinitions } from '../domain/kinds.ts';
import { defaultTemplate } from '../domain/default-templates.ts';
import { PLACEHOLDERS, TEMPLATE_CHANNELS, type TemplateChannel } from '../domain/template.ts';
import { latestTemplatesAll, listKindSettings, templateVersions } from '../repositories/settings-repository.ts';
import { canReadNotificationSettings } from '../policy.ts';

export async function listNotificationKinds(ctx: Ctx, actor: Actor) {
  if (!canReadNotificationSettings(actor)) throw forbidden();
  const saved = await listKindSettings(ctx.db);
  return kindDefinitions().map((d) => {
    const s = saved.find((x) => x.kind === d.kind);
    return {
      kind: d.kind,
      eventType: d.eventType,
      description: d.description,
      level: s?.level ?? d.defaultLevel,
      defaultLevel: d.defaultLevel,
      updatedAt: s?.updated_at ?? null,
      updatedBy: s?.updated_by_name ?? null,
    };
  });
}

/** Current template of every kind/channel/locale matching the filter: the newest saved version, or the built-in one (version 0). */
export async function listTemplates(ctx: Ctx, actor: Actor, f: { kind?: string; channel?: TemplateChannel; locale?: string }) {
  if (!canReadNotificationSettings(actor)) throw forbidden();
  if (f.kind && !isKnownKind(f.kind)) throw notFound();
  const saved = await latestTemplatesAll(ctx.db, f);
  const kinds = f.kind ? [f.kind] : kindDefinitions().map((d) => d.kind);
  const channels = f.channel ? [f.channel] : TEMPLATE_CHANNELS;
  const locales = f.locale && isLocale(f.locale) ? [f.locale] : LOCALES;
  const out = [];
  for (const kind of kinds)
    for (const channel of channels)
      for (const locale of locales) {
        const s = saved.find((x) => x.kind === kind && x.channel === channel && x.locale === locale);
        out.push(
          s
            ? { kind, channel, locale, version: s.version, body: s.body, builtIn: false, savedAt: s.created_at, savedBy: s.created_by_name }
            : { kind, channel, locale, version: 0, body: defaultTemplate(kind, channel, locale), builtIn: true, savedAt: null, savedBy: null },
        );
      }
  return out;
}

export async function listTemplateVersions(ctx: Ctx, actor: Actor, kind: string, channel: TemplateChannel, locale: string) {
  if (!canReadNotificationSettings(actor)) throw forbidden();
  if (!isKnownKind(kind) || !isLocale(locale)) throw notFound();
  const saved = await templateVersions(ctx.db, kind, channel, locale);
  return [
    ...saved.map((s) => ({ version: s.version, body: s.body, savedAt: s.created_at, savedBy: s.created_by_name, builtIn: false })),
    { version: 0, body: defaultTemplate(kind, channel, locale), savedAt: null, savedBy: null, builtIn: true },
  ];
}

export function listPlaceholders() {
  return Object.entries(PLACEHOLDERS).map(([name, description]) => ({ name, placeholder: `{${name}}`, description }));
}
