/** SQL for the report router: stored models, the reports it learns from, and its advice kept on a report. */
import { categoryTrainingExamples } from './training-repository.ts';
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';

export interface NewRouterModel {
  trainedAt: Date;
  trainingSize: number;
  heldOutSize: number;
  categories: string[];
  featureBits: number;
  temperature: number;
  weights: Buffer;
  evaluation: unknown;
}

export async function insertRouterModel(db: DbOrTx, m: NewRouterModel): Promise<number> {
  const row = await db
    .insertInto('router_models')
    .values({
      trained_at: m.trainedAt,
      training_size: m.trainingSize,
      held_out_size: m.heldOutSize,
      categories: m.categories,
      feature_bits: m.featureBits,
      temperature: m.temperature,
      weights: m.weights,
      evaluation: JSON.stringify(m.evaluation),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The newest model's version, or null before the first training. */
export async function latestRouterModelVersion(db: DbOrTx): Promise<number | null> {
  const row = await db.selectFrom('router_models').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

export async function findRouterModel(db: DbOrTx, version: number) {
  return db.selectFrom('router_models').selectAll().where('id', '=', version).executeTakeFirst();
}

/** Models newest first, without their weights. */
export async function listRouterModels(db: DbOrTx, limit: number) {
  return db
    .selectFrom('router_models')
    .select(['id', 'trained_at', 'training_size', 'held_out_size', 'categories', 'temperature', 'evaluation'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The reports the router learns from: those whose category a person chose or confirmed (imported history,
 * filed by staff, re-routed or re-categorised by the dispatcher; see categoryTrainingExamples), not merged,
 * with a description, not in the catch-all category. At most `limit`, in case-id order.
 */
export async function listTrainingExamples(db: DbOrTx, f: { catchAllCode: string; limit: number }) {
  // One definition of "a person chose or confirmed the category" (categoryTrainingExamples), read in pages.
  const out: { caseId: string; text: string; category: string }[] = [];
  for (let after: string | null = null; out.length < f.limit; ) {
    const page = await categoryTrainingExamples(db, { afterCaseId: after, limit: Math.min(10_000, f.limit - out.length), exceptCategory: f.catchAllCode });
    if (!page.length) break;
    for (const e of page) out.push({ caseId: e.caseId, text: e.text, category: e.categoryCode });
    after = page.at(-1)!.caseId;
  }
  return out;
}

/** What the router said about a report at intake: its model version, top confidence and the suggestions. */
export async function setReportRouterAdvice(
  tx: Tx,
  caseId: string,
  advice: { modelVersion: number; confidence: number; suggestions: { category: string; confidence: number }[] },
) {
  await tx
    .updateTable('problem_reports')
    .set({ router_model_version: advice.modelVersion, router_confidence: advice.confidence, router_suggestions: JSON.stringify(advice.suggestions) })
    .where('case_id', '=', caseId)
    .execute();
}

/** The dispatcher's correction of a report's category, with the route its rules give. */
export async function setReportCategory(
  tx: Tx,
  caseId: string,
  v: { categoryId: number; routingRuleId: number | null; routedBy: 'rule' | 'fallback' | 'none'; rerouteCount: number },
) {
  await tx
    .updateTable('problem_reports')
    .set({ category_id: v.categoryId, routing_rule_id: v.routingRuleId, routed_by: v.routedBy, reroute_count: v.rerouteCount })
    .where('case_id', '=', caseId)
    .execute();
}
