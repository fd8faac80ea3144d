/** A paragraph as a search backend indexes it: its numeric id and its text. */
export interface IndexedText {
  id: number;
  text: string;
  /** The text's search terms (`searchTerms(text)`), when the caller has them already; backends may ignore them. */
  terms?: string[];
  /** The same terms counted: each distinct term, in order of first occurrence, and how often it occurs (a build has them so); backends may ignore them. */
  counted?: { terms: readonly string[]; counts: readonly number[] };
}

/** A search hit: a paragraph id and its BM25 score (comparable only within one query). */
export interface ParagraphHit {
  id: number;
  score: number;
}

/**
 * A search index in this process beside the corpus store (the postings index is the
 * default; minisearch is kept as its reference). It only ranks: the paragraphs' text,
 * sentences and tags stay in the store, which `storeSource.ts` serves to the answer stage.
 * A corpus held on a cluster is served by `sphinx/clusterCorpus.ts` instead.
 */
export interface SearchBackend {
  /** Short name for logs and benchmark tables. */
  readonly name: string;
  /** Indexes paragraphs (ids are unique across the corpus). */
  add(paragraphs: IndexedText[]): Promise<void>;
  /** Removes paragraphs by id. */
  remove(ids: number[]): Promise<void>;
  /** The `limit` best paragraphs for already-analysed query terms (OR-ed), best first. */
  search(terms: string[], limit: number): Promise<ParagraphHit[]>;
  /** Releases connections or workers. */
  close(): Promise<void>;
}
