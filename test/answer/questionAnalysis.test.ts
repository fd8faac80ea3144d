import { describe, expect, it } from 'vitest';
import { analyseQuestion } from '../../src/answer/question.js';
import { questionWording, wordingEvidence, wordsOf } from '../../src/answer/wording.js';

const evidence = (question: string, sentence: string) => {
  const words = wordsOf(sentence.toLowerCase());
  return wordingEvidence(questionWording(question), words, new Set(words), new Set());
};
const overlap = (question: string, sentence: string) => evidence(question, sentence).wordOverlap;

describe('what a question names', () => {
  it('GIVEN "the United States", "US" or "U.S." THEN the same name term; numbers as written', () => {
    expect(analyseQuestion('Who chaired the 2013 meeting for the United States?')).toMatchObject({ nameTerms: ['usa'], numberTerms: ['2013'] });
    expect(analyseQuestion('Who chaired the meeting for the US?').nameTerms).toEqual(['usa']);
    expect(analyseQuestion('Who chaired the meeting for the U.S. and Cuba?').nameTerms).toEqual(['usa', 'cuba']);
  });

  it('GIVEN a question starting with a capital THEN its first word is not a name', () => {
    expect(analyseQuestion('Talks with Cuba resumed when?').nameTerms).toEqual(['cuba']);
  });
});

describe('the question\'s own words in a sentence', () => {
  it('GIVEN "did ... resume" THEN "resumed" writes "resume"; without "did" the forms must match', () => {
    expect(overlap('When did the talks resume?', 'The talks resumed in July 2009.')).toBe(1);
    expect(overlap('When were the talks resumed?', 'The talks resume in July.')).toBe(0.5);
  });
});

describe('a question asked with "did"', () => {
  it('GIVEN "when did talks resume?" THEN "resumed" tells of the past, "agreed to resume" does not', () => {
    expect(evidence('When did talks resume?', 'The Obama administration resumed them in July 2009.').pastTense).toBe(1);
    expect(evidence('When did talks resume?', 'The two countries have agreed to resume talks.').pastTense).toBe(0);
    expect(evidence('When will talks resume?', 'The talks resumed in July.').pastTense).toBe(0);
  });
});


describe('what a question asks for', () => {
  it('GIVEN a who-question with a "when" clause THEN it asks for a person, not a date', () => {
    expect(analyseQuestion('Who was US secretary of state when Cuba accepted the offer?').expects).toContain('name');
    expect(analyseQuestion('When did the talks resume, and who led them?').expects).toEqual(['date']);
  });

  it('GIVEN "who" opening a relative clause ("nationals who committed crimes") THEN the question asks for no person', () => {
    expect(analyseQuestion('Did the US want Cuba to take back nationals who had committed crimes?').expects).toEqual([]);
    expect(analyseQuestion('Under the 1995 accord, who was responsible for taking migrants back?').expects).toContain('name');
    expect(analyseQuestion('According to whom did Havana want talks on hurricanes?').expects).toContain('name');
  });

  it('GIVEN "how heavy", "what is the price" or "which police officer" THEN a number or a person is asked, whatever "where" follows', () => {
    expect(analyseQuestion('How heavy is the Xbox One X?').expects).toEqual(['number']);
    expect(analyseQuestion('What is the exact price of Super Mario Run?').expects).toEqual(['number']);
    expect(analyseQuestion('Which police officer spoke about tracing where the pills came from?').expects).toContain('name');
    expect(analyseQuestion('Which South Korean defense minister resigned?').expects).toContain('name');
    expect(analyseQuestion('Which versions of Minecraft are vulnerable?').expects).toEqual([]);
  });
});
