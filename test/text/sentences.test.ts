import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.js';
import { tagTokens, type TaggedToken } from '../../src/text/tagger.js';

const sentencesOf = (text: string) => splitSentences(text).map(({ start, end }) => text.slice(start, end));

describe('splitSentences', () => {
  it('keeps abbreviations, initials and dates inside their sentence', () => {
    expect(sentencesOf('The U.S. and Cuba met. Mr Kelly said so. Then Sept. 30 came, and George W Bush left.')).toEqual([
      'The U.S. and Cuba met.',
      'Mr Kelly said so.',
      'Then Sept. 30 came, and George W Bush left.',
    ]);
  });

  it('ends a sentence at a closing quote after the full stop', () => {
    expect(sentencesOf('"The two notes are a step forward," he said. "Our goal." Next one.')).toEqual([
      '"The two notes are a step forward," he said.',
      '"Our goal."',
      'Next one.',
    ]);
  });

  it('splits at an ellipsis followed by a capitalised word', () => {
    expect(sentencesOf('"Our goal has always been safe migration out of Cuba... It\'s in our interest."')).toEqual([
      '"Our goal has always been safe migration out of Cuba...',
      'It\'s in our interest."',
    ]);
  });

  it('GIVEN a text read after another that taught wink-nlp a word THEN it is tagged as when read first', () => {
    const gateways = 'The network used X.25/X.75 gateways.';
    // The questions' tagger, which has read nothing else here: "75" a proper noun of "X.75".
    const readFirst = tagTokens(gateways);
    splitSentences('It was approved by nearly 75% of voters.');
    const plain = ({ text, lower, lemma, pos, start, end }: TaggedToken) => ({ text, lower, lemma, pos, start, end });
    expect(splitSentences(gateways).map((sentence) => sentence.tokens.map(plain))).toEqual([readFirst]);
  });

  it('makes each bullet line its own sentence, without the bullet', () => {
    expect(sentencesOf('These included:\n  • gaining access to a port\n  • tracking the welfare of migrants')).toEqual([
      'These included:',
      'gaining access to a port',
      'tracking the welfare of migrants',
    ]);
  });

  it('returns ordered, non-overlapping, trimmed spans inside the text for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        let last = 0;
        for (const { start, end } of splitSentences(text)) {
          expect(start).toBeGreaterThanOrEqual(last);
          expect(end).toBeGreaterThan(start);
          expect(end).toBeLessThanOrEqual(text.length);
          expect(text.slice(start, end)).toBe(text.slice(start, end).trim());
          last = end;
        }
      }),
      { numRuns: 200 },
    );
  });
});
