/**
 * How good a report-router model is on examples it did not learn from: top-1 and top-3 accuracy,
 * macro-F1, each category's precision and recall, the most frequent confusions, and, for a range
 * of thresholds, the share of reports that would be routed automatically and how many of those
 * would be right (what an administrator needs to choose the threshold).
 */
import { predictText, type Example, type TextModel } from './text-classifier.ts';

export interface CategoryScore {
  category: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ThresholdPoint {
  threshold: number;
  /** Share of the reports whose top confidence reaches the threshold. */
  coverage: number;
  /** Share of those whose top suggestion is right (1 when none reach it). */
  precision: number;
}

export interface RouterEvaluation {
  size: number;
  top1: number;
  top3: number;
  macroF1: number;
  perCategory: CategoryScore[];
  confusions: { actual: string; predicted: string; count: number }[];
  thresholds: ThresholdPoint[];
}

export const THRESHOLDS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98] as const;

export function evaluateModel(model: TextModel, examples: readonly Example[]): RouterEvaluation {
  const cats = [...new Set([...model.categories, ...examples.map((e) => e.category)])].sort();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const support = new Map<string, number>();
  const confusion = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let top1 = 0;
  let top3 = 0;
  const scored: { confidence: number; right: boolean }[] = [];
  for (const e of examples) {
    const s = predictText(model, e.text);
    const best = s[0]!;
    inc(support, e.category);
    if (best.category === e.category) {
      top1++;
      inc(tp, e.category);
    } else {
      inc(fp, best.category);
      inc(fn, e.category);
      inc(confusion, `${e.category}\u0000${best.category}`);
    }
    if (s.slice(0, 3).some((x) => x.category === e.category)) top3++;
    scored.push({ confidence: best.confidence, right: best.category === e.category });
  }
  const perCategory = cats
    .filter((c) => (support.get(c) ?? 0) > 0 || (fp.get(c) ?? 0) > 0)
    .map((category) => {
      const t = tp.get(category) ?? 0;
      const p = t + (fp.get(category) ?? 0);
      const r = t + (fn.get(category) ?? 0);
      const precision = p ? t / p : 0;
      const recall = r ? t / r : 0;
      return { category, support: support.get(category) ?? 0, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
    });
  const withSupport = perCategory.filter((c) => c.support > 0);
  const n = examples.length || 1;
  return {
    size: examples.length,
    top1: top1 / n,
    top3: top3 / n,
    macroF1: withSupport.reduce((s, c) => s + c.f1, 0) / (withSupport.length || 1),
    perCategory,
    confusions: [...confusion]
      .map(([k, count]) => {
        const [actual, predicted] = k.split('\u0000') as [string, string];
        return { actual, predicted, count };
      })
      .sort((a, b) => b.count - a.count || a.actual.localeCompare(b.actual))
      .slice(0, 20),
    thresholds: THRESHOLDS.map((threshold) => thresholdPoint(scored, threshold)),
  };
}

export function thresholdPoint(scored: readonly { confidence: number; right: boolean }[], threshold: number): ThresholdPoint {
  const auto = scored.filter((s) => s.confidence >= threshold);
  return { threshold, coverage: auto.length / (scored.length || 1), precision: auto.length ? auto.filter((s) => s.right).length / auto.length : 1 };
}
