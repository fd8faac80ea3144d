import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { silentLogger } from '../../src/logger.js';
import { buildCorpus } from '../../src/search/buildIndex.js';
import { storeStatistics } from '../../src/search/storeSource.js';
import { TermTable } from '../../src/search/sphinx/termTable.js';
import { SEEDS } from '../helpers.js';

/** A table built from a store's counts, in one change. */
function tableOf(counts: Record<string, number>, paragraphs: number): TermTable {
  const table = TermTable.empty();
  table.apply(new Map(Object.entries(counts)), paragraphs);
  return table;
}

describe('the term statistics kept beside a cluster', () => {
  it('GIVEN the seeds THEN the table answers every count, the mean length and every prefix as the embedded store does, before and after saving', async () => {
    const { store } = await buildCorpus(await readCorpus(SEEDS, silentLogger), silentLogger);
    const embedded = storeStatistics(store);
    const table = tableOf(store.documentFrequency, store.paragraphCount);
    for (const candidate of [table, TermTable.deserialize(table.serialize())]) {
      expect(candidate.paragraphCount).toBe(embedded.paragraphCount);
      expect(candidate.averageLength()).toBe(embedded.averageLength());
      for (const term of Object.keys(store.documentFrequency)) expect(candidate.documentFrequency(term)).toBe(embedded.documentFrequency(term));
      expect(candidate.documentFrequency('constructor')).toBe(0);
      for (const prefix of ['cub', 'talk', 'migr', 'zzz', '']) expect([...candidate.termsStartingWith(prefix)]).toEqual([...embedded.termsStartingWith(prefix)]);
    }
  });

  it('GIVEN changes applied one after another THEN the table equals one built from the final counts (property)', () => {
    const term = fc.constantFrom('a', 'ab', 'abc', 'b', 'ba', 'é', 'éa', 'z', '10', '1');
    const change = fc.dictionary(term, fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(change, fc.boolean()), { maxLength: 8 }), (steps) => {
        const table = TermTable.empty();
        const expected = new Map<string, number>();
        for (const [counts, remove] of steps) {
          // A removal takes out what is there (never more); an addition adds.
          const delta = new Map(Object.entries(counts).map(([key, count]) => [key, remove ? -Math.min(count, expected.get(key) ?? 0) : count]));
          table.apply(delta, 0);
          for (const [key, count] of delta) expected.set(key, (expected.get(key) ?? 0) + count);
        }
        const present = [...expected].filter(([, count]) => count > 0).map(([key]) => key).sort();
        for (const candidate of [table, TermTable.deserialize(table.serialize())]) {
          for (const [key, count] of expected) expect(candidate.documentFrequency(key)).toBe(count);
          expect([...candidate.termsStartingWith('')]).toEqual(present);
          expect([...candidate.termsStartingWith('a')]).toEqual(present.filter((key) => key.startsWith('a')));
        }
      }),
    );
  });

  it('GIVEN a change that would take a count below zero THEN it is refused whole, and the table is unchanged', () => {
    const table = tableOf({ cuba: 2, talk: 1 }, 2);
    expect(() => table.apply(new Map([['cuba', -1], ['talk', -2]]), -1)).toThrow(/out of step/);
    expect(table.documentFrequency('cuba')).toBe(2);
    expect(table.paragraphCount).toBe(2);
  });

  it('GIVEN a saved table with one byte changed THEN reading it fails on the checksum instead of giving wrong counts', () => {
    const bytes = tableOf({ cuba: 2, talk: 1, havana: 1 }, 3).serialize();
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 2] = (damaged[damaged.length - 2] ?? 0) ^ 1;
    expect(() => TermTable.deserialize(damaged)).toThrow(/checksum/);
    expect(() => TermTable.deserialize(bytes.subarray(0, bytes.length - 3))).toThrow(/checksum|cut short/);
  });
});
