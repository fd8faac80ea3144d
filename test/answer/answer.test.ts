import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateFile } from '../../adapters/cli/evalCommand.js';
import { asPassage, MAX_QUESTION_LENGTH, openArchivist } from '../../src/index.js';
import { SEEDS, temporaryFolder } from '../helpers.js';

const archivist = await openArchivist({ corpus: SEEDS, indexDir: null });

describe('answering from the seeds', () => {
  it('GIVEN a "when" question THEN the answer sentence holds a date and names its source', async () => {
    const result = await archivist.ask('When did the OAS suspend Cuba?');
    expect(result.answer?.text).toMatch(/1962/);
    expect(result.answer?.source).toMatchObject({ title: 'US, Cuba agree to resume migration talks', publisher: 'The Independent' });
    expect(result.answer?.source.file).toMatch(/seeds\/000_0622fb72b17749b4\.txt$/);
  });

  it('GIVEN a "how many" question THEN the answer holds the number, and its span points into the paragraph', async () => {
    const result = await archivist.ask('How many Cuban migrants received U.S. visas in fiscal year 2012?');
    const answer = result.answer;
    expect(answer?.text).toContain('26,720');
    expect(answer?.span.end).toBe((answer?.span.start ?? 0) + (answer?.text.length ?? 0));
    expect(answer?.confidence).toBeGreaterThan(0);
    expect(answer?.confidence).toBeLessThanOrEqual(1);
  });

  it('GIVEN top 3 THEN alternatives come from other paragraphs, never more confident than the answer', async () => {
    const result = await archivist.ask('when did talks resume?', { top: 3 });
    expect(result.alternatives).toHaveLength(2);
    const paragraphs = [result.answer, ...result.alternatives].map((answer) => answer?.source.paragraphId);
    expect(new Set(paragraphs).size).toBe(3);
    for (const alternative of result.alternatives) expect(alternative.confidence).toBeLessThanOrEqual(result.answer?.confidence ?? 0);
  });

  it('GIVEN passages shown as suggestions THEN each carries the rest of its passage, verbatim from its paragraph and at most 400 characters; the answer and the alternatives carry none', async () => {
    const hedged = await archivist.ask('where was the North Korean ship going?');
    const sure = await archivist.ask('When did the Bush administration suspend the talks?');
    const widened = (hedged.suggestions ?? []).filter((answer) => answer.context);
    expect(widened.length).toBeGreaterThan(0);
    for (const answer of widened) {
      const passage = asPassage(answer);
      expect(passage.text.length).toBeLessThanOrEqual(400);
      expect(passage.text).toContain(answer.text);
      expect(passage.text.slice(passage.highlight?.start, passage.highlight?.end)).toBe(answer.text.slice(answer.highlight?.start, answer.highlight?.end));
      const article = archivist.sources().find((each) => each.articleId === answer.source.articleId);
      const paragraphs = (await readFile(path.join(SEEDS, '..', article?.file ?? ''), 'utf8')).replace(/\s+/g, ' ');
      expect(paragraphs).toContain(passage.text.replace(/\s+/g, ' '));
    }
    expect(sure.answer?.context).toBeUndefined();
    for (const answer of [...hedged.alternatives, ...sure.alternatives]) expect(answer.context).toBeUndefined();
  });

  it('GIVEN an off-topic question THEN no passage is suggested', async () => {
    const result = await archivist.ask('What is the weather in Havana today?');
    expect(result).toMatchObject({ answer: null, noAnswerCode: 'no-match' });
    expect(result.suggestions).toBeUndefined();
  });

  it('GIVEN an empty or blank question THEN a one-line usage hint and no answer', async () => {
    for (const question of ['', '   \t ', '\u200B\u200B']) {
      const result = await archivist.ask(question);
      expect(result).toMatchObject({ answer: null, noAnswerCode: 'empty-question' });
      expect(result.noAnswerReason).toMatch(/^Ask a question/);
    }
  });

  it('GIVEN a question over the length limit THEN a clear refusal', async () => {
    const result = await archivist.ask('why '.repeat(MAX_QUESTION_LENGTH));
    expect(result).toMatchObject({ answer: null, noAnswerCode: 'question-too-long' });
    expect(result.noAnswerReason).toContain(MAX_QUESTION_LENGTH.toLocaleString("en-US"));
  });

  it('GIVEN control and zero-width characters in a question THEN they are ignored', async () => {
    const result = await archivist.ask('Who is\u200B Marie\u0007 Harf?');
    expect(result.question).toBe('Who is Marie Harf?');
    expect(result.answer?.text).toContain('spokeswoman Marie Harf');
  });

  it.each(['What is the weather in Havana today?', 'zzzz', 'Who won the 1998 football world cup?', 'the of and'])(
    'GIVEN "%s", which the articles do not answer, THEN no answer with a reason',
    async (question) => {
      const result = await archivist.ask(question);
      expect(result.answer).toBeNull();
      expect(result.noAnswerReason).toBeTruthy();
    },
  );

  it.each(['What is the weather in Havana today?', 'Who won the 1998 football world cup?', 'What is the recipe for lemon cake?'])(
    'GIVEN "%s", on no subject of the articles, THEN nothing relevant: no suggestions',
    async (question) => {
      const result = await archivist.ask(question);
      expect(result).toMatchObject({ answer: null, noAnswerCode: 'no-match', noAnswerReason: 'Nothing in the archive answers that.' });
      expect(result.suggestions).toBeUndefined();
    },
  );

  it('GIVEN no confident answer THEN the closest passages are suggestions (best first, at most three), and the alternatives are the next ones', async () => {
    const sure = await archivist.ask('How many US visas are Cubans granted each year under the accord?', { top: 3, minConfidence: 0 });
    const hedged = await archivist.ask('How many US visas are Cubans granted each year under the accord?', { top: 3, minConfidence: 0.99 });
    expect(hedged).toMatchObject({ answer: null, noAnswerCode: 'low-confidence', noAnswerReason: 'Not sure — the closest passages:' });
    const suggestions = hedged.suggestions ?? [];
    expect(suggestions.length).toBeGreaterThanOrEqual(1);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(suggestions[0]).toEqual(sure.answer);
    expect(suggestions[0]?.text.slice(suggestions[0].highlight?.start, suggestions[0].highlight?.end)).toBe('20,000');
    const shown = new Set([...suggestions, ...hedged.alternatives].map((answer) => answer.source.paragraphId));
    expect(shown.size).toBe(suggestions.length + hedged.alternatives.length);
    expect(hedged.alternatives.length).toBeLessThanOrEqual(2);
  });
});

