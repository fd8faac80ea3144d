import { describe, expect, it } from 'vitest';
import { openArchivist } from '../../src/index.js';
import { compareSources } from '../../src/answer/agreement.js';
import { formatAnswerText } from '../../adapters/cli/formatAnswer.js';
import { formatAnswer as formatDiscordAnswer } from '../../adapters/discord/format.js';
import { formatAnswerMessage as formatSlackAnswer } from '../../adapters/slack/format.js';
import type { Answer } from '../../src/index.js';
import { SEEDS } from '../helpers.js';

const archivist = await openArchivist({ corpus: SEEDS, indexDir: null });

describe('sources that disagree', () => {
  it('GIVEN articles giving different dates for the suspension THEN the answer shows both values with their sources', async () => {
    const result = await archivist.ask('When did the Bush administration suspend the talks?');
    const shown = [
      { value: result.agreement?.value, publisher: result.answer?.source.publisher },
      ...(result.agreement?.differing ?? []).map(({ value, answer }) => ({ value, publisher: answer.source.publisher })),
    ];
    // Which article answers first is the ranking's call; both values are shown, each with its source.
    expect(shown).toHaveLength(2);
    expect(shown).toEqual(expect.arrayContaining([{ value: 'January 2004', publisher: 'The Independent' }, { value: '2003', publisher: 'Miami Herald' }]));
    const [first, second] = shown;
    expect(result.answer?.text).toContain(first?.value);
    expect(formatAnswerText(result)).toContain(`Sources differ: ${first?.value} (${first?.publisher}) vs ${second?.value} (${second?.publisher})`);
    expect(JSON.stringify(formatSlackAnswer(result).blocks)).toContain(`Sources differ: *${first?.value}* (${first?.publisher}) vs *${second?.value}* (${second?.publisher})`);
    expect(formatDiscordAnswer(result).embeds[0]?.fields).toContainEqual({ name: 'Sources differ', value: `${first?.value} (${first?.publisher}) vs ${second?.value} (${second?.publisher})` });
  });

  it('GIVEN two articles giving the same number THEN the answer says two sources back it', async () => {
    const result = await archivist.ask('How many visas a year does the US grant to Cubans?');
    expect(result.answer?.text).toContain('20,000');
    expect(result.agreement?.differing).toEqual([]);
    expect(result.agreement?.agreeing).toHaveLength(1);
    expect(formatAnswerText(result)).toContain('Backed by 2 sources');
  });

  it('GIVEN a question that is not about a date or number THEN no agreement is claimed', async () => {
    const result = await archivist.ask('Who is Josefina Vidal?');
    expect(result.answer).not.toBeNull();
    expect(result.agreement).toBeUndefined();
  });
});

describe('comparing values across articles', () => {
  const answer = (articleId: string): Answer => ({
    text: '',
    confidence: 1,
    score: 1,
    span: { start: 0, end: 0 },
    highlight: null,
    source: { articleId, title: null, publisher: null, date: null, byline: null, file: null, url: null, paragraphId: `${articleId}#0`, paragraphIndex: 0 },
  });

  it('GIVEN "July 2009" and "2009" THEN they agree; "26,720" and "26720" agree; "2003" and "January 2004" differ', () => {
    expect(compareSources({ answer: answer('a'), value: 'July 2009' }, [{ answer: answer('b'), value: '2009' }])).toMatchObject({ agreeing: [answer('b')], differing: [] });
    expect(compareSources({ answer: answer('a'), value: '26,720' }, [{ answer: answer('b'), value: '26720' }])).toMatchObject({ agreeing: [answer('b')] });
    expect(compareSources({ answer: answer('a'), value: '2003' }, [{ answer: answer('b'), value: 'January 2004' }])?.differing).toHaveLength(1);
  });

  it('GIVEN answers from the same article or with values that share nothing THEN nothing is reported', () => {
    expect(compareSources({ answer: answer('a'), value: '2003' }, [{ answer: answer('a'), value: '2004' }])).toBeUndefined();
    expect(compareSources({ answer: answer('a'), value: '2003' }, [{ answer: answer('b'), value: 'Thursday' }])).toBeUndefined();
  });
});
