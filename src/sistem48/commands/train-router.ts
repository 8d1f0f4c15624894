/**
 * Trains the report router on the municipality's own reports whose category a person chose or
 * confirmed (listTrainingExamples), holding out a fifth of them (chosen by the case id, so the same
 * history splits the same way) to measure the model; the stored model is the one measured, with its
 * version, its training size and that evaluation. Run by `npm run glas -- train-router` and nightly.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../kernel/types.ts';
import type { Ctx } from '../../kernel/context.ts';
import { forbidden, invalidAs } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import { canConfigureSistem48 } from '../policy.ts';
import { FEATURE_BITS, packWeights, trainTextModel } from '../domain/text-classifier.ts';
import { evaluateModel, type RouterEvaluation } from '../domain/router-evaluation.ts';
import { insertRouterModel, listTrainingExamples } from '../repositories/router-repository.ts';

export const TRAIN_ROUTER_TASK = 'sistem48:train_router';
/** Enough to learn from; fewer examples, or fewer than two categories, and training is refused. */
const MIN_EXAMPLES = 30;
const MAX_EXAMPLES = 200_000;

export interface TrainedRouter {
  version: number;
  trainingSize: number;
  heldOutSize: number;
  evaluation: RouterEvaluation;
}

const heldOut = (caseId: string) => createHash('sha256').update(caseId).digest()[0]! < 52; // about one in five

export async function trainRouter(ctx: Ctx, actor: Actor): Promise<TrainedRouter> {
  if (!canConfigureSistem48(actor)) throw forbidden();
  const rows = await listTrainingExamples(ctx.db, { catchAllCode: ctx.config.inboundCategory, limit: MAX_EXAMPLES });
  if (rows.length < MIN_EXAMPLES || new Set(rows.map((r) => r.category)).size < 2) {
    throw invalidAs('detail.router_too_few', { min: MIN_EXAMPLES, count: rows.length });
  }
  const train = rows.filter((r) => !heldOut(r.caseId));
  const test = rows.filter((r) => heldOut(r.caseId));
  const model = trainTextModel(train, { seed: 1 });
  const evaluation = evaluateModel(model, test);
  const version = await ctx.db.transaction().execute(async (tx) => {
    const id = await insertRouterModel(tx, {
      trainedAt: ctx.now(),
      trainingSize: train.length,
      heldOutSize: test.length,
      categories: model.categories,
      featureBits: FEATURE_BITS,
      temperature: model.temperature,
      weights: packWeights(model),
      evaluation,
    });
    await audit(tx, actor, 'create', 'router_model', String(id), null, { trainingSize: train.length, heldOutSize: test.length, top1: evaluation.top1 });
    return id;
  });
  return { version, trainingSize: train.length, heldOutSize: test.length, evaluation };
}
