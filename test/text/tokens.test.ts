import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchTerms, splitWords, wordsWithin } from '../../src/text/tokens.js';

describe('searchTerms', () => {
  it('drops stop words and stems what is left', () => {
    expect(searchTerms('When did the talks resume?')).toEqual(['talk', 'resum']);
  });

  it('reads "20,000" as the number 20000', () => {
    expect(searchTerms('at least 20,000 visas')).toEqual(searchTerms('at least 20000 visas'));
  });

  it('reads "Sept. 30", "Sep 30th" and "September 30" as the same date, but leaves the name "Jan" alone', () => {
    expect(searchTerms('on Sept. 30')).toEqual(searchTerms('on September 30'));
    expect(searchTerms('on Sep 30th')).toEqual(searchTerms('on September 30'));
    expect(searchTerms('Jan Smith said')).toContain('jan');
  });

  it('keeps the country "US"/"U.S." apart from the pronoun "us"', () => {
    expect(searchTerms('U.S. visas')).toEqual(['usa', 'visa']);
    expect(searchTerms('US visas')).toEqual(['usa', 'visa']);
    expect(searchTerms('tell us')).toEqual(['tell']);
  });
});

describe('wordsWithin', () => {
  it('GIVEN a slice ending in a month abbreviation before a day, or cutting "U.S." THEN it reads the slice alone', () => {
    const text = 'They left in Jan 5 days ago from the U.S. Army base.';
    expect(wordsWithin(text, splitWords(text), 0, 16)).toEqual({ words: splitWords('They left in Jan') });
    expect(wordsWithin(text, splitWords(text), 19, 39)).toEqual({ words: splitWords('days ago from the U.') });
  });

  const pieces = ['U', 'U.S.', 'U.S.A.', 'US', 'S', "'s", '’s', 'Jan', 'Sept', 'Sept.', '5', '30th', '20,000', '3.5', '3,', '.', ',', 'word', 'Talks', ' ', '  ', '\n', '\n '];
  it('GIVEN any slice of a text THEN it gives the words splitWords gives the slice alone, and where they are among the text\'s words', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.nat(), fc.nat(), (parts, a, b) => {
        const text = parts.join('');
        // Slices between pieces, where the edges are most often whitespace.
        const edges = parts.map((_, index) => parts.slice(0, index).join('').length).concat(text.length);
        const [start, end] = [edges[a % edges.length] ?? 0, edges[b % edges.length] ?? 0].sort((x, y) => x - y) as [number, number];
        const words = splitWords(text);
        const within = wordsWithin(text, words, start, end);
        expect(within.words).toEqual(splitWords(text.slice(start, end)));
        if (within.from !== undefined) expect(words.slice(within.from, within.from + within.words.length).map((word) => word.form)).toEqual(within.words.map((word) => word.form));
      }),
      { numRuns: 3000 },
    );
  });
});
