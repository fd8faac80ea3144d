/** A paragraph as a search backend indexes it: its numeric id and its text. */
export interface IndexedText {
  id: number;
  text: string;
  /** Key of the paragraph's article: a sharded backend keeps an article's paragraphs together by it. */
  articleKey?: string;
  /** The text's search terms (`searchTerms(text)`), when the caller has them already; backends may ignore them. */
  terms?: string[];
}

/** A search hit: a paragraph id and its BM25 score (comparable only within one query). */
export interface ParagraphHit {
  id: number;
  score: number;
}

/**
 * Where the answer stage gets its ranked paragraphs from. A backend only ranks: the
 * paragraphs' text, sentences and tags stay in the corpus store, so an answer needs no
 * further round trip once the hits are known. The postings index in process is the default.
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
