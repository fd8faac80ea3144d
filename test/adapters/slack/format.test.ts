import { describe, expect, it } from 'vitest';
import type { Answer, AnswerResult } from '../../../src/index.js';
import { decodeButtonValue } from '../../../adapters/slack/actions.js';
import { formatAlternatives, formatAnswerMessage, formatNoAnswer } from '../../../adapters/slack/format.js';
import { escapeSlackText, looksLikeQuestion, questionFromSlackText, truncateSlackText } from '../../../adapters/slack/sanitize.js';

function answer(text: string, title: string | null = 'A <b>bold</b> & "quoted" title'): Answer {
  return {
    text,
    confidence: 0.87,
    score: 12,
    span: { start: 0, end: text.length },
    highlight: null,
    source: {
      articleId: 'a1',
      title,
      publisher: 'The Paper',
      date: '2009-07-15',
      byline: null,
      file: 'seeds/a1.txt',
      url: null,
      paragraphId: 'a1#3',
      paragraphIndex: 3,
    },
  };
}

function allTexts(blocks: unknown): string[] {
  const out: string[] = [];
  JSON.stringify(blocks, (key, value: unknown) => {
    if (key === 'text' && typeof value === 'string') out.push(value);
    return value;
  });
  return out;
}

describe('questionFromSlackText', () => {
  it('GIVEN Slack markup THEN the plain question remains: the bot mention and broadcasts gone, labels kept, escapes undone', () => {
    const text = '<@UBOT> <!channel> <!here> <!subteam^S1|@desk> did <@U2|maria> see <#C1|newsdesk> &amp; <https://x.org/a|the story> &lt;today&gt;?';
    expect(questionFromSlackText(text, 'UBOT')).toBe('did @maria see #newsdesk & the story <today>?');
  });

  it('GIVEN links, mailto and dates THEN their readable text is kept', () => {
    expect(questionFromSlackText('what about <https://x.org/a> and <mailto:a@b.c|a@b.c> on <!date^1392734382^{date}|Feb 18>?')).toBe(
      'what about https://x.org/a and a@b.c on Feb 18?',
    );
  });
});

describe('escaping and cutting', () => {
  it('GIVEN & < > THEN they are escaped so nothing becomes a live mention', () => {
    expect(escapeSlackText('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });

  it('GIVEN a cut that would fall inside an entity THEN the entity is dropped whole and the text ends with …', () => {
    const cut = truncateSlackText('abc &amp; def', 7);
    expect(cut).toBe('abc…');
    expect(cut.length).toBeLessThanOrEqual(7);
  });

  it('GIVEN plain chatter or questions THEN only questions look like questions', () => {
    expect(looksLikeQuestion('who met in Havana')).toBe(true);
    expect(looksLikeQuestion('talks resumed?')).toBe(true);
    expect(looksLikeQuestion('lunch is at noon')).toBe(false);
  });
});

describe('formatAnswerMessage', () => {
  it('GIVEN an answer THEN the blocks hold the question, the quoted sentence, the source line and the confidence, all escaped', () => {
    const result: AnswerResult = { question: 'Is <!everyone> & co here?', answer: answer('Talks resumed in 2009 <again>.'), alternatives: [] };
    const message = formatAnswerMessage(result, { shareable: true });
    const texts = allTexts(message.blocks).join('\n');
    expect(texts).toContain('*Question:* Is &lt;!everyone&gt; &amp; co here?');
    expect(texts).toContain('>Talks resumed in 2009 &lt;again&gt;.');
    expect(texts).toContain('Source: *A &lt;b&gt;bold&lt;/b&gt; &amp; "quoted" title* · The Paper · 2009-07-15 · `seeds/a1.txt`');
    expect(texts).toContain('Confidence: 87%');
    expect(message.text).not.toContain('<!everyone>');
    const share = JSON.stringify(message.blocks).includes('archivist_share');
    expect(share).toBe(true);
  });

  it('GIVEN a huge sentence and title THEN every text fits Slack (3,000 a section) and the buttons still carry the question', () => {
    const result: AnswerResult = { question: 'q?', answer: answer('word & '.repeat(2000), 'T'.repeat(5000)), alternatives: [answer('other')] };
    const message = formatAnswerMessage(result);
    for (const text of allTexts(message.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    expect(message.text.length).toBeLessThanOrEqual(3000);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const more = JSON.stringify(message.blocks).match(/"value":"((?:[^"\\]|\\.)*)"/);
    expect(decodeButtonValue(JSON.parse(`"${more?.[1] ?? ''}"`) as string)).toEqual({ q: 'q?' });
  });

  it('GIVEN 40 alternatives THEN the list stops at 50 blocks', () => {
    const many: AnswerResult = { question: 'q?', answer: answer('best'), alternatives: Array.from({ length: 40 }, (_, i) => answer(`alt ${i}`)) };
    const message = formatAlternatives(many);
    expect(message.blocks).toHaveLength(50);
    expect(allTexts(message.blocks).at(-1)).toBe('(more not shown)');
  });

  it('GIVEN a question too long to fit in a button THEN the buttons that need it are left out instead of breaking the message', () => {
    const question = '"'.repeat(1000);
    const message = formatAnswerMessage({ question, answer: answer('yes'), alternatives: [answer('no')] }, { shareable: true });
    expect(JSON.stringify(message.blocks)).not.toContain('archivist_');
  });
});

describe('formatNoAnswer', () => {
  it('GIVEN search is unavailable THEN the message says so, without the archive\'s coverage', () => {
    const result: AnswerResult = { question: 'who?', answer: null, alternatives: [], noAnswerCode: 'search-unavailable', noAnswerReason: 'Search is unavailable right now; try again in a minute.' };
    const message = formatNoAnswer(result, { sources: [{ key: 'a.txt', articleId: 'a', title: 'T', publisher: null, date: null, byline: null, file: null, url: null, paragraphs: 1 }] });
    expect(message.text).toBe('Search is unavailable right now; try again in a minute.');
    expect(allTexts(message.blocks).join(' ')).not.toContain('covers');
  });
});
