/**
 * Formatting within Discord's limits, and the cooldown clock. Pure functions: no client.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../../adapters/discord/cooldown.js';
import { questionFromDiscordText } from '../../../adapters/discord/question.js';
import {
  DISCORD_LIMITS,
  formatAlternatives,
  formatAnswer,
  formatSourcesPage,
  noAnswerText,
  truncate,
} from '../../../adapters/discord/format.js';
import type { Answer, AnswerResult, ArticleSummary } from '../../../src/index.js';

function answer(text: string, title = 'A title'): Answer {
  return {
    text,
    confidence: 0.8,
    score: 1,
    span: { start: 0, end: text.length },
    highlight: null,
    source: {
      articleId: 'a',
      title,
      publisher: 'Publisher',
      date: '2015-01-10',
      byline: null,
      file: 'seeds/a.txt',
      url: null,
      paragraphId: 'a#0',
      paragraphIndex: 0,
    },
  };
}

function article(index: number): ArticleSummary {
  return {
    key: `a${index}.txt`,
    articleId: `a${index}`,
    title: `Article number ${index} ${'with a long title '.repeat(10)}`,
    publisher: 'Publisher',
    date: null,
    byline: null,
    file: `seeds/a${index}.txt`,
    url: null,
    paragraphs: index,
  };
}

describe('truncate', () => {
  it('GIVEN any text and limit THEN the result fits, keeps short texts whole, and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 2, max: 200 }), (text, max) => {
        const cut = truncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        if (text.length <= max) expect(cut).toBe(text);
        else expect(cut.endsWith('…')).toBe(true);
        expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      }),
    );
  });

  it('GIVEN words THEN it cuts at a word boundary', () => {
    expect(truncate('the quick brown fox jumps', 18)).toBe('the quick brown…');
  });
});

describe('formatAnswer', () => {
  it('GIVEN search is unavailable THEN the reply says so, not "I don\'t know"', () => {
    const result: AnswerResult = { question: 'q', answer: null, alternatives: [], noAnswerCode: 'search-unavailable', noAnswerReason: 'Search is unavailable right now; try again in a minute.' };
    expect(noAnswerText(result)).toBe('Search is unavailable right now; try again in a minute.');
  });

  it('GIVEN a huge sentence and question THEN the embed stays within Discord limits', () => {
    const result: AnswerResult = {
      question: 'q'.repeat(900),
      answer: answer('word '.repeat(2000), 'T'.repeat(2000)),
      alternatives: [],
    };
    const [embed] = formatAnswer(result).embeds;
    expect(embed!.title!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(embed!.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    for (const field of embed!.fields!) expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
  });

  it('GIVEN no alternatives THEN there is no "More answers" button, only the votes', () => {
    const body = formatAnswer({ question: 'q?', answer: answer('A.'), alternatives: [] });
    const ids = body.components[0]!.toJSON().components.map((button) => ('custom_id' in button ? button.custom_id : ''));
    expect(ids).toEqual(['ask:vote:up', 'ask:vote:down']);
  });

  it('GIVEN two alternatives THEN the "More answers" button says how many there are, as Slack and the REPL do', () => {
    const body = formatAnswer({ question: 'q?', answer: answer('A.'), alternatives: [answer('B.'), answer('C.')] });
    const labels = body.components[0]!.toJSON().components.map((button) => ('label' in button ? button.label : ''));
    expect(labels[0]).toBe('More answers (2)');
  });
});

describe('formatAlternatives', () => {
  it('GIVEN many long alternatives THEN every one is listed within one description', () => {
    const alternatives = Array.from({ length: 9 }, (_, i) => answer(`Alternative ${i} ${'lorem ipsum '.repeat(200)}`));
    const description = formatAlternatives({ answer: answer('A.'), alternatives }).embeds[0]!.description!;
    expect(description.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    for (let i = 0; i < 9; i += 1) expect(description).toContain(`Alternative ${i}`);
  });
});

describe('formatSourcesPage', () => {
  const sources = Array.from({ length: 25 }, (_, i) => article(i + 1));

  it('GIVEN 25 articles THEN three pages of at most ten, with previous/next buttons', () => {
    const first = formatSourcesPage(sources, 0);
    expect(first.embeds[0]!.footer!.text).toBe('Page 1 of 3');
    expect(first.embeds[0]!.description!.split('\n')).toHaveLength(10);
    expect(first.embeds[0]!.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    const [previous, next] = first.components[0]!.toJSON().components;
    expect(previous).toMatchObject({ custom_id: 'sources:page:0:prev', disabled: true });
    expect(next).toMatchObject({ custom_id: 'sources:page:1:next', disabled: false });

    const last = formatSourcesPage(sources, 7); // out of range: clamped
    expect(last.embeds[0]!.footer!.text).toBe('Page 3 of 3');
    expect(last.embeds[0]!.description!.split('\n')).toHaveLength(5);
    expect(last.components[0]!.toJSON().components[1]).toMatchObject({ disabled: true });
  });
});

describe('Cooldown', () => {
  it('GIVEN 5 seconds THEN a second use waits, other people do not, and it expires', () => {
    let now = 0;
    const cooldown = new Cooldown(5, () => now);
    expect(cooldown.take('ann')).toBe(0);
    now = 1200;
    expect(cooldown.take('ann')).toBe(4);
    expect(cooldown.take('bob')).toBe(0);
    now = 5000;
    expect(cooldown.take('ann')).toBe(0);
  });

  it('GIVEN 0 seconds THEN nobody ever waits', () => {
    const cooldown = new Cooldown(0);
    expect(cooldown.take('ann')).toBe(0);
    expect(cooldown.take('ann')).toBe(0);
  });
});

describe('questionFromDiscordText', () => {
  it('GIVEN broadcast, user, role and channel mentions THEN the plain question remains', () => {
    expect(questionFromDiscordText('@everyone @here <@123> <@!456> <@&789> <#42> Who is Marie Harf?')).toBe('Who is Marie Harf?');
  });

  it('GIVEN an e-mail address or a word ending in "here" THEN it stays', () => {
    expect(questionFromDiscordText('Did press@state.gov write to anyone out there?')).toBe('Did press@state.gov write to anyone out there?');
  });

  it('GIVEN only mentions THEN nothing remains (the core then asks for a question)', () => {
    expect(questionFromDiscordText(' @everyone <@&1> ')).toBe('');
  });
});
