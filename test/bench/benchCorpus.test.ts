import { describe, expect, it } from 'vitest';
import { seededRandom, syntheticArticles, type SentencePool } from '../../scripts/benchCorpus.js';

const pool: SentencePool = {
  sentences: Array.from({ length: 50 }, (_, index) => `Sentence number ${index} has exactly seven words.`),
  titles: ['Alpha', 'Beta', 'Gamma'],
};

describe('the benchmark corpus generator', () => {
  it('GIVEN the same seed THEN it makes the same corpus; another seed makes another', () => {
    const first = [...syntheticArticles(pool, 200, 7)];
    expect([...syntheticArticles(pool, 200, 7)]).toEqual(first);
    expect([...syntheticArticles(pool, 200, 8)]).not.toEqual(first);
  });

  it('makes exactly the paragraphs asked for, of at least 60 words, grouped into articles', () => {
    const articles = [...syntheticArticles(pool, 200, 7)];
    const paragraphs = articles.flatMap((article) => article.text.split('\n\n'));
    expect(paragraphs).toHaveLength(200);
    expect(articles.length).toBeGreaterThan(200 / 13);
    expect(articles.length).toBeLessThan(200 / 3);
    for (const paragraph of paragraphs) expect(paragraph.split(' ').length).toBeGreaterThanOrEqual(60);
    expect(new Set(articles.map((article) => article.id)).size).toBe(articles.length);
  });

  it('has a PRNG that gives floats in [0, 1) deterministically', () => {
    const draws = Array.from({ length: 1000 }, seededRandom(1));
    expect(draws.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(Array.from({ length: 1000 }, seededRandom(1))).toEqual(draws);
    expect(new Set(draws).size).toBeGreaterThan(990);
  });
});
