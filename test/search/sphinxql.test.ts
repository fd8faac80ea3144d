import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardOf } from '../../src/search/sphinx/shards.js';
import { anyOf, idList, quoteString, toEngineToken } from '../../src/search/sphinx/sphinxql.js';
import { searchTerms } from '../../src/text/tokens.js';

describe('SphinxQL text', () => {
  it('GIVEN any analysed term THEN its engine token holds only [a-z0-9_], and distinct terms stay distinct', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (a, b) => {
        for (const term of [...searchTerms(a), ...searchTerms(b)]) expect(toEngineToken(term)).toMatch(/^[a-z0-9_]+$/);
        if (a !== b) expect(toEngineToken(a)).not.toBe(toEngineToken(b));
      }),
    );
    expect(toEngineToken('migrat')).toBe('migrat');
    expect(toEngineToken('café')).toBe('_636166c3a9');
  });

  it('GIVEN terms that look like query operators THEN the MATCH text ORs them as plain words', () => {
    expect(anyOf(['near', 'maybe', 'sentenc', 'near'])).toBe('near | maybe | sentenc');
    expect(anyOf(searchTerms('"quoted" (x) -minus | bar @field ~5 ^start$'))).toMatch(/^[a-z0-9_]+( \| [a-z0-9_]+)*$/);
  });

  it('GIVEN quotes and backslashes in a string THEN the literal escapes them', () => {
    expect(quoteString("it's a \\ test")).toBe("'it\\'s a \\\\ test'");
  });

  it('GIVEN an id that is not a positive integer THEN it is refused', () => {
    expect(idList([1, 2, 30])).toBe('1,2,30');
    expect(() => idList([1, 0])).toThrow(/not a valid paragraph id/i);
    expect(() => idList([Number.NaN])).toThrow();
  });

  it('GIVEN an article key THEN its shard is stable and within range', () => {
    expect(shardOf('000_0622fb72b17749b4.txt', 2)).toBe(shardOf('000_0622fb72b17749b4.txt', 2));
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1, max: 16 }), (key, shards) => {
      const shard = shardOf(key, shards);
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(shards);
    }));
  });
});
