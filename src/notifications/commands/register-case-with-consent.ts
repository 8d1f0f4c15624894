/**
 * Registration at the counter in one call: the case, its parties, and the consent each party signed
 * (with the mobile number or e-mail it applies to), in one transaction. Consent is recorded before
 * the case's first event, so the "received at the registry office, number and date" message is
 * already queued when the registration commits.
 */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden } from '../../kernel/lib/errors.ts';
import { canActOnCase } from '../../cases/policy.ts';
import { insertNewParty, registerCaseInTx, type PartyRef, type RegisterCaseInput } from '../../cases/commands/register-case.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { MessageChannel } from '../domain/recipients.ts';
import { ensurePreferences, updatePreferences, viberUserTaken } from '../repositories/contact-repository.ts';
import { recordConsentInTx } from './record-consent.ts';

export interface CounterConsent {
  channels: MessageChannel[];
  method?: 'counter_signed' | 'written_application';
  textVersion?: string;
  documentRef?: string;
}
export type PartyWithConsent = PartyRef & { consent?: CounterConsent; viberUserId?: string };
export interface RegisterWithConsentInput extends Omit<RegisterCaseInput, 'parties'> {
  parties: PartyWithConsent[];
}

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
        // Consent needs the party first.
        partyId = (await insertNewParty(tx, ctx, ref)).id;
        refs.push({ role: ref.role, partyId });
      }
      if (viberUserId) {
        if (await viberUserTaken(tx, viberUserId, partyId)) throw new AppError('conflict', {}, { field: 'viberUserId' });
        await ensurePreferences(tx, partyId);
        await updatePreferences(tx, partyId, { viber_user_id: viberUserId }, ctx.now());
      }
      for (const channel of new Set(consent?.channels ?? [])) {
        await recordConsentInTx(tx, ctx, actor, {
          partyId,
          channel,
          action: 'given',
          method: consent?.method ?? 'counter_signed',
          textVersion: consent?.textVersion,
          documentRef: consent?.documentRef,
        });
      }
    }
    return registerCaseInTx(tx, ctx, actor, { ...input, parties: refs });
  });
}
