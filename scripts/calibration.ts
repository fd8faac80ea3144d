/**
 * Whether a confidence means "probably right": reliability tables (among answers shown at
 * confidence c, the share that is right) and the chat threshold that keeps wrong answers
 * shown rare.
 */

/** One answered question: the confidence shown and whether the answer is right (an answer to an unanswerable question never is). */
export interface ScoredAnswer {
  confidence: number;
  right: boolean;
}

/** The confidence bins of a reliability table. */
export const BINS = [0, 0.2, 0.4, 0.6, 0.8, 1.0001] as const;

/** Per bin of confidence: how many answers, and the share right. */
export function reliability(answers: readonly ScoredAnswer[]): Array<{ from: number; to: number; answers: number; right: number; meanConfidence: number }> {
  return BINS.slice(0, -1).map((from, index) => {
    const to = BINS[index + 1] ?? 1;
    const inBin = answers.filter((answer) => answer.confidence >= from && answer.confidence < to);
    const right = inBin.filter((answer) => answer.right).length;
    const mean = inBin.reduce((sum, answer) => sum + answer.confidence, 0) / Math.max(inBin.length, 1);
    return { from, to: Math.min(to, 1), answers: inBin.length, right: inBin.length > 0 ? right / inBin.length : NaN, meanConfidence: mean };
  });
}

/** A reliability table as Markdown rows: answers, share right, mean confidence per bin. */
export function formatReliability(label: string, answers: readonly ScoredAnswer[]): string {
  const bins = reliability(answers);
  const head = `| ${label} | ${bins.map((bin) => `${bin.from.toFixed(1)}–${bin.to.toFixed(1)}`).join(' | ')} |`;
  const rule = `|---|${bins.map(() => '---').join('|')}|`;
  const row = `| answers: share right (mean confidence) | ${bins.map((bin) => (bin.answers === 0 ? '—' : `${bin.answers}: ${(100 * bin.right).toFixed(0)}% (${bin.meanConfidence.toFixed(2)})`)).join(' | ')} |`;
  return [head, rule, row].join('\n');
}

/**
 * The threshold that does best when a wrong answer shown costs `wrongCost` right ones:
 * the most (right shown − wrongCost × wrong shown), searched in steps of 0.01; declined
 * questions show nothing and cost nothing. Ties go to the higher threshold.
 */
export function thresholdForCost(answers: readonly ScoredAnswer[], wrongCost: number): number {
  let best = { threshold: 0.5, value: -Infinity };
  for (let step = 5; step <= 95; step++) {
    const threshold = step / 100;
    let value = 0;
    for (const answer of answers) if (answer.confidence >= threshold) value += answer.right ? 1 : -wrongCost;
    if (value >= best.value) best = { threshold, value };
  }
  return best.threshold;
}

/** Thresholds of the trade-off tables. */
export const TRADE_OFF_THRESHOLDS = [0.3, 0.4, 0.43, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9] as const;

/** Per threshold: the answers shown (confidence at or above it) that are right, and the share of all questions answered, as Markdown rows. */
export function formatTradeOff(label: string, answers: readonly ScoredAnswer[]): string {
  const cells = TRADE_OFF_THRESHOLDS.map((threshold) => {
    const shown = answers.filter((answer) => answer.confidence >= threshold);
    const right = shown.filter((answer) => answer.right).length;
    const precision = shown.length > 0 ? `${((100 * right) / shown.length).toFixed(0)}%` : '—';
    return `${right}/${shown.length} (${precision}), ${((100 * shown.length) / Math.max(answers.length, 1)).toFixed(0)}% answered`;
  });
  return [`| ${label}: threshold | ${TRADE_OFF_THRESHOLDS.join(' | ')} |`, `|---|${TRADE_OFF_THRESHOLDS.map(() => '---').join('|')}|`, `| right/shown (precision), share answered | ${cells.join(' | ')} |`].join('\n');
}
