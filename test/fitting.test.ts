import { describe, expect, it } from 'vitest';
import { dot, fitListwise, fitLogistic, sigmoid } from '../scripts/fitting.js';

describe('the model fits of scripts/fit-model', () => {
  it('GIVEN groups where the first feature marks the right candidate THEN the listwise fit ranks by it', () => {
    const groups = Array.from({ length: 50 }, (_, k) => ({
      rows: [[1, (k % 7) / 7], [0, 0.9], [0, 0.1]],
      correct: [true, false, false],
    }));
    const weights = fitListwise(groups, [0, 0]);
    for (const { rows } of groups) {
      const scores = rows.map((row) => dot(weights, row));
      expect(scores.indexOf(Math.max(...scores))).toBe(0);
    }
  });

  it('GIVEN labels that follow a feature THEN the logistic fit gives higher probabilities to the positives', () => {
    const examples = Array.from({ length: 200 }, (_, k) => {
      const x = k / 200;
      return { row: [x, 1], label: (x > 0.5 ? 1 : 0) as 0 | 1 };
    });
    const weights = fitLogistic(examples, [0, 0], { iterations: 500 });
    expect(sigmoid(dot(weights, [0.9, 1]))).toBeGreaterThan(0.8);
    expect(sigmoid(dot(weights, [0.1, 1]))).toBeLessThan(0.2);
  });

  it('GIVEN a weight the data would make negative THEN a sign constraint holds it at zero, and a strong prior holds a weight where it was', () => {
    const examples = Array.from({ length: 200 }, (_, k) => {
      const x = k / 200;
      return { row: [x, 1 - x, 1], label: (x > 0.5 ? 1 : 0) as 0 | 1 };
    });
    const free = fitLogistic(examples, [0, 0, 0], { iterations: 500 });
    expect(free[1]).toBeLessThan(0);
    const signed = fitLogistic(examples, [0, 0, 0], { iterations: 500, signs: [0, 1, 0] });
    expect(signed[1]).toBe(0);
    const anchored = fitLogistic(examples, [0, 0.5, 0], { iterations: 500, prior: [0, 0.5, 0], l2: [0, 1000, 0] });
    expect(anchored[1]).toBeCloseTo(0.5, 2);
  });

  it('GIVEN labels that peak in the middle of a feature THEN a free square bends the effect down; a monotone pair keeps it rising over [0, 1]', () => {
    const examples = Array.from({ length: 300 }, (_, k) => {
      const x = k / 300;
      return { row: [x, x * x, 1], label: (x > 0.3 && x < 0.7 ? 1 : 0) as 0 | 1 };
    });
    const effect = (weights: number[], x: number) => (weights[0] ?? 0) * x + (weights[1] ?? 0) * x * x;
    const free = fitLogistic(examples, [0, 0, 0], { iterations: 1500 });
    expect(effect(free, 1)).toBeLessThan(effect(free, 0.5));
    const monotone = fitLogistic(examples, [0, 0, 0], { iterations: 1500, signs: [1, 0, 0], monotone: [{ linear: 0, squared: 1, sign: 1 }] });
    for (let step = 0; step < 10; step++) expect(effect(monotone, (step + 1) / 10)).toBeGreaterThanOrEqual(effect(monotone, step / 10) - 1e-9);
  });
});
