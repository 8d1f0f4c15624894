/** SQL for the facts the reports keep from case events: first decisions and field results. */
import { sql } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';
import type { CaseStatus } from '../../kernel/types.ts';

/** Records a decision unless the case had one before (only the first counts). */
export async function recordFirstDecision(tx: Tx, d: { caseId: string; decidedAt: Date; status: CaseStatus; eventId: string }): Promise<void> {
  await tx
    .insertInto('case_decisions')
    .values({ case_id: d.caseId, decided_at: d.decidedAt, status: d.status, event_id: d.eventId })
    .onConflict((oc) => oc.column('case_id').doNothing())
    .execute();
}

/** Records many cases' decisions in one statement; per case only the first given (and none over an earlier one). */
export async function recordFirstDecisions(tx: Tx, ds: readonly { caseId: string; decidedAt: Date; status: CaseStatus; eventId: string }[]): Promise<void> {
  const first = new Map<string, (typeof ds)[number]>();
  for (const d of ds) if (!first.has(d.caseId)) first.set(d.caseId, d);
  if (!first.size) return;
  await tx
    .insertInto('case_decisions')
    .values([...first.values()].map((d) => ({ case_id: d.caseId, decided_at: d.decidedAt, status: d.status, event_id: d.eventId })))
    .onConflict((oc) => oc.column('case_id').doNothing())
    .execute();
}

/** Records a field result for the unit that holds the case now. */
export async function recordFieldResultFact(tx: Tx, f: { eventId: string; caseId: string; occurredAt: Date }): Promise<void> {
  await sql`insert into report_field_results (event_id, case_id, unit_id, occurred_at)
    select ${f.eventId}::bigint, id, unit_id, ${f.occurredAt}::timestamptz from cases where id = ${f.caseId}
    on conflict (event_id) do nothing`.execute(tx);
}
