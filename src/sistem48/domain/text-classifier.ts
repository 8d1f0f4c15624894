/**
 * The report router's model: which category a citizen's free text is about.
 *
 * Features are made robust to how people write here: the text is first brought to Glas's search
 * key (Cyrillic to Latin, lower case, no diacritics, đ → dj), so "Ne radi svjetlo", "не ради светло"
 * and "NE RADI SVETLO" meet; then each word gives its padded character 3- to 5-grams (typos and
 * inflection change a few of them, not all), the word itself, its first five letters (a crude stem),
 * an ijekavian-to-ekavian folded form (svjetlo/svijetli → svetlo/svetli) and neighbouring word pairs.
 * Features are hashed into 2^18 buckets (no vocabulary to keep) and the vector is L2-normalised.
 *
 * The model is a multinomial logistic regression trained by stochastic gradient descent with a
 * seeded shuffle, so the same examples give the same model; its confidences are calibrated by one
 * temperature fitted on a held-out part (minimum log-loss), so "0.9" means about nine in ten.
 *
 * Written here rather than taken from npm: the libraries the registry offers (natural's
 * BayesClassifier/LogisticRegressionClassifier, wink-naive-bayes-text-classifier, bayes, ml-*)
 * either keep a vocabulary of whole words only (no character n-grams over our search key), train
 * far slower than 60 s on 100,000 reports (natural's LR is dense), or give uncalibrated scores
 * rather than probabilities an administrator can set a threshold on. The whole model is ~200 lines.
 */
import { searchKey } from '../../i18n/search-key.ts';

export const FEATURE_BITS = 18;
const MASK = (1 << FEATURE_BITS) - 1;

/** FNV-1a over a string, folded into the feature space. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

/** Ijekavian and ekavian spellings of the same word meet (svjetlo/svetlo, cijev/cev, rijeka/reka). */
function ekavian(w: string): string {
  return w.replace(/([bcdfghklmnprstvz])ije/g, '$1e').replace(/([bcdfghklmnprstvz])je/g, '$1e');
}

/** The words of a text in search-key form; numbers become "0" (house numbers say nothing of the category). */
export function words(text: string): string[] {
  return searchKey(text)
    .replace(/[0-9]+/g, ' 0 ')
    .split(/[^a-z0]+/)
    .filter((w) => w.length > 0);
}

/** Distinct hashed features of a text with their weights (L2-normalised). */
export function featurize(text: string): { idx: Int32Array; val: Float32Array } {
  const counts = new Map<number, number>();
  const add = (f: string, w = 1) => {
    const h = hash(f);
    counts.set(h, (counts.get(h) ?? 0) + w);
  };
  const ws = words(text);
  let prev = '';
  for (const w of ws) {
    add(`w:${w}`);
    if (w.length > 5) add(`s:${w.slice(0, 5)}`);
    const e = ekavian(w);
    if (e !== w) add(`w:${e}`);
    const padded = `<${e}>`;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= padded.length; i++) add(padded.slice(i, i + n), 0.5);
    }
    if (prev) add(`b:${prev}_${e}`);
    prev = e;
  }
  const idx = new Int32Array(counts.size);
  const val = new Float32Array(counts.size);
  let norm = 0;
  let k = 0;
  for (const [h, c] of counts) {
    // Sublinear: a word said three times is not three times the evidence.
    const v = 1 + Math.log(c);
    idx[k] = h;
    val[k] = v;
    norm += v * v;
    k++;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < val.length; i++) val[i]! /= norm;
  return { idx, val };
}

/** Cosine similarity of two texts' features (both vectors are unit length): 1 the same words, 0 nothing shared. */
export function textSimilarity(a: string, b: string): number {
  const fa = featurize(a);
  const fb = featurize(b);
  const weight = new Map<number, number>();
  for (let i = 0; i < fa.idx.length; i++) weight.set(fa.idx[i]!, fa.val[i]!);
  let dot = 0;
  for (let i = 0; i < fb.idx.length; i++) dot += (weight.get(fb.idx[i]!) ?? 0) * fb.val[i]!;
  return dot;
}

