/**
 * The message log, which is the municipality's proof of notice: per case or per party, what was sent
 * to whom, when, on which channel, rendered from which template version, under which consent record,
 * and every receipt since. Staff see the log of cases in their scope; a citizen sees only what was
 * sent to them, and a case that is not theirs is "not found".
 */
import type { Actor } from '../../kernel/types.ts';
import { forbidden, notFound } from '../../kernel/lib/errors.ts';
import type { Ctx } from '../../kernel/context.ts';
import { caseReadScope } from '../../cases/policy.ts';
import { findVisibleCase } from '../../cases/repositories/case-repository.ts';
import { findParty } from '../../cases/repositories/party-repository.ts';
import { messageLog, receiptsOf } from '../repositories/message-repository.ts';
import { canManagePartyNotifications, ownParty } from '../policy.ts';

type LogRow = Awaited<ReturnType<typeof messageLog>>[number];
type ReceiptRow = Awaited<ReturnType<typeof receiptsOf>>[number];

function present(m: LogRow, receipts: ReceiptRow[], forCitizen: boolean) {
  return {
    id: m.id,
    caseId: m.case_id,
    caseNumber: m.case_number,
    party: { id: m.party_id, name: m.party_name },
    ...(m.event_id ? {} : { direct: true, aboutCaseId: m.about_case_id }),
    event: { id: m.event_id, seq: m.event_seq, type: m.event_type, occurredAt: m.event_at },
    kind: m.kind,
    level: m.level,
    channel: m.channel,
    recipient: m.recipient,
    locale: m.locale,
    subject: m.subject,
    body: m.body,
    templateVersions: m.template_versions,
    sms: m.channel === 'sms' ? { encoding: m.sms_encoding, parts: m.sms_parts } : null,
    status: m.status,
    statusAt: m.status_at,
    createdAt: m.created_at,
    notBefore: m.not_before,
    sentAt: m.sent_at,
    deliveredAt: m.delivered_at,
    seenAt: m.seen_at,
    failedAt: m.failed_at,
    fallbackOf: m.fallback_of,
    fallbackReason: m.fallback_reason,
    consent: {
      id: m.consent_id,
      method: m.consent_method,
      at: m.consent_at,
      textVersion: m.consent_text_version,
      recordedBy: m.consent_recorded_by,
      address: m.consent_address,
    },
    receipts: receipts
      .filter((r) => r.message_id === m.id)
      .map((r) => ({ status: r.status, detail: r.detail, reportedAt: r.reported_at, receivedAt: r.received_at })),
    ...(forCitizen ? {} : { attempts: m.attempts, lastError: m.last_error, providerMessageId: m.provider_message_id }),
  };
}

async function withReceipts(ctx: Ctx, rows: LogRow[], forCitizen: boolean) {
  const receipts = await receiptsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((m) => present(m, receipts, forCitizen));
}

export async function getCaseMessages(ctx: Ctx, actor: Actor, caseId: string) {
  const c = await findVisibleCase(ctx.db, caseReadScope(actor), { id: caseId });
  if (!c) throw notFound();
  const citizenParty = ownParty(actor);
  if (actor.kind === 'citizen' && !citizenParty) throw notFound();
  const rows = await messageLog(ctx.db, { caseId: c.id, ...(citizenParty ? { partyId: citizenParty } : {}) });
  return withReceipts(ctx, rows, actor.kind === 'citizen');
}

export async function getPartyMessages(ctx: Ctx, actor: Actor, partyId: string) {
  if (!canManagePartyNotifications(actor)) throw forbidden();
  if (!(await findParty(ctx.db, partyId))) throw notFound();
  // Staff see everything sent to the party, codes and links too (redacted), with its delivery record.
  return withReceipts(ctx, await messageLog(ctx.db, { partyId, direct: true }), false);
}

export async function getOwnMessages(ctx: Ctx, actor: Actor) {
  const partyId = ownParty(actor);
  if (!partyId) return [];
  return withReceipts(ctx, await messageLog(ctx.db, { partyId }), true);
}
