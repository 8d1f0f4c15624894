/** SQL for notification messages and their delivery receipts, and the case data a message is written from. */
import { SENDER_ID } from '../sender-id.ts';
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';
import { predecessors, type MessageStatus } from '../domain/message-status.ts';
import type { MessageChannel } from '../domain/recipients.ts';
import type { AcceptedSmsPart } from '../../channels/channel.ts';

/** What a message about a case says: the case with the names of its body, clerk and awaited institution. */
export async function caseFacts(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('cases')
    .leftJoin('org_units as unit', 'unit.id', 'cases.unit_id')
    .leftJoin('users as clerk', 'clerk.id', 'cases.clerk_id')
    .leftJoin('org_units as awaiting', 'awaiting.id', 'cases.awaiting_unit_id')
    .select([
      'cases.id',
      'cases.number',
      'cases.subject',
      'cases.status',
      'cases.registered_at',
      'cases.due_at',
      'cases.classification_code',
      'cases.tracking_code',
      'cases.external_system',
      'unit.name as unit_name',
      'clerk.display_name as clerk_name',
      'awaiting.name as awaiting_name',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
}

/** The parties of a case with their contacts and preferences (null columns when they never set any). */
export async function caseRecipients(db: DbOrTx, caseId: string, partyId?: string) {
  let q = db
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .leftJoin('party_notification_preferences as pref', 'pref.party_id', 'parties.id')
    .select([
      'parties.id',
      'parties.name',
      'parties.phone',
      'parties.email',
      'parties.locale as party_locale',
      'case_parties.role',
      'pref.viber_user_id',
      'pref.channel_order',
      'pref.scope',
      'pref.locale as pref_locale',
      'pref.quiet_from',
      'pref.quiet_to',
    ])
    .where('case_parties.case_id', '=', caseId);
  if (partyId) q = q.where('parties.id', '=', partyId);
  return q.execute();
}
export type RecipientRow = Awaited<ReturnType<typeof caseRecipients>>[number];

export async function findEvent(db: DbOrTx, eventId: string) {
  return db.selectFrom('case_events').select(['id', 'case_id', 'type', 'data', 'note', 'visibility']).where('id', '=', eventId).executeTakeFirst();
}

export interface NewMessage {
  eventId: string;
  caseId: string;
  partyId: string;
  channel: MessageChannel;
  kind: string;
  level: 'notifiable' | 'key';
  recipient: string;
  locale: string;
  subject: string | null;
  body: string;
  templateVersions: Record<string, number>;
  consentId: string;
  smsEncoding: string | null;
  smsParts: number | null;
  notBefore: Date;
  expiresAt: Date;
  createdAt: Date;
  nextChannels: MessageChannel[];
  fallbackOf: string | null;
  fallbackReason: string | null;
}

/** Inserts messages; a row for an (event, party, channel) that already exists is skipped. Returns the rows actually created. */
export async function insertMessages(tx: Tx, rows: readonly NewMessage[]) {
  if (!rows.length) return [];
  return tx
    .insertInto('notification_messages')
    .values(
      rows.map((m) => ({
        event_id: m.eventId,
        case_id: m.caseId,
        party_id: m.partyId,
        channel: m.channel,
        kind: m.kind,
        level: m.level,
        recipient: m.recipient,
        locale: m.locale,
        subject: m.subject,
        body: m.body,
        template_versions: JSON.stringify(m.templateVersions),
        consent_id: m.consentId,
        sms_encoding: m.smsEncoding,
        sms_parts: m.smsParts,
        status: 'queued' as const,
        status_at: m.createdAt,
        not_before: m.notBefore,
        expires_at: m.expiresAt,
        created_at: m.createdAt,
        next_channels: m.nextChannels,
        fallback_of: m.fallbackOf,
        fallback_reason: m.fallbackReason,
      })),
    )
    .onConflict((oc) => oc.columns(['event_id', 'party_id', 'channel']).doNothing())
    .returning(['id', 'not_before', 'party_id', 'channel'])
    .execute();
}

/**
 * Rewrites a message still queued in the caller's transaction so it speaks for a later event of the
 * same change too (one message per recipient and channel for changes committed together).
 */
export async function rewriteQueuedMessage(tx: Tx, id: string, m: NewMessage) {
  return tx
    .updateTable('notification_messages')
    .set({
      event_id: m.eventId,
      kind: m.kind,
      level: m.level,
      subject: m.subject,
      body: m.body,
      template_versions: JSON.stringify(m.templateVersions),
      sms_encoding: m.smsEncoding,
      sms_parts: m.smsParts,
      not_before: m.notBefore,
      expires_at: m.expiresAt,
    })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .returning(['id', 'not_before'])
    .executeTakeFirst();
}

export interface NewDirectMessage {
  kind: string;
  channel: MessageChannel;
  recipient: string;
  partyId: string | null;
  userId: string | null;
  aboutCaseId: string | null;
  locale: string;
  subject: string | null;
  body: string;
  redacted: string | null;
  keyboard: Record<string, unknown> | null;
  smsEncoding: string | null;
  smsParts: number | null;
  createdAt: Date;
  notBefore: Date;
  expiresAt: Date;
}

/** A message no case event causes (no event, case or consent); sent with level 'key', so never held back. */
export async function insertDirectMessage(tx: DbOrTx, m: NewDirectMessage) {
  return tx
    .insertInto('notification_messages')
    .values({
      event_id: null,
      case_id: null,
      consent_id: null,
      party_id: m.partyId,
      user_id: m.userId,
      about_case_id: m.aboutCaseId,
      channel: m.channel,
      kind: m.kind,
      level: 'key',
      recipient: m.recipient,
      locale: m.locale,
      subject: m.subject,
      body: m.body,
      redacted: m.redacted,
      keyboard: m.keyboard ? JSON.stringify(m.keyboard) : null,
      template_versions: JSON.stringify({}),
      sms_encoding: m.smsEncoding,
      sms_parts: m.smsParts,
      status: 'queued',
      status_at: m.createdAt,
      not_before: m.notBefore,
      expires_at: m.expiresAt,
      created_at: m.createdAt,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

/** Our e-mail a citizen replies to, by the id in its Message-ID: the case it was about (a notice's case, or a direct message's). */
export async function findSentEmail(db: DbOrTx, id: string) {
  return db
    .selectFrom('notification_messages')
    .select((eb) => ['id', 'kind', eb.fn.coalesce('case_id', 'about_case_id').as('case_id'), 'party_id', 'recipient'])
    .where('id', '=', id)
    .where('channel', '=', 'email')
    .executeTakeFirst();
}

export async function findMessage(db: DbOrTx, id: string) {
  return db.selectFrom('notification_messages').selectAll().where('id', '=', id).executeTakeFirst();
}
export type MessageRow = NonNullable<Awaited<ReturnType<typeof findMessage>>>;

export async function lockMessage(tx: Tx, id: string) {
  return tx.selectFrom('notification_messages').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface StatusPatch {
  provider_message_id?: string;
  last_error?: string | null;
  sms_parts?: number;
}

export type MoveResult = { moved: true; row: MessageRow } | { moved: false; status: MessageStatus | null; row: MessageRow | null };

/**
 * The one way a message's status changes, for one message or a batch: a single guarded UPDATE. The
 * row lock it takes and its WHERE status IN (allowed predecessors) clause, which PostgreSQL re-checks
 * after any concurrent change commits, make the transition table hold under concurrency, so nothing
 * ever leaves a final state. A move the table does not allow is not an error: the message is simply
 * not among the rows returned (receipts, retries and replays race by nature).
 */
export async function moveMessagesStatus(db: DbOrTx, to: MessageStatus, items: readonly ({ id: string; at: Date } & StatusPatch)[]): Promise<MessageRow[]> {
  if (!items.length) return [];
  const stamp =
    to === 'sent'
      ? sql`, sent_at = x.at`
      : to === 'delivered'
        ? sql`, delivered_at = x.at`
        : to === 'failed_permanent' || to === 'expired'
          ? sql`, failed_at = x.at`
          : sql``;
  const attempts = to === 'sending' ? sql`, attempts = m.attempts + 1, sending_by = ${SENDER_ID}::uuid` : sql``;
  // Once a message cannot be sent again, a secret in it (code, link) is replaced by its redacted text.
  const redact =
    to === 'sent' || to === 'delivered' || to === 'failed_permanent' || to === 'expired' ? sql`, body = coalesce(m.redacted, m.body), redacted = null` : sql``;
  const { rows } = await sql<MessageRow>`
    update notification_messages as m set status = ${to}, status_at = x.at ${stamp} ${attempts} ${redact},
      provider_message_id = coalesce(x.pid, m.provider_message_id), sms_parts = coalesce(x.parts, m.sms_parts),
      last_error = case when x.set_error then x.err else m.last_error end
    from unnest(${items.map((i) => i.id)}::uuid[], ${items.map((i) => i.at.toISOString())}::timestamptz[], ${items.map((i) => i.provider_message_id ?? null)}::text[],
                ${items.map((i) => i.sms_parts ?? null)}::int[], ${items.map((i) => i.last_error ?? null)}::text[], ${items.map((i) => i.last_error !== undefined)}::bool[])
      as x(id, at, pid, parts, err, set_error)
    where m.id = x.id and m.status = any(${predecessors(to)}::text[])
    returning m.*`.execute(db);
  return rows;
}

export async function moveMessageStatus(db: DbOrTx, id: string, to: MessageStatus, at: Date, patch: StatusPatch = {}): Promise<MoveResult> {
  const [row] = await moveMessagesStatus(db, to, [{ id, at, ...patch }]);
  if (row) return { moved: true, row };
  const current = await findMessage(db, id);
  return { moved: false, status: current?.status ?? null, row: current ?? null };
}

/** Not a status: Viber's "seen" comes after "delivered" and only adds a time. */
export async function markSeen(tx: Tx, id: string, at: Date): Promise<void> {
  await tx.updateTable('notification_messages').set({ seen_at: at }).where('id', '=', id).where('seen_at', 'is', null).execute();
}

export async function channelsTried(tx: Tx, eventId: string, partyId: string): Promise<MessageChannel[]> {
  const rows = await tx.selectFrom('notification_messages').select('channel').where('event_id', '=', eventId).where('party_id', '=', partyId).execute();
  return rows.map((r) => r.channel);
}

/**
 * Receipts for one provider id are handled one at a time, and never at the same time as the send
 * that records that id. Taken in sorted order, so two batches can never deadlock.
 */
export async function lockProviderIds(tx: Tx, ids: readonly { channel: MessageChannel; providerMessageId: string }[]): Promise<void> {
  const keys = [...new Set(ids.map((i) => `receipt:${i.channel}:${i.providerMessageId}`))].sort();
  await sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${keys}::text[]) as k order by k`.execute(tx);
}

export interface NewReceipt {
  channel: MessageChannel;
  providerMessageId: string;
  status: 'delivered' | 'failed' | 'expired' | 'seen';
  detail: string | null;
  reportedAt: Date;
}

/** Stores receipts, each matched to the message that carries its provider id (null while none does yet). */
export async function insertReceipts(tx: Tx, receipts: readonly NewReceipt[]) {
  if (!receipts.length) return [];
  const { rows } = await sql<{ id: string; message_id: string | null; status: NewReceipt['status']; detail: string | null; reported_at: Date }>`
    insert into notification_receipts (channel, provider_message_id, message_id, status, detail, reported_at)
    select r.channel, r.pid, coalesce(m.id, p.message_id), r.status, r.detail, r.at
    from unnest(${receipts.map((r) => r.channel)}::text[], ${receipts.map((r) => r.providerMessageId)}::text[], ${receipts.map((r) => r.status)}::text[],
                ${receipts.map((r) => r.detail)}::text[], ${receipts.map((r) => r.reportedAt.toISOString())}::timestamptz[]) with ordinality as r(channel, pid, status, detail, at, n)
    left join lateral (select m.id from notification_messages m where m.channel = r.channel and m.provider_message_id = r.pid limit 1) m on true
    -- the receipt of a later part of a multipart SMS names that part's id
    left join lateral (select p.message_id from notification_sms_parts p where r.channel = 'sms' and p.provider_message_id = r.pid limit 1) p on true
    order by r.n
    returning id, message_id, status, detail, reported_at`.execute(tx);
  return rows;
}

export interface SmsPartRow extends AcceptedSmsPart {
  messageId: string;
}

/** Keeps the parts of multipart SMS the SMSC accepted (again the same part: nothing changes). */
export async function insertSmsParts(tx: Tx, parts: readonly SmsPartRow[], at: Date): Promise<void> {
  if (!parts.length) return;
  await sql`
    insert into notification_sms_parts (message_id, part, total, reference, provider_message_id, accepted_at)
    select x.mid, x.part, x.total, x.ref, x.pid, ${at.toISOString()}::timestamptz
    from unnest(${parts.map((p) => p.messageId)}::uuid[], ${parts.map((p) => p.part)}::int[], ${parts.map((p) => p.total)}::int[],
                ${parts.map((p) => p.reference)}::int[], ${parts.map((p) => p.providerMessageId)}::text[]) as x(mid, part, total, ref, pid)
    on conflict (message_id, part) do nothing`.execute(tx);
}

/** The accepted parts of these messages, by message, in part order (none for single-part SMS). */
export async function smsPartsOf(db: DbOrTx, messageIds: readonly string[]): Promise<Map<string, AcceptedSmsPart[]>> {
  const out = new Map<string, AcceptedSmsPart[]>();
  if (!messageIds.length) return out;
  const { rows } = await sql<{ message_id: string; part: number; total: number; reference: number; provider_message_id: string }>`
    select message_id, part, total, reference, provider_message_id from notification_sms_parts
    where message_id = any(${messageIds}::uuid[]) order by message_id, part`.execute(db);
  for (const r of rows) {
    const list = out.get(r.message_id) ?? [];
    list.push({ part: r.part, total: r.total, reference: r.reference, providerMessageId: r.provider_message_id });
    out.set(r.message_id, list);
  }
  return out;
}

/**
 * Multipart SMS among these messages that some part has not yet been reported delivered for (or not
 * yet accepted): a "delivered" receipt of one part does not make the message delivered.
 */
export async function undeliveredMultipart(tx: Tx, messageIds: readonly string[]): Promise<Set<string>> {
  if (!messageIds.length) return new Set();
  const { rows } = await sql<{ message_id: string }>`
    select p.message_id from notification_sms_parts p
    where p.message_id = any(${messageIds}::uuid[])
    group by p.message_id
    having count(*) filter (where exists (
      select 1 from notification_receipts r
      where r.message_id = p.message_id and r.provider_message_id = p.provider_message_id and r.status = 'delivered')) < max(p.total)`.execute(tx);
  return new Set(rows.map((r) => r.message_id));
}

/** Messages with the consent record in force for their channel right now (consent_now null when none). */
export async function findMessagesWithConsent(db: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('notification_messages as m')
    .selectAll('m')
    .select((eb) =>
      eb
        .selectFrom('notification_consents as c')
        .select('c.action')
        .whereRef('c.party_id', '=', 'm.party_id')
        .whereRef('c.channel', '=', 'm.channel')
        .orderBy('c.id', 'desc')
        .limit(1)
        .as('consent_now'),
    )
    .where('m.id', 'in', ids)
    .execute();
}

/** Receipts that arrived before the sends recorded these provider ids: now matched to their messages, oldest first. */
export async function claimEarlyReceipts(tx: Tx, sent: readonly { channel: MessageChannel; providerMessageId: string; messageId: string }[]) {
  if (!sent.length) return [];
  const { rows } = await sql<{ id: string; message_id: string; status: NewReceipt['status']; detail: string | null; reported_at: Date }>`
    update notification_receipts as r set message_id = x.mid
    from unnest(${sent.map((x) => x.channel)}::text[], ${sent.map((x) => x.providerMessageId)}::text[], ${sent.map((x) => x.messageId)}::uuid[]) as x(channel, pid, mid)
    where r.channel = x.channel and r.provider_message_id = x.pid and r.message_id is null
    returning r.id, r.message_id, r.status, r.detail, r.reported_at`.execute(tx);
  return rows.sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * Queued messages of these channels (at most `room` of each) whose own delivery job, flagged for the batch sender, is due:
 * due exactly as graphile-worker decides it for the job (run_at <= the database's now(), not locked,
 * attempts left), so a message goes when its job would have, whatever the process's clock says.
 * Oldest first (the partial index notification_messages_pending), each message's job found by its
 * key: the cost grows with the queued messages read (held ones, in quiet hours, included), never with
 * the size of the job table. A message whose job is gone or not flagged is not read here: the worker
 * runs that job. Not locked: the guarded move to 'sending' decides who sends each, so two processes
 * reading the same ids only cost one of them a wasted claim.
 */
export async function dueBatchedMessages(
  db: DbOrTx,
  job: { task: string; flag: string; keyPrefix: string },
  room: ReadonlyMap<MessageChannel, number>,
): Promise<string[]> {
  const wanted = [...room].filter(([, n]) => n > 0);
  if (!wanted.length) return [];
  // LATERAL … LIMIT 1 keeps it a probe of the job's key index per message (a plain join is planned as a scan of every job).
  // At most `room` of each channel, oldest first: every queued message is read either way (the sort needs them all).
  const { rows } = await sql<{ id: string }>`
    select x.id from (
      select m.id, m.status_at, r.room, row_number() over (partition by m.channel order by m.status_at) as n
      from notification_messages m
      join unnest(${wanted.map(([c]) => c)}::text[], ${wanted.map(([, n]) => n)}::int[]) as r(channel, room) on r.channel = m.channel
      cross join lateral (
        select j.task_identifier, j.flags, j.locked_at, j.attempts, j.max_attempts, j.run_at
        from graphile_worker.jobs j where j.key = ${job.keyPrefix} || m.id::text limit 1) j
      where m.status = 'queued'
        and j.task_identifier = ${job.task} and j.flags ? ${job.flag}
        and j.locked_at is null and j.attempts < j.max_attempts and j.run_at <= now()
    ) x
    where x.n <= x.room
    order by x.status_at`.execute(db);
  return rows.map((r) => r.id);
}

/** Messages in 'sending' since before `olderThan`: their job died between claiming and recording the outcome. */
/** Messages left in 'sending' by a process that is no longer alive (see sender-heartbeat.ts). */
export async function stuckSending(db: DbOrTx, olderThan: Date, limit: number, senderAliveSince: Date): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select m.id from notification_messages m
    where m.status = 'sending' and m.status_at < ${olderThan}
      and not exists (select 1 from notification_senders s where s.id = m.sending_by and s.seen_at >= ${senderAliveSince})
    order by m.status_at limit ${limit}`.execute(db);
  return rows.map((r) => r.id);
}

export async function touchSender(db: DbOrTx, id: string, at: Date): Promise<void> {
  await sql`insert into notification_senders (id, seen_at) values (${id}, ${at})
    on conflict (id) do update set seen_at = excluded.seen_at`.execute(db);
  // Forget senders gone for a day; their messages were replayed long ago.
  await sql`delete from notification_senders where seen_at < ${new Date(at.getTime() - 86_400_000)}`.execute(db);
}

/** Messages waiting to be sent whose delivery job is gone (deleted, out of attempts, or held by a dead worker), so nothing would send them soon. */
export async function orphanedWaiting(db: DbOrTx, olderThan: Date, now: Date, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select m.id from notification_messages m
    where m.status in ('queued', 'failed_temporary') and m.status_at < ${olderThan} and m.not_before <= ${now}
      and not exists (
        select 1 from graphile_worker.jobs j
        where j.key = 'notify:' || m.id::text
          -- a job locked for longer than a send can take belongs to a worker that died (graphile-worker frees it only after 4 h)
          and ((j.locked_at is null and j.attempts < j.max_attempts) or j.locked_at >= ${olderThan}))
    order by m.status_at limit ${limit}`.execute(db);
  return rows.map((r) => r.id);
}

const logColumns = [
  'm.id',
  'm.event_id',
  'm.case_id',
  'm.about_case_id',
  'm.party_id',
  'm.channel',
  'm.kind',
  'm.level',
  'm.recipient',
  'm.locale',
  'm.subject',
  'm.template_versions',
  'm.sms_encoding',
  'm.sms_parts',
  'm.status',
  'm.status_at',
  'm.attempts',
  'm.provider_message_id',
  'm.last_error',
  'm.fallback_of',
  'm.fallback_reason',
  'm.created_at',
  'm.not_before',
  'm.sent_at',
  'm.delivered_at',
  'm.seen_at',
  'm.failed_at',
  'c.id as consent_id',
  'c.method as consent_method',
  'c.at as consent_at',
  'c.text_version as consent_text_version',
  'c.recorded_by_name as consent_recorded_by',
  'c.address as consent_address',
  'cases.number as case_number',
  'parties.name as party_name',
  'e.type as event_type',
  'e.seq as event_seq',
  'e.occurred_at as event_at',
] as const;

/**
 * The message log (proof of notice) of a case or of a party, newest last, with the consent each was
 * sent under. Notices of case events only, unless `direct`: then also the messages no event caused
 * (activation links, codes, replies), which have no event or consent. A body still carrying a secret
 * (a code or link not yet sent) is shown redacted.
 */
export async function messageLog(db: DbOrTx, where: { caseId?: string; partyId?: string; direct?: boolean }, limit = 500) {
  let q = db
    .selectFrom('notification_messages as m')
    .leftJoin('notification_consents as c', 'c.id', 'm.consent_id')
    .leftJoin('cases', 'cases.id', 'm.case_id')
    .leftJoin('parties', 'parties.id', 'm.party_id')
    .leftJoin('case_events as e', 'e.id', 'm.event_id')
    .select(logColumns)
    .select(sql<string>`coalesce(m.redacted, m.body)`.as('body'));
  if (!where.direct) q = q.where('m.event_id', 'is not', null);
  if (where.caseId) q = q.where('m.case_id', '=', where.caseId);
  if (where.partyId) q = q.where('m.party_id', '=', where.partyId);
  return q.orderBy('m.created_at').orderBy('m.id').limit(limit).execute();
}

export async function receiptsOf(db: DbOrTx, messageIds: readonly string[]) {
  if (!messageIds.length) return [];
  return db
    .selectFrom('notification_receipts')
    .select(['id', 'message_id', 'status', 'detail', 'reported_at', 'received_at'])
    .where('message_id', 'in', messageIds)
    .orderBy('id')
    .execute();
}

/** The latest event of a type in a case, for previews rendered from real data. */
export async function latestEventOfType(db: DbOrTx, caseId: string, type: string) {
  return db
    .selectFrom('case_events')
    .select(['id', 'type', 'data', 'note', 'visibility'])
    .where('case_id', '=', caseId)
    .where('type', '=', type)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