export interface TextModel {
  categories: string[];
  featureBits: number;
  temperature: number;
  /** Feature buckets that have weights, ascending; weights are rows of `categories.length`. */
  rows: Uint32Array;
  weights: Float32Array;
  bias: Float32Array;
}

export interface Example {
  text: string;
  category: string;
}

export interface TrainOptions {
  epochs?: number;
  seed?: number;
  /** Share of the examples kept aside to fit the temperature (0 = none: temperature 1). */
  calibrationShare?: number;
  /** L2 penalty per step (weight decay of the touched weights). */
  lambda?: number;
}

/** A small seeded generator (mulberry32): the same seed gives the same shuffles. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Encoded {
  offsets: Int32Array;
  idx: Int32Array;
  val: Float32Array;
  label: Int32Array;
}

function encode(examples: readonly Example[], classOf: Map<string, number>): Encoded {
  const feats = examples.map((e) => featurize(e.text));
  const total = feats.reduce((s, f) => s + f.idx.length, 0);
  const offsets = new Int32Array(examples.length + 1);
  const idx = new Int32Array(total);
  const val = new Float32Array(total);
  let o = 0;
  feats.forEach((f, i) => {
    offsets[i] = o;
    idx.set(f.idx, o);
    val.set(f.val, o);
    o += f.idx.length;
  });
  offsets[examples.length] = o;
  return { offsets, idx, val, label: Int32Array.from(examples, (e) => classOf.get(e.category) ?? -1) };
}

/** Trains a model on examples; categories are those the examples name (sorted). */
export function trainTextModel(examples: readonly Example[], opts: TrainOptions = {}): TextModel {
  const categories = [...new Set(examples.map((e) => e.category))].sort();
  if (categories.length < 2) throw new Error('training needs examples of at least two categories');
  const classOf = new Map(categories.map((c, i) => [c, i]));
  const C = categories.length;
  const rand = seededRandom(opts.seed ?? 1);
  const order = examples.map((_, i) => i);
  shuffle(order, rand);
  const calN = Math.floor(order.length * (opts.calibrationShare ?? 0.1));
  const calIdx = order.slice(0, calN);
  const fitIdx = order.slice(calN);

  const data = encode(examples, classOf);
  const W = new Float32Array((1 << FEATURE_BITS) * C);
  const B = new Float32Array(C);
  const scores = new Float64Array(C);
  const epochs = opts.epochs ?? 8;
  const lambda = opts.lambda ?? 1e-5;
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(fitIdx, rand);
    for (const i of fitIdx) {
      const lr = 0.8 / (1 + step * 2e-5);
      step++;
      const from = data.offsets[i]!;
      const to = data.offsets[i + 1]!;
      logits(W, B, data.idx, data.val, from, to, C, scores);
      softmaxInPlace(scores, 1);
      const y = data.label[i]!;
      for (let c = 0; c < C; c++) {
        const g = scores[c]! - (c === y ? 1 : 0);
        if (g > -1e-4 && g < 1e-4) continue;
        B[c]! -= lr * g * 0.1;
        for (let k = from; k < to; k++) {
          const w = data.idx[k]! * C + c;
          W[w] = W[w]! * (1 - lr * lambda) - lr * g * data.val[k]!;
        }
      }
    }
  }
  const used: number[] = [];
  for (let f = 0; f < 1 << FEATURE_BITS; f++) {
    for (let c = 0; c < C; c++) {
      if (W[f * C + c] !== 0) {
        used.push(f);
        break;
      }
    }
  }
  const rows = Uint32Array.from(used);
  const weights = new Float32Array(rows.length * C);
  rows.forEach((f, r) => {
    weights.set(W.subarray(f * C, f * C + C), r * C);
  });
  const model: TextModel = { categories, featureBits: FEATURE_BITS, temperature: 1, rows, weights, bias: B };
  if (calIdx.length >= 20) model.temperature = fitTemperature(W, B, data, calIdx, C);
  return model;
}

function shuffle<T>(a: T[], rand: () => number) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
}

