import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { silentLogger } from '../../src/logger.js';
import { buildArticle } from '../../src/ingest/article.js';
import { buildCorpus } from '../../src/search/buildIndex.js';
import { encodeAnalysis, type EncodedAnalysis } from '../../src/search/encodedAnalysis.js';
import { analyseInParallel } from '../../src/search/parallelAnalysis.js';
import { PostingsIndex } from '../../src/search/postings/postingsIndex.js';
import { searchTerms } from '../../src/text/tokens.js';
import { SEEDS } from '../helpers.js';

describe('a build on a pool of threads', () => {
  it('GIVEN paragraphs in batches spread over three worker threads THEN the analyses are those of one thread, in order', async () => {
    const texts = (await readCorpus(SEEDS, silentLogger)).flatMap((entry) => buildArticle(entry.source).paragraphs);
    const analyses: EncodedAnalysis[] = [];
    for await (const analysis of analyseInParallel(texts, texts.length, 3)) analyses.push(analysis);
    expect(analyses).toEqual(texts.map(encodeAnalysis));
  });

  it('GIVEN the seeds THEN a build on two worker threads makes the same store and index as a build on this thread alone, and reports progress up to the end', async () => {
    const entries = await readCorpus(SEEDS, silentLogger);
    const sequential = await buildCorpus(entries, silentLogger, undefined, PostingsIndex.create(), 1);
    const reported: number[] = [];
    const parallel = await buildCorpus(entries, silentLogger, (done) => reported.push(done), PostingsIndex.create(), 2);
    expect(JSON.stringify(parallel.store)).toBe(JSON.stringify(sequential.store));
    expect(parallel.index.serialize().equals(sequential.index.serialize())).toBe(true);
    expect(await parallel.index.search(searchTerms('migration talks Havana'), 8)).toEqual(await sequential.index.search(searchTerms('migration talks Havana'), 8));
    expect(reported.at(-1)).toBe(entries.length);
  });
});
