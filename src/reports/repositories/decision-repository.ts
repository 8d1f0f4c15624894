/** SQL for case_decisions: the first time each case reached a decision status. */
import type { Tx } from '../../db/database.ts';
import type { CaseStatus } from '../../domain/types.ts';

/** Records a decision unless the case had one before (only the first counts). */
export async function recordFirstDecision(tx: Tx, d: { caseId: string; decidedAt: Date; status: CaseStatus; eventId: string }): Promise<void> {
  await tx.insertInto('case_decisions').values({ case_id: d.caseId, decided_at: d.decidedAt, status: d.status, event_id: d.eventId })
    .onConflict((oc) => oc.column('case_id').doNothing()).execute();
}
