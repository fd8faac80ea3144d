/** The extraction benchmark's body metric, as `npm run eval:extraction` computes it. */
import { describe, expect, it } from 'vitest';
import { overallScore, scorePage } from '../../scripts/extractionScore.js';

describe('the shingle metric', () => {
  it('GIVEN the expected body THEN precision and recall are 1', () => {
    expect(scorePage('One two three four five.', 'One two, three four five')).toEqual({ precision: 1, recall: 1 });
  });

  it('GIVEN half the body plus as much junk THEN shingles are counted as multisets, per page', () => {
    const body = 'a b c d e f g h';
    // 5 shingles expected; extracted "a b c d e" + "x y z w" keeps 2 of them and adds 6 of its own.
    const score = scorePage('a b c d e x y z w', body);
    expect(score.recall).toBeCloseTo(2 / 5);
    expect(score.precision).toBeCloseTo(2 / 6);
    // "a b c d" twice matches the one expected "a b c d" once: 1 of 5 shingles.
    expect(scorePage('a b c d a b c d', 'a b c d').precision).toBeCloseTo(1 / 5);
  });

  it('GIVEN pages THEN precision and recall are averaged over pages, and F1 is taken from the two means', () => {
    const overall = overallScore([{ precision: 1, recall: 0.5 }, { precision: 0.5, recall: 1 }]);
    expect(overall).toEqual({ precision: 0.75, recall: 0.75, f1: 0.75 });
    expect(scorePage('', 'a b c d')).toEqual({ precision: 0, recall: 0 });
  });
});
