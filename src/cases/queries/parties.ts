/** Read side of parties: the look-up the registry uses at intake, by name, phone or ID number. */
import type { Actor } from '../../kernel/types.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { normalisePhone } from '../../kernel/lib/phone.ts';
import { canFindParties } from '../party-policy.ts';
import { searchParties } from '../repositories/party-repository.ts';
import { searchKey } from '../../i18n/search-key.ts';
import type { Ctx } from '../../kernel/context.ts';

const LIMIT = 10;

/** Parties whose name (in any script, with or without diacritics) contains `q`, or whose phone or ID number is `q`. */
export async function findParties(ctx: Ctx, actor: Actor, q: string) {
  if (!canFindParties(actor)) throw forbidden();
  const text = q.trim();
  // A phone number as typed at the counter ("064 123 4567") is compared in its E.164 form.
  const phone = /\d{6,}/.test(text.replace(/[\s\-()./]/g, '')) ? normalisePhone(text, ctx.config.phoneCountryCode) : null;
  const idNumber = /^[0-9A-Za-z-]{5,40}$/.test(text) && /\d/.test(text) ? text : undefined;
  const key = searchKey(text);
  const rows = await searchParties(ctx.db, { key: key.length >= 2 ? key : undefined, phone: phone ?? undefined, idNumber }, LIMIT * 5);
  // A citizen registered at the counter several times has several identical rows; the clerk needs to see them once.
  const seen = new Set<string>();
  const out = [];
  for (const p of rows) {
    const same = [p.kind, p.name, p.id_number, p.phone, p.email, p.address].join('\u0000');
    if (seen.has(same)) continue;
    seen.add(same);
    out.push({ id: p.id, kind: p.kind, name: p.name, id_number: p.id_number, phone: p.phone, email: p.email, address: p.address, locale: p.locale });
    if (out.length === LIMIT) break;
  }
  return out;
}
