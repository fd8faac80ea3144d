/**
 * Two small fits, written out rather than pulled from a library: a listwise (softmax)
 * linear ranker and a logistic regression, both by full-batch gradient descent with Adam
 * and an L2 penalty. Enough for a few dozen features and a few hundred thousand rows.
 */

/** One question's candidates: a feature row per candidate, which candidates are right, and how much the question counts (default 1). */
export interface RankingGroup {
  rows: number[][];
  correct: boolean[];
  weight?: number;
}

/** A labelled example for the logistic fit, and how much it counts (default 1). */
export interface LabelledRow {
  row: number[];
  label: 0 | 1;
  weight?: number;
}

/** Fit settings. @default iterations 400, rate 0.05, l2 0.001, prior all zeros */
export interface FitOptions {
  iterations?: number;
  rate?: number;
  /** Strength of the pull towards `prior` (a Gaussian prior on the weights). */
  l2?: number | readonly number[];
  /** The weights the fit is pulled towards (zeros when not given). */
  prior?: number[];
  /** Per weight: 1 keeps it at or above zero, -1 at or below, 0 (or missing) leaves it free. */
  signs?: readonly number[];
  /**
   * Pairs of weights on a feature x in [0, 1] and on its square: the pair's effect
   * `linear·x + squared·x²` is kept rising over [0, 1] (`sign` 1) or falling (-1), i.e.
   * `linear + 2·squared` keeps the sign of `linear` (with `signs` keeping `linear`'s own).
   */
  monotone?: ReadonlyArray<{ linear: number; squared: number; sign: 1 | -1 }>;
  /** Weights (by index) kept at their initial values. */
  held?: ReadonlySet<number>;
}

/**
 * Fits weights `w` so that, in each group, softmax(w·row) puts its mass on the correct
 * candidates (groups with no correct candidate are skipped). Starts from `initial`.
 */
export function fitListwise(groups: RankingGroup[], initial: number[], options: FitOptions = {}): number[] {
  const usable = groups.filter((group) => group.correct.some(Boolean));
  return adam(initial, options, (weights, gradient) => {
    let loss = 0;
    let count = 0;
    for (const { rows, correct, weight = 1 } of usable) {
      count += weight;
      const scores = rows.map((row) => dot(weights, row));
      const top = Math.max(...scores);
      const exps = scores.map((score) => Math.exp(score - top));
      const all = sum(exps);
      const right = sum(exps.filter((_, index) => correct[index]));
      loss -= weight * Math.log(right / all);
      rows.forEach((row, index) => {
        const pAll = (exps[index] ?? 0) / all;
        const pRight = correct[index] ? (exps[index] ?? 0) / right : 0;
        for (let k = 0; k < row.length; k++) gradient[k] = (gradient[k] ?? 0) + weight * (pAll - pRight) * (row[k] ?? 0);
      });
    }
    return { loss, count };
  });
}

/** Fits logistic-regression weights (the last column of each row should be a constant 1 for the bias). */
export function fitLogistic(examples: LabelledRow[], initial: number[], options: FitOptions = {}): number[] {
  return adam(initial, options, (weights, gradient) => {
    let loss = 0;
    let count = 0;
    for (const { row, label, weight = 1 } of examples) {
      const p = sigmoid(dot(weights, row));
      count += weight;
      loss -= weight * (label === 1 ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12)));
      for (let k = 0; k < row.length; k++) gradient[k] = (gradient[k] ?? 0) + weight * (p - label) * (row[k] ?? 0);
    }
    return { loss, count };
  });
}

/** The logistic function. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Dot product of two equal-length vectors. */
export function dot(a: readonly number[], b: readonly number[]): number {
  let total = 0;
  for (let k = 0; k < a.length; k++) total += (a[k] ?? 0) * (b[k] ?? 0);
  return total;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Adam on the mean loss plus `l2`·|w − prior|² / 2 (`l2` one strength for all weights, or one per weight), each step projected onto `signs` and `monotone` (`held` weights stay as they start); `accumulate` adds the summed gradient into its second argument. */
function adam(
  initial: number[],
  { iterations = 400, rate = 0.05, l2 = 0.001, prior = [], signs = [], monotone = [], held = new Set() }: FitOptions,
  accumulate: (weights: number[], gradient: number[]) => { loss: number; count: number },
): number[] {
  const weights = [...initial];
  const m = weights.map(() => 0);
  const v = weights.map(() => 0);
  for (let step = 1; step <= iterations; step++) {
    const gradient = weights.map(() => 0);
    const { count } = accumulate(weights, gradient);
    for (let k = 0; k < weights.length; k++) {
      if (held.has(k)) continue;
      const strength = typeof l2 === 'number' ? l2 : (l2[k] ?? 0);
      const g = (gradient[k] ?? 0) / Math.max(count, 1) + strength * ((weights[k] ?? 0) - (prior[k] ?? 0));
      m[k] = 0.9 * (m[k] ?? 0) + 0.1 * g;
      v[k] = 0.999 * (v[k] ?? 0) + 0.001 * g * g;
      const mHat = (m[k] ?? 0) / (1 - 0.9 ** step);
      const vHat = (v[k] ?? 0) / (1 - 0.999 ** step);
      const stepped = (weights[k] ?? 0) - (rate * mHat) / (Math.sqrt(vHat) + 1e-8);
      const sign = signs[k] ?? 0;
      weights[k] = sign > 0 ? Math.max(0, stepped) : sign < 0 ? Math.min(0, stepped) : stepped;
    }
    for (const { linear, squared, sign } of monotone) {
      const slopeAtOne = (weights[linear] ?? 0) + 2 * (weights[squared] ?? 0);
      if (sign * slopeAtOne < 0) weights[squared] = -(weights[linear] ?? 0) / 2;
    }
  }
  return weights;
}
