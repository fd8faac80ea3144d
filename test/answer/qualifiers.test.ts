import { describe, expect, it } from 'vitest';
import { qualifierEvidence } from '../../src/answer/qualifiers.js';
import { questionQualifiers } from '../../src/answer/questionQualifiers.js';
import { analyseSentence } from '../../src/search/corpusStore.js';

const sentence = (text: string) => analyseSentence(text, { start: 0, end: text.length });
const evidence = (question: string, text: string, previous = '', articleYear?: string) =>
  qualifierEvidence(sentence(text), { previous: previous === '' ? [] : sentence(previous).entities, articleYear }, questionQualifiers(question), /\bwho\b/i.test(question));

describe('qualifiers that must agree', () => {
  it('GIVEN "the US delegation" asked THEN a sentence about the Cuban delegation contradicts it, one about the US delegation does not', () => {
    const question = 'Who headed the US delegation?';
    expect(evidence(question, 'The head of the Cuban delegation, Deputy Foreign Minister Dagoberto Rodriguez, said the meeting had been fruitful.').qualifierConflict).toBe(1);
    expect(evidence(question, 'The US delegation was headed by Edward Alex Lee, an acting deputy assistant secretary of state.').qualifierConflict).toBe(0);
  });

  it('GIVEN a sentence that simply omits the qualifier THEN it counts as missing, not as a contradiction', () => {
    const omitted = evidence('Who headed the US delegation?', 'Headed by Edward Alex Lee, the delegation arrived on Tuesday.');
    expect(omitted.qualifierConflict).toBe(0);
    expect(omitted.qualifierMissing).toBe(1);
    expect(evidence('Who headed the US delegation?', 'Headed by Edward Alex Lee, the delegation arrived on Tuesday.', 'A U.S. State Department delegation will hold talks.').qualifierMissing).toBe(0);
  });

  it('GIVEN a year or a place asked THEN another year or place in the sentence contradicts it; a year that is a condition does not count', () => {
    expect(evidence('Where did the two sides meet in 2009?', 'The latest round of migration talks, the fourth, took place in January 2011 in Havana.').qualifierConflict).toBe(1);
    expect(evidence('Where was the 2009 round held?', 'The round of migration talks was held in Havana in 2011.').qualifierConflict).toBe(1);
    expect(evidence('Were any agreements reached at the New York talks?', 'The talks in Washington ended without agreements.').qualifierConflict).toBe(1);
    expect(evidence('Who spoke for Cuba at the Washington round of talks?', 'The latest round of migration talks, the fourth, took place in January 2011 in Havana.').qualifierConflict).toBe(1);
    expect(evidence('When were the migration talks last held before 2009?', 'The talks were halted in 2003 after Havana refused to give exit permits.').qualifierConflict).toBe(0);
    expect(evidence('Where did the two sides meet in 2009?', 'The meeting in New York came amid signs of change.', '', '2009').qualifierMissing).toBe(0);
  });

  it('GIVEN a question naming two countries THEN a role for one of them is no full contradiction', () => {
    const question = 'Who was US secretary of state when Cuba accepted the offer?';
    expect(evidence(question, 'The word came as US Secretary of State Hillary Clinton began a three-day trip to Latin America.').qualifierConflict).toBeLessThan(1);
    expect(evidence('Who headed the US delegation?', 'The head of the Cuban delegation, Deputy Foreign Minister Dagoberto Rodriguez, spoke.').qualifierConflict).toBe(1);
  });

  it('GIVEN a year asked and a sentence that writes none THEN a report dated another year contradicts it, one of that year does not', () => {
    const question = 'Where did the two sides meet in 2009?';
    expect(evidence(question, 'The meeting took place at the State Department.', '', '2013').articleYearConflict).toBe(1);
    expect(evidence(question, 'The meeting took place at the State Department.', '', '2009').articleYearConflict).toBe(0);
    expect(evidence(question, 'The meeting took place at the State Department.', 'Talks resumed in July 2009.', '2013').articleYearConflict).toBe(0);
  });

  it('GIVEN a who-question THEN a sentence linking a person to the asked role for the asked country scores highest', () => {
    const question = 'Who led the Cuban delegation?';
    const linked = evidence(question, 'The head of the Cuban delegation, Deputy Foreign Minister Dagoberto Rodriguez, said the meeting had been fruitful.').roleMatch;
    const other = evidence(question, '"These talks matter," state department spokesman Ian Kelly said in a statement.').roleMatch;
    expect(linked).toBe(1);
    expect(other).toBeLessThan(linked);
  });
});
