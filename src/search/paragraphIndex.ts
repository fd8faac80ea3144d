import MiniSearch, { type Options } from 'minisearch';
import { searchTerms } from '../text/tokens.js';
import { BM25_PARAMETERS } from './bm25.js';
import type { IndexedText, ParagraphHit, SearchBackend } from './searchBackend.js';

/** The minisearch options: our own analysis on both sides, BM25+ with the shared parameters, terms OR-ed. */
export const INDEX_OPTIONS: Options<IndexedText> = {
  fields: ['text'],
  storeFields: [],
  // Index side: our own analysis (words, stop words out, Porter stems), shared with questions.
  tokenize: (text, fieldName) => (fieldName === undefined ? text.split(' ') : searchTerms(text)),
  processTerm: (term) => term,
  searchOptions: { bm25: BM25_PARAMETERS, combineWith: 'OR' },
};

/**
 * BM25 search over paragraphs with minisearch, in process. No longer the default (that is
 * `PostingsIndex`, which ranks identically); kept as the reference the postings index is
 * tested against and the benchmark compares with.
 */
export class ParagraphIndex implements SearchBackend {
  readonly name = 'minisearch';

  private constructor(private readonly engine: MiniSearch<IndexedText>) {}

  /** An empty index. */
  static create(): ParagraphIndex {
    return new ParagraphIndex(new MiniSearch(INDEX_OPTIONS));
  }

  /** Adds paragraphs. */
  async add(paragraphs: IndexedText[]): Promise<void> {
    this.engine.addAll(paragraphs);
  }

  /** Removes paragraphs by id (lazily, as minisearch does). */
  async remove(ids: number[]): Promise<void> {
    this.engine.discardAll(ids);
  }

  /**
   * The `limit` best paragraphs for already-analysed query terms, best first.
   * Terms are OR-ed; minisearch multiplies each BM25 score by the number of terms matched.
   */
  async search(terms: string[], limit: number): Promise<ParagraphHit[]> {
    if (terms.length === 0) return [];
    return this.engine
      .search(terms.join(' '))
      .slice(0, limit)
      .map((result) => ({ id: result.id as number, score: result.score }));
  }

  /** Nothing to release: the index lives in memory. */
  async close(): Promise<void> {}
}
