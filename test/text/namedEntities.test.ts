import { describe, expect, it } from 'vitest';
import { tagSentence } from '../../src/text/entities.js';
import { countryOf } from '../../src/text/countries.js';

const kinds = (sentence: string, type: string) => tagSentence(sentence).entities.filter((entity) => entity.type === type);

describe('entities from the part-of-speech tagger', () => {
  it('GIVEN names of people, places and organisations THEN each is read as its kind, with its offsets in the sentence', () => {
    const sentence = 'Cuba was represented at the talks by Josefina Vidal, director of the USA desk at the Cuban Foreign Ministry.';
    const [person] = kinds(sentence, 'name');
    expect(person?.text).toBe('josefina vidal');
    expect(sentence.slice(person?.start, person?.end)).toBe('Josefina Vidal');
    expect(kinds(sentence, 'org').map((entity) => [entity.text, entity.country])).toEqual([['cuban foreign ministry', 'CU']]);
    expect(kinds('The meeting in New York came amid signs of change.', 'place').map((entity) => entity.text)).toEqual(['new york']);
  });

  it('GIVEN a name before a lower-case organisation word ("the Obama administration") THEN the two name the organisation, not a person', () => {
    const sentence = 'The Obama administration decided to go on with the meeting.';
    expect(kinds(sentence, 'org').map((entity) => sentence.slice(entity.start, entity.end))).toEqual(['Obama administration']);
    expect(kinds(sentence, 'name')).toEqual([]);
    expect(kinds('A Cuban government decision allowed more people to leave.', 'org')).toEqual([]);
  });

  it('GIVEN "US", "U.S.", "American", "United States" and "Cuba", "Cuban", "Havana" THEN each names its one country', () => {
    for (const form of ['usa', 'u.s.', 'american', 'united states', 'united states of america']) expect(countryOf(form)?.code).toBe('US');
    for (const form of ['cuba', 'cuban', 'havana', 'republic of cuba']) expect(countryOf(form)?.code).toBe('CU');
    expect(countryOf('havana')?.capital).toBe(true);
    const nations = kinds('US and Cuban representatives have met for the first time in six years.', 'nation');
    expect(nations.map((entity) => [entity.country, entity.of])).toEqual([
      ['US', 'repres'],
      ['CU', 'repres'],
    ]);
  });

  it('GIVEN a capital after "in" THEN it is a place; as the subject THEN it also stands for its government', () => {
    expect(kinds('The latest round took place in January 2011 in Havana.', 'place').map((entity) => [entity.text, entity.country])).toEqual([['havana', 'CU']]);
    expect(kinds('The talks were halted in 2003 after Havana refused to give exit permits.', 'nation').map((entity) => entity.country)).toEqual(['CU']);
  });

  it('GIVEN role phrases THEN the person is linked to what they lead or speak for, and its country', () => {
    const head = tagSentence('The head of the Cuban delegation, Deputy Foreign Minister Dagoberto Rodriguez, said the meeting had been "fruitful".');
    expect(head.roles).toContainEqual({ person: 'dagoberto rodriguez', role: 'lead', country: 'CU' });
    const spokesman = tagSentence('"Engaging in these talks underscores our interest," state department spokesman Ian Kelly said in a statement.');
    expect(spokesman.roles).toContainEqual({ person: 'ian kelly', role: 'speak' });
    const represented = tagSentence('Cuba was represented at the talks by Josefina Vidal, director of the USA desk at the Cuban Foreign Ministry.');
    expect(represented.roles).toContainEqual({ person: 'josefina vidal', role: 'speak', country: 'CU' });
  });

  it('GIVEN a surname alone after the full name earlier in the paragraph THEN it is the same person', () => {
    const known = new Set<string>();
    tagSentence('The decision was defended by spokeswoman Marie Harf on Monday.', known);
    expect(kinds('Harf had already ruled out any change.', 'name')).toEqual([]);
    expect(tagSentence('Harf had already ruled out any change.', known).entities.filter((entity) => entity.type === 'name').map((entity) => entity.text)).toEqual(['harf']);
  });
});

describe('the event a date belongs to', () => {
  it('GIVEN dates in different clauses THEN each dates its own verb', () => {
    const events = (sentence: string) => Object.fromEntries(tagSentence(sentence).entities.filter((entity) => entity.type === 'date').map((entity) => [entity.text, entity.event]));
    expect(events('The United States and Cuba have agreed to resume direct talks on migration, last held in 2003, and open discussions.')['2003']).toBe('hold');
    const list = events('The Obama administration resumed them in July 2009 and they were held twice in 2010, in January 2011, and in July 2013.');
    expect(list['july 2009']).toBe('resum');
    expect(list['2010']).toBe('hold');
    expect(list['january 2011']).toBe('hold');
    expect(list['july 2013']).toBe('hold');
  });
});