const SHARED_SEED_QUESTIONS = path.resolve(SEEDS, '..', '..', 'shared', 'eval', 'seed-questions.jsonl');

describe.skipIf(!existsSync(SHARED_SEED_QUESTIONS))('the shared seed questions (../shared/eval)', () => {
  it('GIVEN every question of seed-questions.jsonl THEN each answerable one is answered right and each other one declined', async () => {
    const report = await evaluateFile(archivist, SHARED_SEED_QUESTIONS);
    expect(report.failures).toEqual([]);
    expect(report.correct).toBe(report.answerable);
    expect(report.declined).toBe(report.unanswerable);
  });
});

describe('words that are also JavaScript property names', () => {
  it('GIVEN an article and a question with "constructor" THEN the word weighs like any other: the answer and confidence of "builder"', async () => {
    const answerWith = async (word: string) => {
      const { dir, cleanup } = await temporaryFolder();
      try {
        await writeFile(path.join(dir, 'bridge.txt'), `The ${word} of the Tyne bridge was Acme Works of Leeds.\n\nThe bridge opened to traffic in 1990 after four years of work.\n`);
        const small = await openArchivist({ corpus: dir, indexDir: null });
        return (await small.ask(`Who was the ${word} of the bridge?`)).answer;
      } finally {
        await cleanup();
      }
    };
    const constructor = await answerWith('constructor');
    expect(constructor?.text).toContain('Acme Works');
    expect(constructor?.confidence).toBe((await answerWith('builder'))?.confidence);
  });
});

describe('words of the same meaning (WordNet)', () => {
  it('GIVEN a page that says "begin" WHEN asked when something will "start" THEN the sentence that says so comes first', async () => {
    const folder = await temporaryFolder();
    await writeFile(
      path.join(folder.dir, 'harbor-road.txt'),
      [
        'Harbor Road to get new bike lanes and a roundabout',
        'The city council on Tuesday approved a $4.2 million redesign of Harbor Road, the busiest street in the port district.',
        'Residents have asked for safer crossings on Harbor Road since 2019, when a series of crashes injured six cyclists.',
        "Construction is scheduled to begin in mid-April and should take about eight months, the city's transport director said.",
      ].join('\n\n'),
    );
    const page = await openArchivist({ corpus: folder.dir, indexDir: null });
    const result = await page.ask('When will construction on Harbor Road start?', { minConfidence: 0 });
    expect(result.answer?.text).toMatch(/^Construction is scheduled to begin in mid-April/);
    await page.close();
    await folder.cleanup();
  });
});
