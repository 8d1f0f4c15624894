/**
 * Records that a party gave or withdrew consent to be notified on a channel: at the counter (signed
 * statement), by written application, on the portal, or by subscribing to / leaving the Viber bot.
 * Each is a new record naming who recorded it and which consent text it refers to; the latest per
 * channel is in force. Recording what is already in force changes nothing.
 */
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/types.ts';
import { forbidden, invalidAs, notFound } from '../../kernel/lib/errors.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';
import type { MessageChannel } from '../domain/recipients.ts';
import { consentsInForce, findPreferences, insertConsent, lockParty, lockPartyConsents, type ConsentMethod } from '../repositories/contact-repository.ts';
import { canManagePartyNotifications, ownParty } from '../policy.ts';

export const CONSENT_METHODS = ['counter_signed', 'written_application', 'portal', 'viber_subscription'] as const;
export const WITHDRAWAL_METHODS = ['counter_signed', 'written_application', 'portal', 'viber_unsubscribed'] as const;

export interface ConsentInput {
  partyId: string;
  channel: MessageChannel;
  action: 'given' | 'withdrawn';
  method: ConsentMethod;
  textVersion?: string | null;
  documentRef?: string | null;
  at?: Date;
  /**
   * The contact the consent is for, when the party has not linked it yet: the Viber number a citizen
   * gives at the counter before their Viber user follows the statement's QR code.
   */
  address?: string;
}

function actorName(actor: Actor): { id: string | null; name: string } {
  return { id: actor.kind === 'system' ? null : actor.userId, name: actor.name };
}

/** The same, inside a caller's transaction (registration at the counter, the registry integration, Viber callbacks). */
export async function recordConsentInTx(tx: Tx, ctx: Ctx, actor: Actor, input: ConsentInput) {
  await lockPartyConsents(tx, input.partyId);
  const party = await lockParty(tx, input.partyId);
  if (!party) throw notFound();
  const prefs = await findPreferences(tx, input.partyId);
  const address = input.address ?? (input.channel === 'sms' ? party.phone : input.channel === 'email' ? party.email : (prefs?.viber_user_id ?? null));
  if (input.action === 'given' && !address) {
    throw invalidAs('detail.consent_no_contact', { channel: input.channel }, input.channel === 'sms' ? 'phone' : input.channel);
  }
  const textVersion = input.action === 'given' ? (input.textVersion ?? ctx.config.consentTextVersion) : (input.textVersion ?? null);
  const current = (await consentsInForce(tx, [input.partyId])).find((c) => c.channel === input.channel);
  if (current && current.action === input.action && (input.action === 'withdrawn' || (current.address === address && current.text_version === textVersion))) {
    return { record: current, changed: false };
  }
  if (!current && input.action === 'withdrawn') return { record: null, changed: false };
  const who = actorName(actor);
  const record = await insertConsent(tx, {
    partyId: input.partyId,
    channel: input.channel,
    action: input.action,
    method: input.method,
    address,
    textVersion,
    documentRef: input.documentRef ?? null,
    recordedBy: who.id,
    recordedByName: who.name,
    at: input.at ?? ctx.now(),
  });
  await audit(tx, actor, input.action === 'given' ? 'consent_given' : 'consent_withdrawn', 'party', input.partyId, current ?? null, record);
  return { record, changed: true };
}

/**
 * Consent given for a party the caller created in this same transaction (a report's new reporter, with
 * the contact it gave): no one else can see the party yet, and it has no preferences and no consent in
 * force, so there is nothing to lock or read; the consent is written with its audit entry, as
 * recordConsentInTx writes a first one.
 */
export async function recordNewPartyConsentInTx(
  tx: Tx,
  ctx: Ctx,
  actor: Actor,
  party: { id: string; phone: string | null; email: string | null },
  input: { channel: 'sms' | 'email'; method: ConsentMethod; at?: Date },
) {
  const address = input.channel === 'sms' ? party.phone : party.email;
  if (!address) throw invalidAs('detail.consent_no_contact', { channel: input.channel }, input.channel === 'sms' ? 'phone' : input.channel);
  const who = actorName(actor);
  const record = await insertConsent(tx, {
    partyId: party.id,
    channel: input.channel,
    action: 'given',
    method: input.method,
    address,
    textVersion: ctx.config.consentTextVersion,
    documentRef: null,
    recordedBy: who.id,
    recordedByName: who.name,
    at: input.at ?? ctx.now(),
  });
  await audit(tx, actor, 'consent_given', 'party', party.id, null, record);
  return record;
}

/** Staff record consent (or its withdrawal) for a party, e.g. the signed statement handed in at the counter. */
export async function recordConsent(ctx: Ctx, actor: Actor, input: ConsentInput) {
  if (!canManagePartyNotifications(actor)) throw forbidden();
  if (input.method === 'portal') throw invalidAs('detail.consent_not_portal', {}, 'method');
  return ctx.db.transaction().execute((tx) => recordConsentInTx(tx, ctx, actor, input));
}

/** A signed-in citizen gives or withdraws consent for their own party on the portal. */
export async function recordOwnConsent(ctx: Ctx, actor: Actor, input: { channel: MessageChannel; action: 'given' | 'withdrawn'; textVersion?: string | null }) {
  const partyId = ownParty(actor);
  if (!partyId) throw notFound();
  return ctx.db.transaction().execute((tx) => recordConsentInTx(tx, ctx, actor, { partyId, ...input, method: 'portal' }));
}
