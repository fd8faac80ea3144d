import { describe, expect, it } from 'vitest';
import { searchTerms } from '../../src/text/tokens.js';

describe('searchTerms', () => {
  it('drops stop words and stems what is left', () => {
    expect(searchTerms('When did the talks resume?')).toEqual(['talk', 'resum']);
  });

  it('reads "20,000" as the number 20000', () => {
    expect(searchTerms('at least 20,000 visas')).toEqual(searchTerms('at least 20000 visas'));
  });

  it('keeps the country "US"/"U.S." apart from the pronoun "us"', () => {
    expect(searchTerms('U.S. visas')).toEqual(['usa', 'visa']);
    expect(searchTerms('US visas')).toEqual(['usa', 'visa']);
    expect(searchTerms('tell us')).toEqual(['tell']);
  });
});
