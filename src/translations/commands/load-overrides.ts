/**
 * Lays the installation's wording in force over the shipped message files, for every message formatted
 * from now on in this process (screens rendered on the server, API errors, notifications, e-mails).
 * Run at start and after every change.
 */
import type { Ctx } from '../../kernel/context.ts';
import type { Db, Tx } from '../../kernel/db/database.ts';
import { setMessageOverrides, type Locale } from '../../i18n/index.ts';
import { overridesInForce } from '../repositories/override-repository.ts';

export async function currentOverrides(db: Db | Tx): Promise<Partial<Record<Locale, Record<string, string>>>> {
  const out: Partial<Record<Locale, Record<string, string>>> = {};
  for (const o of await overridesInForce(db)) (out[o.locale as Locale] ??= {})[o.key] = o.text;
  return out;
}

export async function loadOverrides(ctx: Ctx): Promise<void> {
  setMessageOverrides(await currentOverrides(ctx.db));
}
