/**
 * Runs in the transaction of every case event and keeps two facts the reports count: an event that
 * moves a case into a decision status (its data.to, whatever the event type) records the case's
 * first decision, which "time to resolution" is measured to; a field result is recorded for the
 * unit that holds the report.
 */
import type { HistoryWriter, OutboxWriter } from '../kernel/context.ts';
import { isDecision } from '../cases/domain/case-status.ts';
import { CASE_STATUSES, type CaseStatus } from '../kernel/types.ts';
import { recordFieldResultFact, recordFirstDecision, recordFirstDecisions } from './repositories/decision-repository.ts';

const isStatus = (x: unknown): x is CaseStatus => typeof x === 'string' && (CASE_STATUSES as readonly string[]).includes(x);

export const recordReportFacts: OutboxWriter = async (tx, event) => {
  const to = event.data.to;
  if (isStatus(to) && isDecision(to)) await recordFirstDecision(tx, { caseId: event.caseId, decidedAt: event.occurredAt, status: to, eventId: event.id });
  if (event.type === 'case.field_result') await recordFieldResultFact(tx, { eventId: event.id, caseId: event.caseId, occurredAt: event.occurredAt });
};

/** The same first decisions for imported histories, in one statement (the first decision event of each case counts). */
export const recordImportedReportFacts: HistoryWriter = async (tx, events) => {
  const decisions = events.flatMap((e) => {
    const to = e.data.to;
    return isStatus(to) && isDecision(to) ? [{ caseId: e.caseId, decidedAt: e.occurredAt, status: to, eventId: e.id }] : [];
  });
  await recordFirstDecisions(tx, decisions);
};
