import { describe, expect, it } from 'vitest';
import { tagSentence } from '../../src/text/entities.js';

describe('tagSentence', () => {
  it('GIVEN "ſ" or the Kelvin sign in a sentence THEN its patterns read them as s and k, as Unicode case folding does', () => {
    const entities = tagSentence('Talks stalled ſince 2003, for 5 wee\u212As.', new Set(), []).entities.map(({ type, text }) => ({ type, text }));
    expect(entities).toEqual(expect.arrayContaining([{ type: 'reason', text: 'ſince' }, { type: 'duration', text: '5 weeks' }]));
  });
});
