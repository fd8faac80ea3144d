import { describe, expect, it } from 'vitest';
import { openArchivist } from '../src/index.js';
import { SEEDS } from './helpers.js';

describe('questions in flight', () => {
  it('GIVEN 200 questions asked at once THEN a timer set meanwhile fires before the last one is answered (the loop is not held for the whole burst)', async () => {
    const archivist = await openArchivist({ corpus: SEEDS, indexDir: null });
    const order: string[] = [];
    const questions = Array.from({ length: 200 }, (_, index) => archivist.ask(index % 2 ? 'Who is Marie Harf?' : 'When did talks resume?').then(() => order.push('answer')));
    setTimeout(() => order.push('timer'), 0);
    await Promise.all(questions);
    expect(order.indexOf('timer')).toBeGreaterThan(-1);
    expect(order.indexOf('timer')).toBeLessThan(order.length - 1);
    expect(order.filter((entry) => entry === 'answer')).toHaveLength(200);
  });
});
