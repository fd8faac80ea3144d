import { describe, expect, it } from 'vitest';
import { searchTerms } from '../../src/text/tokens.js';

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
