/**
 * Sends the same notice on the recipient's next channel when one failed for good or did not deliver
 * in time. The decision is taken afresh (consent, contacts and preferences as they are now); the
 * new message is linked to the one it replaces, and the unique (event, party, channel) key means a
 * second fallback from the same message is a no-op.
 */
import type { Tx } from '../../kernel/db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { caseRecipients, findEvent, type MessageRow } from '../repositories/message-repository.ts';
import { queueMessages } from './queue-messages.ts';

export async function fallBack(tx: Tx, ctx: Ctx, failed: MessageRow, reason: string): Promise<string | null> {
  // A direct message (code, link, reply, staff e-mail) names one address and has no next channel.
  if (!failed.event_id || !failed.case_id || !failed.party_id) return null;
  const event = await findEvent(tx, failed.event_id);
  if (!event) return null;
  const recipients = await caseRecipients(tx, failed.case_id, failed.party_id);
  const ids = await queueMessages(tx, ctx, {
    event: { id: event.id, caseId: event.case_id, type: event.type, data: event.data, note: event.note, visibility: event.visibility },
    kind: failed.kind,
    level: failed.level,
    recipients,
    fallback: { of: failed.id, reason },
  });
  return ids[0] ?? null;
}
