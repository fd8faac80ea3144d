import { describe, expect, it } from 'vitest';
import { oppositionsOf, saysOpposite } from '../../src/text/antonyms.js';
import { searchTerms } from '../../src/text/tokens.js';

/** Whether the sentence says the opposite of something the question asks. */
const opposes = (question: string, sentence: string) => saysOpposite(oppositionsOf(searchTerms(question)), new Set(searchTerms(sentence)));

describe('antonyms (WordNet, as search terms)', () => {
  it('GIVEN "smallest" asked of a sentence saying "largest" THEN it says the opposite; asked "largest" THEN not', () => {
    expect(opposes('Which Florida city has the smallest population?', 'Jacksonville is the largest city by population in Florida.')).toBe(1);
    expect(opposes('Which Florida city has the largest population?', 'Jacksonville is the largest city by population in Florida.')).toBe(0);
  });

  it('GIVEN "increase" asked of "decreased" THEN opposite; of a sentence saying both THEN not (it also says what was asked)', () => {
    expect(opposes('When did exports increase?', 'Exports decreased in 2005.')).toBe(1);
    expect(opposes('When did exports increase?', 'Exports increased in 2005 while imports decreased.')).toBe(0);
  });

  it('GIVEN a question that uses both words of a pair THEN neither counts as the opposite', () => {
    expect(opposes('Did the north or the south win?', 'The south won the war.')).toBe(0);
  });
});
