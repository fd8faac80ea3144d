import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { silentLogger } from '../../src/logger.js';
import { scoreBm25Plus } from '../../src/search/bm25Plus.js';
import { buildCorpus } from '../../src/search/buildIndex.js';
import { storeStatistics } from '../../src/search/storeSource.js';
import { searchTerms } from '../../src/text/tokens.js';
import { SEEDS, temporaryFolder } from '../helpers.js';

const corpus = await buildCorpus(await readCorpus(SEEDS, silentLogger), silentLogger);
const everyParagraph = Object.values(corpus.store.paragraphs).map(({ id, text }) => ({ id, terms: searchTerms(text) }));

describe('BM25+ over given candidates', () => {
  it.each(['when did talks resume', 'Who is Josefina Vidal?', 'migration talks migration Cuba 2009', 'hurricane disaster responses counter-terrorism'])(
    'GIVEN every paragraph as a candidate THEN it ranks and scores "%s" exactly as the embedded index',
    async (question) => {
      const terms = searchTerms(question);
      const embedded = await corpus.index.search(terms, 1000);
      const recomputed = scoreBm25Plus(terms, everyParagraph, storeStatistics(corpus.store));
      expect(recomputed.map((hit) => hit.id)).toEqual(embedded.map((hit) => hit.id));
      recomputed.forEach((hit, position) => expect(hit.score).toBeCloseTo(embedded[position]?.score ?? NaN, 9));
    },
  );

  it('GIVEN candidates that match no query term THEN they are left out', () => {
    expect(scoreBm25Plus(['zebra'], everyParagraph.slice(0, 5), storeStatistics(corpus.store))).toEqual([]);
  });
});

describe('BM25+ statistics', () => {
  it('GIVEN a paragraph with a word named like an object property ("constructor") THEN every score is a number', async () => {
    const folder = await temporaryFolder();
    try {
      await writeFile(path.join(folder.dir, 'a.txt'), 'Builders\n\nThe constructor of the bridge said the toString method of building was slow, and valueOf the work was high.\n');
      const small = await buildCorpus(await readCorpus(folder.dir, silentLogger), silentLogger);
      const candidates = Object.values(small.store.paragraphs).map(({ id, text }) => ({ id, terms: searchTerms(text) }));
      const hits = scoreBm25Plus(searchTerms('constructor bridge'), candidates, storeStatistics(small.store));
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) expect(Number.isFinite(hit.score)).toBe(true);
    } finally {
      await folder.cleanup();
    }
  });
});
