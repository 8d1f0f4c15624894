/**
 * Registration at the counter in one call: the case, its parties, and the consent each party signed
 * (with the mobile number or e-mail it applies to), in one transaction. Consent is recorded before
 * the case's first event, so the "received at the registry office, number and date" message is
 * already queued when the registration commits.
 */
import type { Actor } from '../../domain/types.ts';
import { forbidden, invalid } from '../../lib/errors.ts';
import { normaliseEmail, normalisePhone } from '../../lib/phone.ts';
import { searchKey } from '../../i18n/search-key.ts';
import { canActOnCase } from '../../policies/case-policy.ts';
import { insertParty } from '../../repositories/party-repository.ts';
import { registerCaseInTx, type PartyRef, type RegisterCaseInput } from '../../commands/register-case.ts';
import type { Ctx } from '../../commands/context.ts';
import type { MessageChannel } from '../domain/recipients.ts';
import { ensurePreferences, updatePreferences, viberUserTaken } from '../repositories/contact-repository.ts';
import { AppError } from '../../lib/errors.ts';
import { recordConsentInTx } from './record-consent.ts';

export interface CounterConsent { channels: MessageChannel[]; method?: 'counter_signed' | 'written_application'; textVersion?: string; documentRef?: string }
export type PartyWithConsent = PartyRef & { consent?: CounterConsent; viberUserId?: string };
export interface RegisterWithConsentInput extends Omit<RegisterCaseInput, 'parties'> { parties: PartyWithConsent[] }

export async function registerCaseWithConsent(ctx: Ctx, actor: Actor, input: RegisterWithConsentInput) {
  if (!canActOnCase(actor, 'register')) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const refs: PartyRef[] = [];
    for (const p of input.parties) {
      const { consent, viberUserId, ...ref } = p;
      let partyId: string;
      if ('partyId' in ref) {
        partyId = ref.partyId;
        refs.push(ref);
      } else {
        // The same validation registerCaseInTx applies, done here because consent needs the party first.
        const phone = ref.phone ? normalisePhone(ref.phone, ctx.config.phoneCountryCode) : null;
        if (ref.phone && !phone) throw invalid(`"${ref.phone}" is not a valid mobile number`, 'phone');
        const email = ref.email ? normaliseEmail(ref.email) : null;
        if (ref.email && !email) throw invalid(`"${ref.email}" is not a valid e-mail address`, 'email');
        const { role, ...fields } = ref;
        const party = await insertParty(tx, { ...fields, kind: fields.kind ?? 'person', phone, email }, searchKey(`${fields.name} ${fields.idNumber ?? ''}`));
        partyId = party.id;
        refs.push({ role, partyId });
      }
      if (viberUserId) {
        if (await viberUserTaken(tx, viberUserId, partyId)) throw new AppError('conflict', {}, { field: 'viberUserId' });
        await ensurePreferences(tx, partyId);
        await updatePreferences(tx, partyId, { viber_user_id: viberUserId }, ctx.now());
      }
      for (const channel of new Set(consent?.channels ?? [])) {
        await recordConsentInTx(tx, ctx, actor, {
          partyId, channel, action: 'given', method: consent?.method ?? 'counter_signed', textVersion: consent?.textVersion, documentRef: consent?.documentRef,
        });
      }
    }
    return registerCaseInTx(tx, ctx, actor, { ...input, parties: refs });
  });
}
