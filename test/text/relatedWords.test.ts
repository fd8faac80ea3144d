import { describe, expect, it } from 'vitest';
import { analyseQuestion } from '../../src/answer/question.js';
import { tagSentence } from '../../src/text/entities.js';
import { relatedTerms } from '../../src/text/relatedWords.js';

describe('words of the same meaning, from WordNet', () => {
  it('GIVEN "start" THEN "begin" and "commence" are related; GIVEN a name THEN nothing', () => {
    expect(relatedTerms('start')).toEqual(expect.arrayContaining(['begin', 'commenc']));
    expect(relatedTerms('zzzz')).toEqual([]);
  });

  it('GIVEN a question THEN its common words get related terms, by their lemma too ("led" as "lead"), never the words it writes', () => {
    const related = analyseQuestion('Who led the US delegation at the start?').related;
    expect(related.get('led')).toEqual(expect.arrayContaining(['lead', 'head']));
    expect(related.get('start')).toContain('begin');
    expect(related.has('usa')).toBe(false);
    expect([...related.values()].flat()).not.toContain('deleg');
  });
});

describe('dates', () => {
  it('GIVEN "mid-April" THEN it is a date', () => {
    const entities = tagSentence('Construction is scheduled to begin in mid-April and should take eight months.').entities;
    expect(entities).toContainEqual(expect.objectContaining({ type: 'date', text: 'mid-april' }));
  });
});
