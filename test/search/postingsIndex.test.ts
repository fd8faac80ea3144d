import { existsSync, openSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { SQUAD_DIR } from '../../scripts/squadData.js';
import { analyseQuestion } from '../../src/answer/question.js';
import { buildArticle } from '../../src/ingest/article.js';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { silentLogger } from '../../src/logger.js';
import { ParagraphIndex, INDEX_OPTIONS } from '../../src/search/paragraphIndex.js';
import { PostingsIndex } from '../../src/search/postings/postingsIndex.js';
import type { IndexedText } from '../../src/search/searchBackend.js';
import { searchTerms } from '../../src/text/tokens.js';
import { DamagedDataError } from '../../src/search/checksum.js';
import { SEEDS, temporaryFolder } from '../helpers.js';

/** The answer stage's pool size, and the bench's. */
const LIMITS = [8, 10];

async function paragraphsOf(corpus: string): Promise<IndexedText[]> {
  const paragraphs: IndexedText[] = [];
  for (const entry of await readCorpus(corpus, silentLogger)) {
    for (const text of buildArticle(entry.source).paragraphs) paragraphs.push({ id: paragraphs.length + 1, text });
  }
  return paragraphs;
}

async function questionsOf(file: string, field: 'q' | 'question'): Promise<string[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as Record<string, string>)[field] ?? '');
}

/** Both backends over the same paragraphs; every question's top hits must be equal, ids and scores. */
async function expectSameRanking(paragraphs: IndexedText[], questions: string[]): Promise<void> {
  const minisearch = ParagraphIndex.create();
  const postings = PostingsIndex.create();
  await minisearch.add(paragraphs);
  await postings.add(paragraphs);
  let compared = 0;
  for (const question of questions) {
    const terms = analyseQuestion(question).terms;
    for (const limit of LIMITS) {
      const expected = await minisearch.search(terms, limit);
      const actual = await postings.search(terms, limit);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) expect({ question, limit, actual }).toEqual({ question, limit, actual: expected });
      compared++;
    }
  }
  expect(compared).toBe(questions.length * LIMITS.length);
}

describe('the postings index', () => {
  it('GIVEN the seeds THEN every seed question gets exactly minisearch’s top hits (ids, order and scores)', async () => {
    const questions = [
      ...(await questionsOf(path.resolve('test/eval/seed-questions-own.jsonl'), 'q')),
      ...(await questionsOf(path.resolve('test/eval/seed-questions-train.jsonl'), 'q')),
    ];
    expect(questions.length).toBeGreaterThan(20);
    await expectSameRanking(await paragraphsOf(SEEDS), questions);
  });

  it.skipIf(!existsSync(path.join(SQUAD_DIR, 'corpus.jsonl')))(
    'GIVEN the SQuAD dev corpus THEN all its questions get exactly minisearch’s top hits',
    async () => {
      const questions = await questionsOf(path.join(SQUAD_DIR, 'questions.jsonl'), 'question');
      await expectSameRanking(await paragraphsOf(path.join(SQUAD_DIR, 'corpus.jsonl')), questions);
    },
    120_000,
  );

  it('GIVEN random paragraphs added and removed THEN it ranks as a vacuumed minisearch index does', async () => {
    const words = ['ferri', 'havana', 'talk', 'migrat', 'cuba', 'key', 'west', 'port', 'july', '2009', 'minist', 'boat'];
    const text = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 12 }).map((terms) => terms.join(' '));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 15 }), fc.array(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 10 }), async (texts, removals, queries) => {
        const paragraphs = texts.map((body, index) => ({ id: index + 1, text: body }));
        const removed = [...new Set(removals.map((pick) => (pick % paragraphs.length) + 1))];
        const reference = new MiniSearch<IndexedText>({ ...INDEX_OPTIONS, autoVacuum: false });
        const postings = PostingsIndex.create();
        reference.addAll(paragraphs);
        await postings.add(paragraphs);
        await postings.search(['havana'], 1); // lays the postings out, so the removals hit laid-out postings
        reference.discardAll(removed);
        await reference.vacuum();
        await postings.remove(removed);
        for (const query of queries) {
          const expected = reference.search(query.join(' ')).slice(0, 3).map((hit) => ({ id: hit.id as number, score: hit.score }));
          expect(await postings.search(query, 3)).toEqual(expected);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('GIVEN an index saved and restored THEN it ranks as the original, and still takes additions and removals', async () => {
    const paragraphs = await paragraphsOf(SEEDS);
    const original = PostingsIndex.create();
    await original.add(paragraphs);
    await original.remove([3, 5]);
    const restored = PostingsIndex.deserialize(original.serialize());
    for (const question of ['When did the ferry to Havana start?', 'Who suspended the migration talks?', 'weekly operator']) {
      const terms = analyseQuestion(question).terms;
      expect(await restored.search(terms, 8)).toEqual(await original.search(terms, 8));
    }
    const id = paragraphs.length + 1;
    await restored.add([{ id, text: 'Cienfuegos will host the next round.' }]);
    expect((await restored.search(searchTerms('Cienfuegos'), 10)).map((hit) => hit.id)).toEqual([id]);
    await restored.remove([id]);
    expect(await restored.search(searchTerms('Cienfuegos'), 10)).toEqual([]);
  });

  it('GIVEN an index opened from its file (postings read per term when first searched) THEN it ranks as the original, saves the same bytes, and a term damaged after opening is never used', async () => {
    const folder = await temporaryFolder();
    try {
      const paragraphs = await paragraphsOf(SEEDS);
      const original = PostingsIndex.create();
      await original.add(paragraphs);
      const bytes = original.serialize();
      const file = path.join(folder.dir, 'index.postings');
      await writeFile(file, bytes);
      const questions = ['When did the ferry to Havana start?', 'Who suspended the migration talks?', 'weekly operator'];
      const opened = PostingsIndex.open(openSync(file, 'r'), bytes.length, 'index.postings');
      for (const question of questions) {
        const terms = analyseQuestion(question).terms;
        expect(await opened.search(terms, 8)).toEqual(await original.search(terms, 8));
      }
      expect(PostingsIndex.open(openSync(file, 'r'), bytes.length, 'index.postings').serialize().equals(bytes)).toBe(true);

      // The second half of the file (every term's frequencies) flipped on disk after opening: a term already read keeps its checked postings, a new one is refused.
      const damaged = PostingsIndex.open(openSync(file, 'r'), bytes.length, 'index.postings');
      const havana = searchTerms('Havana');
      const before = await damaged.search(havana, 8);
      const flipped = Buffer.from(bytes);
      for (let at = bytes.length / 2; at < bytes.length; at++) flipped[at] = flipped[at]! ^ 0xff;
      await writeFile(file, flipped);
      expect(await damaged.search(havana, 8)).toEqual(before);
      await expect(damaged.search(searchTerms('migration talks suspended'), 8)).rejects.toThrow(DamagedDataError);
      await expect(damaged.search(searchTerms('migration talks suspended'), 8)).rejects.toThrow(/the postings of term \d+ in index\.postings do not match their checksum \(damaged\)/);
    } finally {
      await folder.cleanup();
    }
  });

  it('refuses bytes that are not a saved index, or are cut short', () => {
    expect(() => PostingsIndex.deserialize(Buffer.from('not an index'))).toThrow();
    const saved = PostingsIndex.create();
    void saved.add([{ id: 1, text: 'Havana ferry talks' }]);
    const bytes = saved.serialize();
    expect(() => PostingsIndex.deserialize(bytes.subarray(0, bytes.length - 4))).toThrow(/truncated/);
  });
});
