/** What every command and query receives: the database, the configuration, the clock and the outbox writers. */
import type { Config } from '../config.ts';
import type { Db, Tx } from './db/database.ts';
import type { ChangeFeed } from './db/changes.ts';
import type { Visibility } from './types.ts';

/** A case event as appended to the case's log: what outbox writers receive. */
export interface StoredEvent {
  id: string;
  caseId: string;
  seq: number;
  type: string;
  actorId: string | null;
  actorName: string;
  occurredAt: Date;
  visibility: Visibility;
  data: Record<string, unknown>;
  note: string | null;
  /** The case was registered in this same transaction: no one outside it has seen the case (nor could follow it) yet. */
  caseIsNew: boolean;
}

/**
 * Called inside the transaction that appends a case event, so that whatever must follow the event
 * (notification rows and their delivery jobs) commits or rolls back with it.
 */
export type OutboxWriter = (tx: Tx, event: StoredEvent, ctx: Ctx) => Promise<void>;

/**
 * Takes the events of histories imported in bulk (reports from before Glas, dated as they happened) in the
 * importing transaction, for what must follow them on the record (the reports' facts). Nothing that tells
 * people of events is a history writer: an imported event is not news, so nobody is notified of it.
 */
export type HistoryWriter = (tx: Tx, events: readonly StoredEvent[], ctx: Ctx) => Promise<void>;

export interface Ctx {
  db: Db;
  config: Config;
  now: () => Date;
  outbox: OutboxWriter[];
  /** The modules' writers for imported histories (HistoryWriter); absent: none. */
  historyWriters?: HistoryWriter[];
  /** A pool of its own for recording message deliveries (src/notifications/delivery-db.ts); absent: db. */
  deliveryDb?: Db;
  /** Changes announced by any process on the database (db/changes.ts); absent (tests without a process): none followed. */
  changes?: ChangeFeed;
  /** False once this process has lost its database for good (GET /healthz then answers 503); absent in tests. */
  databaseRecoverable?: () => boolean;
}
