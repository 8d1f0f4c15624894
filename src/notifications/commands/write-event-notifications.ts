/**
 * The outbox writer: runs in the transaction of every case event (src/cases/commands/record-case-event.ts),
 * so an event's messages and their delivery jobs commit with it or not at all.
 *
 * Nothing is written for: events recorded as internal (the citizen may not read them, so is not told
 * of them either), kinds the administrator set to internal, and events of a case mirrored from an
 * external registry other than the ones that registry posts (Glas does not work on such cases; its
 * own bookkeeping events would only repeat what the registry says).
 */
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';
import type { Ctx, OutboxWriter } from '../../kernel/context.ts';
import type { StoredEvent } from '../../cases/commands/record-case-event.ts';
import { findKind, notificationKind, type NotificationLevel } from '../domain/kinds.ts';
import { findKindSetting } from '../repositories/settings-repository.ts';
import { caseRecipients } from '../repositories/message-repository.ts';
import { enabledChannels } from '../service.ts';
import { queueMessages } from './queue-messages.ts';

/** The administrator's level for a kind, or its default. */
export async function effectiveLevel(db: DbOrTx, kind: string): Promise<NotificationLevel> {
  const row = await findKindSetting(db, kind);
  return row?.level ?? findKind(kind)?.defaultLevel ?? 'internal';
}

export async function writeEventNotifications(tx: Tx, event: StoredEvent, ctx: Ctx): Promise<void> {
  if (event.visibility !== 'public' || enabledChannels(ctx.config).size === 0) return;
  const kind = notificationKind(event);
  if (!kind) return;
  const level = await effectiveLevel(tx, kind);
  if (level === 'internal') return;
  const recipients = await caseRecipients(tx, event.caseId);
  if (!recipients.length) return;
  await queueMessages(tx, ctx, {
    event: { id: event.id, caseId: event.caseId, type: event.type, data: event.data, note: event.note, visibility: event.visibility },
    kind,
    level,
    recipients,
    skipMirroredCase: event.type !== 'case.external_event',
  });
}

export const notificationOutbox: OutboxWriter = writeEventNotifications;
