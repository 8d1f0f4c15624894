/** SQL for cases, their parties and their event log. */
import { sql, type CompiledQuery, type Expression, type Selectable, type ExpressionBuilder, type QueryCreator, type SqlBool } from 'kysely';
import { prepared, type DbOrTx, type Tx } from '../../kernel/db/database.ts';
import type { Database } from '../../kernel/db/schema.ts';
import type { CaseScope } from '../policy.ts';
import type { CaseStatus, Channel, PartyRole, Visibility } from '../../kernel/types.ts';
import { eventBody, eventHash, eventHashInput } from '../domain/event-chain.ts';
import { recordset } from '../../kernel/db/recordset.ts';
import type { INITIAL_STATUS } from '../domain/case-status.ts';

type CasesEb = ExpressionBuilder<Database, 'cases'>;

/** The scope of a policy as a WHERE clause on `cases`. */
export function scopeFilter(eb: CasesEb, scope: CaseScope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<boolean>`true`;
  if (scope.kind === 'none') return sql<boolean>`false`;
  const ors: Expression<SqlBool>[] = [];
  if (scope.unitIds.length) ors.push(eb('cases.unit_id', 'in', scope.unitIds));
  if (scope.unitPathPrefix) {
    ors.push(eb('cases.unit_id', 'in', eb.selectFrom('org_units').select('org_units.id').where('org_units.path', 'like', `${scope.unitPathPrefix}%`)));
  }
  if (scope.clerkId) ors.push(eb('cases.clerk_id', '=', scope.clerkId));
  if (scope.registryUnitId) ors.push(eb('cases.registry_unit_id', '=', scope.registryUnitId));
  if (scope.registeredBy) ors.push(eb('cases.registered_by', '=', scope.registeredBy));
  if (scope.partyId) {
    ors.push(
      eb.exists(
        eb
          .selectFrom('case_parties')
          .select(sql`1`.as('one'))
          .whereRef('case_parties.case_id', '=', 'cases.id')
          .where('case_parties.party_id', '=', scope.partyId),
      ),
    );
  }
  if (scope.partyPhone) {
    ors.push(
      eb.exists(
        eb
          .selectFrom('case_parties')
          .innerJoin('parties', 'parties.id', 'case_parties.party_id')
          .select(sql`1`.as('one'))
          .whereRef('case_parties.case_id', '=', 'cases.id')
          .where('parties.phone', '=', scope.partyPhone),
      ),
    );
  }
  return ors.length ? eb.or(ors) : sql<boolean>`false`;
}

export interface NewCase {
  number: string;
  caseTypeId: number;
  subject: string;
  description: string;
  channel: Channel;
  classificationCode: string | null;
  trackingCode: string;
  status: typeof INITIAL_STATUS;
  registryUnitId: string | null;
  unitId: string | null;
  clerkId: string | null;
  registeredBy: string | null;
  registeredAt: Date;
  dueAt: Date | null;
  searchKey: string;
  genesisHash: string;
  externalSystem?: string | null;
  externalId?: string | null;
}

/** A party registration creates, its id chosen by the caller. */
export interface NewParty {
  id: string;
  kind: 'person' | 'legal_entity';
  name: string;
  idNumber: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  locale: string | null;
  searchKey: string;
}

/**
 * Rows of another room that need the new case (a problem report), inserted by the statement that
 * registers it rather than in a round trip of their own under the number series' lock: an insert
 * given the case's id, returning one column `value` (handed back as text).
 */
export type RowsWithCase = (db: QueryCreator<Database>, caseId: string) => ReturnType<Parameters<QueryCreator<Database>['with']>[1]>;

/** A case to register: its `number`, `searchKey` and first event's data hold `series.placeholder` where the sequence goes. */
export interface RegisteredCaseRows {
  case: NewCase & { id: string };
  /** The number series (its key, as in number_series) and the width of the sequence in the number. */
  series: { key: string; pad: number; placeholder: string };
  newParties: readonly NewParty[];
  links: readonly { partyId: string; role: PartyRole }[];
  /** The case's first event (seq 1, chained to the genesis hash). */
  event: NewEvent;
  withCase?: RowsWithCase;
}

/** `text` with the digits of the number insertCase takes (its CTE `n`) in place of `placeholder`. */
function withDigits(text: string, placeholder: string) {
  return sql<string>`replace(${text}::text, ${placeholder}::text, (select digits from n))`;
}

/**
 * Registers a case in one statement (one round trip): takes the next number of its series, puts its
 * digits in for the placeholder (in the number, the search key and the first event, whose hash is then
 * taken, as eventHash does, over the filled-in text), and inserts the new parties, the case, its links to
 * its parties and its first event. The series' row stays locked until the caller's transaction ends
 * (gap-free numbers), so registration does everything else before this statement.
 */