function logits(W: Float32Array, B: Float32Array, idx: Int32Array, val: Float32Array, from: number, to: number, C: number, out: Float64Array) {
  for (let c = 0; c < C; c++) out[c] = B[c]!;
  for (let k = from; k < to; k++) {
    const base = idx[k]! * C;
    const v = val[k]!;
    for (let c = 0; c < C; c++) out[c]! += W[base + c]! * v;
  }
}

function softmaxInPlace(s: Float64Array, temperature: number) {
  let max = -Infinity;
  for (const v of s) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < s.length; c++) {
    s[c] = Math.exp((s[c]! - max) / temperature);
    sum += s[c]!;
  }
  for (let c = 0; c < s.length; c++) s[c]! /= sum;
}

/** The temperature that minimises log-loss on the calibration examples (golden-section search over 0.2..5). */
function fitTemperature(W: Float32Array, B: Float32Array, data: Encoded, calIdx: number[], C: number): number {
  const raw = calIdx.map((i) => {
    const s = new Float64Array(C);
    logits(W, B, data.idx, data.val, data.offsets[i]!, data.offsets[i + 1]!, C, s);
    return { s, y: data.label[i]! };
  });
  const loss = (t: number) => {
    let l = 0;
    const p = new Float64Array(C);
    for (const r of raw) {
      p.set(r.s);
      softmaxInPlace(p, t);
      l -= Math.log(Math.max(p[r.y]!, 1e-12));
    }
    return l;
  };
  let lo = 1;
  let hi = 5;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 40; i++) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (loss(a) < loss(b)) hi = b;
    else lo = a;
  }
  return (lo + hi) / 2;
}

export interface Suggestion {
  category: string;
  confidence: number;
}

/** A sparse model's weights looked up by feature bucket (binary search over its rows). */
function rowOf(rows: Uint32Array, f: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = rows[mid]!;
    if (v === f) return mid;
    if (v < f) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Every category with its calibrated probability, most likely first. */
export function predictText(model: TextModel, text: string): Suggestion[] {
  const C = model.categories.length;
  const { idx, val } = featurize(text);
  const s = new Float64Array(C);
  for (let c = 0; c < C; c++) s[c] = model.bias[c]!;
  for (let k = 0; k < idx.length; k++) {
    const r = rowOf(model.rows, idx[k]!);
    if (r < 0) continue;
    const base = r * C;
    const v = val[k]!;
    for (let c = 0; c < C; c++) s[c]! += model.weights[base + c]! * v;
  }
  softmaxInPlace(s, model.temperature);
  return model.categories.map((category, c) => ({ category, confidence: s[c]! })).sort((a, b) => b.confidence - a.confidence);
}

/** The model as bytes for storage: row count, rows, weights, bias (little-endian). */
export function packWeights(m: TextModel): Buffer {
  const C = m.categories.length;
  const buf = Buffer.alloc(4 + m.rows.length * 4 + m.weights.length * 4 + C * 4);
  buf.writeUInt32LE(m.rows.length, 0);
  let o = 4;
  for (const r of m.rows) {
    buf.writeUInt32LE(r, o);
    o += 4;
  }
  for (const w of m.weights) {
    buf.writeFloatLE(w, o);
    o += 4;
  }
  for (const b of m.bias) {
    buf.writeFloatLE(b, o);
    o += 4;
  }
  return buf;
}

export function unpackWeights(buf: Buffer, categories: string[], temperature: number, featureBits: number): TextModel {
  const C = categories.length;
  const n = buf.readUInt32LE(0);
  if (buf.length !== 4 + n * 4 + n * C * 4 + C * 4) throw new Error('stored model weights do not match its categories');
  const rows = new Uint32Array(n);
  const weights = new Float32Array(n * C);
  const bias = new Float32Array(C);
  let o = 4;
  for (let i = 0; i < n; i++, o += 4) rows[i] = buf.readUInt32LE(o);
  for (let i = 0; i < n * C; i++, o += 4) weights[i] = buf.readFloatLE(o);
  for (let i = 0; i < C; i++, o += 4) bias[i] = buf.readFloatLE(o);
  return { categories, featureBits, temperature, rows, weights, bias };
}
