import MiniSearch, { type Options } from 'minisearch';
import { searchTerms } from '../text/tokens.js';
import { loadEngineState, saveEngineState } from './minisearchState.js';
import type { IndexedText, ParagraphHit, SearchBackend } from './searchBackend.js';

/** BM25 parameters of the paragraph index (minisearch's BM25+). */
export const BM25_PARAMETERS = { k: 1.2, b: 0.75, d: 0.5 } as const;

/** The minisearch options; saved in the manifest so that a change of options forces a rebuild. */
export const INDEX_OPTIONS: Options<IndexedText> = {
  fields: ['text'],
  storeFields: [],
  // Index side: our own analysis (words, stop words out, Porter stems), shared with questions.
  tokenize: (text, fieldName) => (fieldName === undefined ? text.split(' ') : searchTerms(text)),
  processTerm: (term) => term,
  searchOptions: { bm25: BM25_PARAMETERS, combineWith: 'OR' },
};

/** Options in a form that can be written to the manifest and compared. */
export const INDEX_OPTIONS_SIGNATURE = {
  engine: 'minisearch',
  fields: ['text'],
  analysis: 'words-stopwords-porter-v2',
  bm25: BM25_PARAMETERS,
};

/** BM25 search over paragraphs, built on minisearch, in process: the default backend. */
export class ParagraphIndex implements SearchBackend {
  readonly name = 'minisearch';

  private constructor(private readonly engine: MiniSearch<IndexedText>) {}

  /** An empty index. */
  static create(): ParagraphIndex {
    return new ParagraphIndex(new MiniSearch(INDEX_OPTIONS));
  }

  /** An index restored from `serialize()` output. */
  static deserialize(buffer: Buffer): ParagraphIndex {
    return new ParagraphIndex(loadEngineState(buffer, INDEX_OPTIONS));
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

  /** The serialised index (for the minisearch version installed: see `minisearchState.ts`). */
  serialize(): Buffer {
    return saveEngineState(this.engine);
  }
}