export async function insertCase(
  tx: Tx,
  r: RegisteredCaseRows,
  /**
   * The case's first status move, made in the same statement (only from move-case-status.ts, which checks it):
   * the case row is inserted in the status it moves to, with the move's event after the first one.
   */
  move?: FirstMoveRows,
): Promise<{ seq: number; number: string; eventId: string; hash: string; withCaseValue: string | null; moveEventId: string | null; lastHash: string }> {
  const c = r.case;
  const { key, pad, placeholder } = r.series;
  const hashInput = eventHashInput(c.genesisHash, { caseId: c.id, seq: 1, ...r.event });
  const patch: CasePatch = move?.patch ?? {};
  // The move's event is chained to the first, whose hash the statement computes: its own is taken after it, over the same text eventHash would hash.
  const moveBody = move ? eventBody({ caseId: c.id, seq: 2, ...move.event }) : null;
  // The number's digits are `String(seq).padStart(pad, '0')` (formatCaseNumber); lpad alone would cut a longer one.
  const digits = sql<string>`lpad(s.last_seq::text, greatest(${pad}::int, length(s.last_seq::text)), '0')`;
  const parties = recordset(
    r.newParties.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      id_number: p.idNumber,
      phone: p.phone,
      email: p.email,
      address: p.address,
      locale: p.locale,
      search_key: p.searchKey,
    })),
    { id: 'uuid', kind: 'text', name: 'text', id_number: 'text', phone: 'text', email: 'text', address: 'text', locale: 'text', search_key: 'text' },
    'np',
  );
  const links = recordset(
    r.links.map((l) => ({ case_id: c.id, party_id: l.partyId, role: l.role })),
    { case_id: 'uuid', party_id: 'uuid', role: 'text' },
    'nl',
  );
  const query = tx
    .with('s', (db) =>
      db
        .insertInto('number_series')
        .values({ series_key: key, last_seq: 1 })
        .onConflict((oc) => oc.column('series_key').doUpdateSet({ last_seq: sql`number_series.last_seq + 1` }))
        .returning('last_seq'),
    )
    .with('n', (db) => db.selectFrom('s').select(['s.last_seq', digits.as('digits')]))
    .with('h', (db) => db.selectNoFrom(sql<string>`encode(sha256(convert_to(${withDigits(hashInput, placeholder)}, 'UTF8')), 'hex')`.as('hash')))
    .with('h2', (db) =>
      db
        .selectFrom('h')
        .select(
          moveBody === null
            ? sql<string>`h.hash`.as('hash')
            : sql<string>`encode(sha256(convert_to(h.hash || E'\\n' || ${withDigits(moveBody, placeholder)}, 'UTF8')), 'hex')`.as('hash'),
        ),
    )
    .with('p', (db) =>
      db
        .insertInto('parties')
        .columns(['id', 'kind', 'name', 'id_number', 'phone', 'email', 'address', 'locale', 'search_key'])
        .expression(db.selectFrom(parties).selectAll('np')),
    )
    .with('l', (db) =>
      db
        .insertInto('case_parties')
        .columns(['case_id', 'party_id', 'role'])
        .expression(db.selectFrom(links).selectAll('nl'))
        .onConflict((oc) => oc.doNothing()),
    )
    .with('e', (db) =>
      db
        .insertInto('case_events')
        .values([
          {
            case_id: c.id,
            seq: 1,
            type: r.event.type,
            actor_id: r.event.actorId,
            actor_name: r.event.actorName,
            actor_role: r.event.actorRole,
            occurred_at: r.event.occurredAt,
            visibility: r.event.visibility,
            data: sql<string>`${withDigits(JSON.stringify(r.event.data), placeholder)}::jsonb`,
            note: r.event.note,
            prev_hash: c.genesisHash,
            hash: sql<string>`(select hash from h)`,
          },
          ...(move
            ? [
                {
                  case_id: c.id,
                  seq: 2,
                  type: move.event.type,
                  actor_id: move.event.actorId,
                  actor_name: move.event.actorName,
                  actor_role: move.event.actorRole,
                  occurred_at: move.event.occurredAt,
                  visibility: move.event.visibility,
                  data: sql<string>`${withDigits(JSON.stringify(move.event.data), placeholder)}::jsonb`,
                  note: move.event.note,
                  prev_hash: sql<string>`(select hash from h)`,
                  hash: sql<string>`(select hash from h2)`,
                },
              ]
            : []),
        ])
        .returning(['id', 'seq']),
    )
    // The case's row last among the writes: test/case-status-writer.test.ts reads its values up to the end of the statement.
    .with('c', (db) =>
      db
        .insertInto('cases')
        .values({
          id: c.id,
          number: withDigits(c.number, placeholder),
          case_type_id: c.caseTypeId,
          subject: c.subject,
          description: c.description,
          channel: c.channel,
          classification_code: c.classificationCode,
          tracking_code: c.trackingCode,
          status: move ? move.columns.status : c.status,
          status_changed_at: move ? move.columns.status_changed_at : c.registeredAt,
          closed_at: move ? move.columns.closed_at : null,
          registry_unit_id: c.registryUnitId,
          unit_id: c.unitId,
          clerk_id: c.clerkId,
          registered_by: c.registeredBy,
          registered_at: c.registeredAt,
          due_at: c.dueAt,
          search_key: withDigits(c.searchKey, placeholder),
          last_event_seq: move ? 2 : 1,
          last_event_hash: sql<string>`(select hash from h2)`,
          updated_at: move ? move.event.occurredAt : r.event.occurredAt,
          external_system: c.externalSystem ?? null,
          external_id: c.externalId ?? null,
          ...patch,
        })
        .returning('number'),
    )
    .with('w', (db) => (r.withCase ? r.withCase(db, c.id) : db.selectNoFrom(sql<unknown>`null`.as('value'))))
    .selectFrom(['n', 'c', 'h'])
    // Each result column cast to its type: the statement is prepared (kernel/db/database.ts).
    .select([
      sql<number>`n.last_seq::int`.as('seq'),
      sql<string>`c.number::text`.as('number'),
      sql<string>`(select e.id from e where e.seq = 1)::bigint`.as('event_id'),
      sql<string | null>`(select e.id from e where e.seq = 2)::bigint`.as('move_event_id'),
      sql<string>`h.hash::text`.as('hash'),
      sql<string>`(select hash from h2)::text`.as('last_hash'),
      sql<string | null>`(select w.value::text from w)`.as('with_case'),
    ])
    .compile();
  const [row] = (await tx.executeQuery(prepared('register_case', query))).rows;
  if (!row) throw new Error('registration wrote no case');
  return {
    seq: row.seq,
    number: row.number,
    eventId: row.event_id,
    hash: row.hash,
    withCaseValue: row.with_case,
    moveEventId: row.move_event_id,
    lastHash: row.last_hash,
  };
}

