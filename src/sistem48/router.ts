/**
 * The report router as the commands use it: the newest trained model, loaded once per version and
 * kept in memory (a prediction is a few hundred look-ups, well under a millisecond), and its
 * suggestions for a text with the administrator's auto-route decision.
 */
import type { DbOrTx } from '../kernel/db/database.ts';
import { predictText, unpackWeights, type Suggestion, type TextModel } from './domain/text-classifier.ts';
import { findRouterModel, latestRouterModelVersion } from './repositories/router-repository.ts';

export interface RouterAdvice {
  modelVersion: number;
  /** Up to three, most likely first. */
  suggestions: Suggestion[];
  /** The top suggestion's confidence reaches the administrator's threshold. */
  autoRoute: boolean;
}

let loaded: { version: number; model: TextModel } | null = null;

async function currentModel(db: DbOrTx): Promise<{ version: number; model: TextModel } | null> {
  const version = await latestRouterModelVersion(db);
  if (version === null) return null;
  if (loaded?.version === version) return loaded;
  const row = await findRouterModel(db, version);
  if (!row) return null;
  loaded = { version, model: unpackWeights(row.weights, row.categories, row.temperature, row.feature_bits) };
  return loaded;
}

/**
 * What the newest model suggests for a text, among the categories `usable` allows (inactive or
 * removed categories are skipped, the rest renormalised); null when no model has been trained yet.
 */
export async function adviseCategory(db: DbOrTx, text: string, threshold: number, usable?: (code: string) => boolean): Promise<RouterAdvice | null> {
  const current = await currentModel(db);
  if (!current || !text.trim()) return null;
  let all = predictText(current.model, text);
  if (usable) {
    const kept = all.filter((s) => usable(s.category));
    const mass = kept.reduce((sum, s) => sum + s.confidence, 0) || 1;
    all = kept.map((s) => ({ category: s.category, confidence: s.confidence / mass }));
  }
  const suggestions = all.slice(0, 3).map((s) => ({ category: s.category, confidence: Math.round(s.confidence * 10_000) / 10_000 }));
  return { modelVersion: current.version, suggestions, autoRoute: suggestions.length > 0 && suggestions[0]!.confidence >= threshold };
}