/** A new case's first status move, as insertCase writes it: built and checked by move-case-status.ts (registerMovedCase). */
export interface FirstMoveRows {
  columns: CaseStatusColumns;
  patch: CasePatch;
  event: NewEvent;
}

export async function linkParty(tx: Tx, caseId: string, partyId: string, role: PartyRole): Promise<void> {
  await tx
    .insertInto('case_parties')
    .values({ case_id: caseId, party_id: partyId, role })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

const caseColumns = [
  'cases.id',
  'cases.number',
  'cases.case_type_id',
  'cases.subject',
  'cases.description',
  'cases.channel',
  'cases.classification_code',
  'cases.tracking_code',
  'cases.status',
  'cases.is_open',
  'cases.status_changed_at',
  'cases.registry_unit_id',
  'cases.unit_id',
  'cases.clerk_id',
  'cases.awaiting_unit_id',
  'cases.registered_by',
  'cases.registered_at',
  'cases.due_at',
  'cases.closed_at',
  'cases.last_event_seq',
  'cases.last_event_hash',
  'cases.external_system',
  'cases.external_id',
  'cases.updated_at',
  'cases.paused_at',
  'cases.paused_ms',
  'cases.citizen_update_at',
] as const;

/** Locks a case the scope allows, for a change; undefined when it does not exist or is out of scope. */
export async function lockVisibleCase(tx: Tx, scope: CaseScope, id: string) {
  return tx
    .selectFrom('cases')
    .select(caseColumns)
    .where('cases.id', '=', id)
    .where((eb) => scopeFilter(eb, scope))
    .forUpdate()
    .executeTakeFirst();
}

/** The SQL type of each column of caseColumns, for the prepared lookup's casts (migrations may add columns, never change these). */
const CASE_COLUMN_TYPES: Record<(typeof caseColumns)[number], string> = {
  'cases.id': 'uuid',
  'cases.number': 'text',
  'cases.case_type_id': 'int',
  'cases.subject': 'text',
  'cases.description': 'text',
  'cases.channel': 'text',
  'cases.classification_code': 'text',
  'cases.tracking_code': 'text',
  'cases.status': 'text',
  'cases.is_open': 'boolean',
  'cases.status_changed_at': 'timestamptz',
  'cases.registry_unit_id': 'uuid',
  'cases.unit_id': 'uuid',
  'cases.clerk_id': 'uuid',
  'cases.awaiting_unit_id': 'uuid',
  'cases.registered_by': 'uuid',
  'cases.registered_at': 'timestamptz',
  'cases.due_at': 'timestamptz',
  'cases.closed_at': 'timestamptz',
  'cases.last_event_seq': 'int',
  'cases.last_event_hash': 'text',
  'cases.external_system': 'text',
  'cases.external_id': 'text',
  'cases.updated_at': 'timestamptz',
  'cases.paused_at': 'timestamptz',
  'cases.paused_ms': 'bigint',
  'cases.citizen_update_at': 'timestamptz',
};

/** A party of a case as the case page shows it. */
export type CasePartyRow = Pick<Selectable<Database['parties']>, 'id' | 'kind' | 'name' | 'id_number' | 'phone' | 'email' | 'address' | 'locale'> &
  Pick<Selectable<Database['case_parties']>, 'role'>;

type VisibleCaseRow = Pick<Selectable<Database['cases']>, (typeof caseColumns)[number] extends `cases.${infer C}` ? C & keyof Database['cases'] : never> & {
  unit_name: string | null;
  clerk_name: string | null;
  awaiting_unit_name: string | null;
  case_type_code: string | null;
  case_type_name: Record<string, string> | null;
};

type LookupKey = { id: string } | { number: string };

/**
 * The values scopeFilter binds, in the order it binds them, and a key naming the statement's shape (which
 * clauses it has, how many unit ids): two scopes of one shape differ only in these values.
 */
function scopeBinding(scope: CaseScope): { shape: string; values: unknown[] } {
  if (scope.kind !== 'some') return { shape: scope.kind, values: [] };
  const optional = [
    scope.unitPathPrefix ? `${scope.unitPathPrefix}%` : null,
    scope.clerkId,
    scope.registryUnitId,
    scope.registeredBy,
    scope.partyId,
    scope.partyPhone,
  ];
  return {
    shape: `some:${scope.unitIds.length}:${optional.map((v) => (v ? 1 : 0)).join('')}`,
    values: [...scope.unitIds, ...optional.filter((v) => v)],
  };
}

/**
 * The lookup statements, compiled once per shape: building and compiling the query with Kysely cost about a
 * quarter of the server's CPU per lookup (issue 17, CPU profile of `BENCH_ONLY=lookup BENCH_CPU_PROF=1 node bench/run.ts`).
 * A handful of shapes exist (one per role and key); the bound only keeps a mistake from growing the map.
 */
const lookupStatements = new Map<string, CompiledQuery<unknown>>();

/**
 * The statement that finds one case by id or number if the scope allows it, with the names the case page
 * shows and, when asked, its parties (one round trip for the whole case page). It finds its row by the primary
 * key or the unique number and casts every column it returns to its type, so it runs prepared
 * (kernel/db/database.ts): planning it afresh cost PostgreSQL four times running it (issue 17: 0.66 ms
 * against 0.15 ms per lookup). Exported for the lookup benchmark's raw reference, which sends this very text.
 */
export function visibleCaseLookup(db: DbOrTx, scope: CaseScope, where: LookupKey, withParties: boolean): CompiledQuery<unknown> {
  const binding = scopeBinding(scope);
  const parameters = [...binding.values, 'id' in where ? where.id : where.number];
  const key = `${'id' in where ? 'id' : 'number'}:${withParties ? 'parties' : 'case'}:${binding.shape}`;
  const known = lookupStatements.get(key);
  if (known) return { ...known, parameters };
  const compiled = buildVisibleCaseLookup(db, scope, where, withParties).compile();
  // scopeBinding restates scopeFilter's order of values: were they ever to differ, fail here, not read another case.
  if (JSON.stringify(compiled.parameters) !== JSON.stringify(parameters)) throw new Error(`scopeBinding disagrees with scopeFilter for ${key}`);
  if (lookupStatements.size > 200) lookupStatements.clear();
  lookupStatements.set(key, prepared(withParties ? 'find_visible_case_with_parties' : 'find_visible_case', compiled));
  return compiled;
}

function buildVisibleCaseLookup(db: DbOrTx, scope: CaseScope, where: LookupKey, withParties: boolean) {
  // Names come from scalar sub-selects rather than four left joins: the result is the same, and
  // planning a five-way join cost PostgreSQL several times the execution of this one-row lookup.
  const cast = (col: (typeof caseColumns)[number]) => sql`${sql.ref(col)}::${sql.raw(CASE_COLUMN_TYPES[col])}`.as(col.slice('cases.'.length));
  let q = db
    .selectFrom('cases')
    .select(caseColumns.map(cast))
    .select((eb) => [
      sql<string | null>`(${eb.selectFrom('org_units').select('org_units.name').whereRef('org_units.id', '=', 'cases.unit_id')})::text`.as('unit_name'),
      sql<string | null>`(${eb.selectFrom('users').select('users.display_name').whereRef('users.id', '=', 'cases.clerk_id')})::text`.as('clerk_name'),
      sql<string | null>`(${eb.selectFrom('org_units').select('org_units.name').whereRef('org_units.id', '=', 'cases.awaiting_unit_id')})::text`.as(
        'awaiting_unit_name',
      ),
      sql<string | null>`(${eb.selectFrom('case_types').select('case_types.code').whereRef('case_types.id', '=', 'cases.case_type_id')})::text`.as(
        'case_type_code',
      ),
      sql<Record<
        string,
        string
      > | null>`(${eb.selectFrom('case_types').select('case_types.name').whereRef('case_types.id', '=', 'cases.case_type_id')})::jsonb`.as('case_type_name'),
    ])
    .where((eb) => scopeFilter(eb, scope));
  if (withParties) {
    // In the order the case page lists them (by name, in the database's collation, as `order by parties.name` sorts).
    q = q.select(
      sql<CasePartyRow[]>`(select coalesce(jsonb_agg(jsonb_build_object('id', parties.id, 'kind', parties.kind, 'name', parties.name,
        'id_number', parties.id_number, 'phone', parties.phone, 'email', parties.email, 'address', parties.address, 'locale', parties.locale,
        'role', case_parties.role) order by parties.name), '[]'::jsonb)
        from case_parties inner join parties on parties.id = case_parties.party_id where case_parties.case_id = cases.id)::jsonb`.as('parties'),
    );
  }
  return 'id' in where ? q.where('cases.id', '=', where.id) : q.where('cases.number', '=', where.number);
}

/** One case by id or number, if the scope allows it, with the names the case page shows. */
export async function findVisibleCase(db: DbOrTx, scope: CaseScope, where: LookupKey): Promise<VisibleCaseRow | undefined> {
  const [row] = (await db.executeQuery(visibleCaseLookup(db, scope, where, false))).rows as VisibleCaseRow[];
  return row;
}

/** As findVisibleCase, with the case's parties and their roles, in the same statement. */
export async function findVisibleCaseWithParties(
  db: DbOrTx,
  scope: CaseScope,
  where: LookupKey,
): Promise<(VisibleCaseRow & { parties: CasePartyRow[] }) | undefined> {
  const [row] = (await db.executeQuery(visibleCaseLookup(db, scope, where, true))).rows as (VisibleCaseRow & { parties: CasePartyRow[] })[];
  return row;
}

/** The parties of a case, with their roles (for a command that holds the case's lock). */
export async function caseParties(db: DbOrTx, caseId: string): Promise<CasePartyRow[]> {
  return db
    .selectFrom('case_parties')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .select([
      'parties.id',
      'parties.kind',
      'parties.name',
      'parties.id_number',
      'parties.phone',
      'parties.email',
      'parties.address',
      'parties.locale',
      'case_parties.role',
    ])
    .where('case_parties.case_id', '=', caseId)
    .orderBy('parties.name')
    .execute();
}

export interface CaseListFilter {
  status?: CaseStatus[];
  unitId?: string;
  clerkId?: string;
  caseTypeId?: number;
  from?: Date;
  to?: Date;
  overdue?: boolean;
  open?: boolean;
  q?: string;
  sort: 'registered_desc' | 'due_asc';
  cursor?: { key: string | null; id: string };
  limit: number;
  now: Date;
}

export async function listVisibleCases(db: DbOrTx, scope: CaseScope, f: CaseListFilter) {
  let q = db
    .selectFrom('cases')
    .leftJoin('org_units as unit', 'unit.id', 'cases.unit_id')
    .leftJoin('users as clerk', 'clerk.id', 'cases.clerk_id')
    .select([
      'cases.id',
      'cases.number',
      'cases.subject',
      'cases.status',
      'cases.channel',
      'cases.case_type_id',
      'cases.unit_id',
      'cases.clerk_id',
      'cases.registered_at',
      'cases.due_at',
      'cases.is_open',
      'unit.name as unit_name',
      'clerk.display_name as clerk_name',
      'cases.citizen_update_at',
      'cases.paused_at',
    ])
    .where((eb) => scopeFilter(eb, scope));
  if (f.status?.length) q = q.where('cases.status', 'in', f.status);
  if (f.unitId) q = q.where('cases.unit_id', '=', f.unitId);
  if (f.clerkId) q = q.where('cases.clerk_id', '=', f.clerkId);
  if (f.caseTypeId) q = q.where('cases.case_type_id', '=', f.caseTypeId);
  if (f.from) q = q.where('cases.registered_at', '>=', f.from);
  if (f.to) q = q.where('cases.registered_at', '<', f.to);
  if (f.open !== undefined) q = q.where('cases.is_open', '=', f.open);
  if (f.overdue) q = q.where('cases.is_open', '=', true).where('cases.due_at', '<', f.now);
  if (f.q) q = q.where('cases.search_key', 'like', `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  if (f.sort === 'due_asc') {
    // Cases without a deadline sort last; the cursor carries the deadline (or null) and the id.
    if (f.cursor) {
      const c = f.cursor;
      q =
        c.key === null
          ? q.where('cases.due_at', 'is', null).where('cases.id', '>', c.id)
          : q.where((eb) =>
              eb.or([
                eb('cases.due_at', '>', new Date(c.key!)),
                eb.and([eb('cases.due_at', '=', new Date(c.key!)), eb('cases.id', '>', c.id)]),
                eb('cases.due_at', 'is', null),
              ]),
            );
    }
    q = q.orderBy(sql`cases.due_at asc nulls last`).orderBy('cases.id', 'asc');
  } else {
    if (f.cursor) {
      const at = new Date(f.cursor.key!);
      const id = f.cursor.id;
      q = q.where((eb) => eb.or([eb('cases.registered_at', '<', at), eb.and([eb('cases.registered_at', '=', at), eb('cases.id', '<', id)])]));
    }
    q = q.orderBy('cases.registered_at', 'desc').orderBy('cases.id', 'desc');
  }
  return q.limit(f.limit + 1).execute();
}

export interface NewEvent {
  type: string;
  actorId: string | null;
  actorName: string;
  actorRole: string | null;
  occurredAt: Date;
  visibility: Visibility;
  data: Record<string, unknown>;
  note: string | null;
}

/** The columns of a case any command may change along with an event. The status columns are not among them. */
export type CasePatch = Partial<{
  unit_id: string | null;
  clerk_id: string | null;
  awaiting_unit_id: string | null;
  classification_code: string | null;
  due_at: Date | null;
  search_key: string;
  paused_at: Date | null;
  paused_ms: number;
  citizen_update_at: Date | null;
}>;

/** Whether the case waits for the citizen, since when, and for how long it has waited before (for the status move). */
export async function pauseState(db: DbOrTx, caseId: string) {
  return db.selectFrom('cases').select(['paused_at', 'paused_ms', 'due_at']).where('id', '=', caseId).executeTakeFirstOrThrow();
}

/**
 * A case's status and the columns derived from it, written together or not at all. Only
 * `moveCaseStatus` (commands/move-case-status.ts) builds them; test/case-status-writer.test.ts checks it.
 */
export interface CaseStatusColumns {
  status: CaseStatus;
  status_changed_at: Date;
  closed_at: Date | null;
}

/**
 * Appends an event to a locked case, chained to the previous one, and applies `patch` (and a status
 * move's `statusColumns`) to the case in the same statement (a status change and its event are one
 * round trip); returns the stored event.
 */
export async function appendEvent(
  tx: Tx,
  c: { id: string; last_event_seq: number; last_event_hash: string },
  e: NewEvent,
  patch: CasePatch = {},
  statusColumns?: CaseStatusColumns,
) {
  const seq = c.last_event_seq + 1;
  const hash = eventHash(c.last_event_hash, { caseId: c.id, seq, ...e });
  // One statement (and one round trip) for the event and the case's chain head: the number-series
  // lock taken at registration is held until commit, so each round trip saved there is throughput.
  const query = tx
    .with('event', (db) =>
      db
        .insertInto('case_events')
        .values({
          case_id: c.id,
          seq,
          type: e.type,
          actor_id: e.actorId,
          actor_name: e.actorName,
          actor_role: e.actorRole,
          occurred_at: e.occurredAt,
          visibility: e.visibility,
          data: JSON.stringify(e.data),
          note: e.note,
          prev_hash: c.last_event_hash,
          hash,
        })
        .returning('id'),
    )
    .updateTable('cases')
    .from('event')
    .set({ ...patch, ...statusColumns, last_event_seq: seq, last_event_hash: hash, updated_at: e.occurredAt })
    .where('cases.id', '=', c.id)
    .returning(sql<string>`event.id::bigint`.as('id'))
    .compile();
  // Prepared once per connection for each set of columns it changes (kernel/db/database.ts): by key, with a cast result.
  const [row] = (await tx.executeQuery(prepared('append_event', query))).rows;
  if (!row) throw new Error(`case ${c.id} not found for its event`);
  c.last_event_seq = seq;
  c.last_event_hash = hash;
  return { id: row.id, seq, hash, ...e };
}

export async function updateCase(tx: Tx, id: string, patch: CasePatch): Promise<void> {
  await tx.updateTable('cases').set(patch).where('id', '=', id).execute();
}

export async function caseEvents(db: DbOrTx, caseId: string, publicOnly: boolean) {
  let q = db
    .selectFrom('case_events')
    .select(['id', 'case_id', 'seq', 'type', 'actor_id', 'actor_name', 'actor_role', 'occurred_at', 'visibility', 'data', 'note', 'prev_hash', 'hash'])
    .where('case_id', '=', caseId);
  if (publicOnly) q = q.where('visibility', '=', 'public');
  return q.orderBy('seq').execute();
}

export async function caseIdsAll(db: DbOrTx, afterId: string | null, limit: number): Promise<string[]> {
  let q = db.selectFrom('cases').select('id').orderBy('id').limit(limit);
  if (afterId) q = q.where('id', '>', afterId);
  return (await q.execute()).map((r) => r.id);
}

/** An event of a case carrying `value` under `dataKey` in its data, by the same actor: how a client's retried request is recognised. */
export async function findCaseEventByDataKey(db: DbOrTx, q: { caseId: string; type: string; actorId: string | null; dataKey: string; value: string }) {
  return db
    .selectFrom('case_events')
    .select(['id', 'occurred_at'])
    .where('case_id', '=', q.caseId)
    .where('type', '=', q.type)
    .where(sql<string>`data->>${q.dataKey}`, '=', q.value)
    .where((eb) => (q.actorId ? eb('actor_id', '=', q.actorId) : eb('actor_id', 'is', null)))
    .executeTakeFirst();
}

/** A case of an imported history (sistem48's import of reports from before Glas): its id chosen by the caller, so a batch needs no RETURNING order. */
export interface NewImportedCase extends NewCase {
  id: string;
}

/** Inserts a batch of imported cases in one statement, each in INITIAL_STATUS as insertCase does; their histories follow through moveCaseStatus's import path. */
export async function insertCases(tx: Tx, cs: readonly NewImportedCase[]): Promise<void> {
  if (!cs.length) return;
  const v = recordset(
    cs.map((c) => ({
      id: c.id,
      number: c.number,
      case_type_id: c.caseTypeId,
      subject: c.subject,
      description: c.description,
      channel: c.channel,
      classification_code: c.classificationCode,
      tracking_code: c.trackingCode,
      status: c.status,
      status_changed_at: c.registeredAt,
      registry_unit_id: c.registryUnitId,
      unit_id: c.unitId,
      clerk_id: c.clerkId,
      registered_by: c.registeredBy,
      registered_at: c.registeredAt,
      due_at: c.dueAt,
      search_key: c.searchKey,
      last_event_seq: 0,
      last_event_hash: c.genesisHash,
      external_system: c.externalSystem ?? null,
      external_id: c.externalId ?? null,
    })),
    {
      id: 'uuid',
      number: 'text',
      case_type_id: 'int',
      subject: 'text',
      description: 'text',
      channel: 'text',
      classification_code: 'text',
      tracking_code: 'text',
      status: 'text',
      status_changed_at: 'timestamptz',
      registry_unit_id: 'uuid',
      unit_id: 'uuid',
      clerk_id: 'uuid',
      registered_by: 'uuid',
      registered_at: 'timestamptz',
      due_at: 'timestamptz',
      search_key: 'text',
      last_event_seq: 'int',
      last_event_hash: 'text',
      external_system: 'text',
      external_id: 'text',
    },
    'v',
  );
  await tx
    .insertInto('cases')
    .columns([
      'id',
      'number',
      'case_type_id',
      'subject',
      'description',
      'channel',
      'classification_code',
      'tracking_code',
      'status',
      'status_changed_at',
      'registry_unit_id',
      'unit_id',
      'clerk_id',
      'registered_by',
      'registered_at',
      'due_at',
      'search_key',
      'last_event_seq',
      'last_event_hash',
      'external_system',
      'external_id',
    ])
    .expression(tx.selectFrom(v).selectAll('v'))
    .execute();
}

/** Links many parties in one statement. */
export async function linkParties(tx: Tx, links: readonly { caseId: string; partyId: string; role: PartyRole }[]): Promise<void> {
  if (!links.length) return;
  const v = recordset(
    links.map((l) => ({ case_id: l.caseId, party_id: l.partyId, role: l.role })),
    { case_id: 'uuid', party_id: 'uuid', role: 'text' },
    'v',
  );
  await tx
    .insertInto('case_parties')
    .columns(['case_id', 'party_id', 'role'])
    .expression(tx.selectFrom(v).selectAll('v'))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Takes `count` consecutive numbers of a series in one statement and returns the first. The row lock
 * lasts until the caller's transaction ends, so the import takes its numbers in a short transaction of its own.
 */
export async function reserveSequence(tx: Tx, seriesKey: string, count: number): Promise<number> {
  const row = await tx
    .insertInto('number_series')
    .values({ series_key: seriesKey, last_seq: count })
    .onConflict((oc) => oc.column('series_key').doUpdateSet({ last_seq: sql`number_series.last_seq + ${count}` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return row.last_seq - count + 1;
}

/** One case's imported history as moveCaseStatus's import path hands it over: its chained events and the case's state after them. */
export interface ImportedHistoryRows {
  caseId: string;
  events: (NewEvent & { seq: number; prevHash: string; hash: string })[];
  unitId: string | null;
  statusColumns: CaseStatusColumns;
  lastSeq: number;
  lastHash: string;
  updatedAt: Date;
}

/**
 * Appends imported histories in bulk (only from moveCaseStatus's import path, which checked every move):
 * one INSERT of all their events and one UPDATE of the cases' chain heads and status columns.
 * Returns the events' ids by case and sequence number.
 */
export async function appendImportedHistories(tx: Tx, histories: readonly ImportedHistoryRows[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (!histories.length) return ids;
  const events = histories.flatMap((h) =>
    h.events.map((e) => ({
      case_id: h.caseId,
      seq: e.seq,
      type: e.type,
      actor_id: e.actorId,
      actor_name: e.actorName,
      actor_role: e.actorRole,
      occurred_at: e.occurredAt,
      visibility: e.visibility,
      data: e.data,
      note: e.note,
      prev_hash: e.prevHash,
      hash: e.hash,
    })),
  );
  const ev = recordset(
    events,
    {
      case_id: 'uuid',
      seq: 'int',
      type: 'text',
      actor_id: 'uuid',
      actor_name: 'text',
      actor_role: 'text',
      occurred_at: 'timestamptz',
      visibility: 'text',
      data: 'jsonb',
      note: 'text',
      prev_hash: 'text',
      hash: 'text',
    },
    'ev',
  );
  const inserted = await tx
    .insertInto('case_events')
    .columns(['case_id', 'seq', 'type', 'actor_id', 'actor_name', 'actor_role', 'occurred_at', 'visibility', 'data', 'note', 'prev_hash', 'hash'])
    .expression(tx.selectFrom(ev).selectAll('ev'))
    .returning(['id', 'case_id', 'seq'])
    .execute();
  for (const r of inserted) ids.set(`${r.case_id}:${r.seq}`, r.id);
  const heads = histories.map((h) => ({
    id: h.caseId,
    status: h.statusColumns.status,
    status_changed_at: h.statusColumns.status_changed_at,
    closed_at: h.statusColumns.closed_at,
    unit_id: h.unitId,
    last_event_seq: h.lastSeq,
    last_event_hash: h.lastHash,
    updated_at: h.updatedAt,
  }));
  const v = recordset(
    heads,
    {
      id: 'uuid',
      status: 'text',
      status_changed_at: 'timestamptz',
      closed_at: 'timestamptz',
      unit_id: 'uuid',
      last_event_seq: 'int',
      last_event_hash: 'text',
      updated_at: 'timestamptz',
    },
    'v',
  );
  const updated = await tx
    .updateTable('cases')
    .from(v)
    .set((eb) => ({
      status: eb.ref('v.status'),
      status_changed_at: eb.ref('v.status_changed_at'),
      closed_at: eb.ref('v.closed_at'),
      unit_id: eb.ref('v.unit_id'),
      last_event_seq: eb.ref('v.last_event_seq'),
      last_event_hash: eb.ref('v.last_event_hash'),
      updated_at: eb.ref('v.updated_at'),
    }))
    .whereRef('cases.id', '=', 'v.id')
    .where('cases.last_event_seq', '=', 0)
    .executeTakeFirst();
  // Only cases inserted by this import (no event yet) take an imported history.
  if (Number(updated.numUpdatedRows) !== histories.length) throw new Error('an imported history met a case that already has events');
  return ids;
}
