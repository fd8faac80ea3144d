/**
 * The seam between the answer stage and wherever the corpus lives: the embedded store in
 * this process, or a search cluster that holds the paragraphs itself. The answer stage
 * reads corpus-wide term statistics and, once per question, the paragraphs a search
 * returns with everything it reads around them (their articles, the paragraph after each,
 * the sentence before each). What a paragraph or an article holds is the store's own
 * records (`StoredParagraph`, `StoredArticle`), passed through whole.
 */
import type { StoredArticle } from './corpusStore.js';
import type { StoredParagraph, StoredSentence } from './storedParagraph.js';

/** Corpus-wide term statistics: what BM25 and the question's term weights read. */
export interface TermStatistics {
  /** Number of paragraphs. */
  readonly paragraphCount: number;
  /** Number of paragraphs a search term occurs in (0 for a term the corpus never uses). */
  documentFrequency(term: string): number;
  /** Mean number of distinct terms per paragraph. */
  averageLength(): number;
  /** The corpus's terms that begin with `prefix` (itself included), in JavaScript's string order. */
  termsStartingWith(prefix: string): Iterable<string>;
}

/** A paragraph a search found, and its score (comparable only within one question). */
export interface FoundParagraph {
  paragraph: StoredParagraph;
  score: number;
}

/** The sentence just before a paragraph: the last of the paragraph before it in its article, with its text. */
export interface SentenceBefore {
  text: string;
  sentence: StoredSentence;
}

/** A paragraph's last sentence with its text: the `SentenceBefore` of the paragraph after it (undefined when it has no sentence). */
export function lastSentenceOf(paragraph: StoredParagraph): SentenceBefore | undefined {
  const sentence = paragraph.sentences.at(-1);
  return sentence ? { text: paragraph.text.slice(sentence.start, sentence.end), sentence } : undefined;
}

/** What one question reads of the corpus, fetched with its search hits. */
export interface RetrievedParagraphs {
  /** The best paragraphs, best first. */
  readonly hits: readonly FoundParagraph[];
  /** The article of a paragraph returned here (a hit or the paragraph after one). */
  articleOf(paragraph: StoredParagraph): StoredArticle | undefined;
  /** The paragraph after a hit, in the hit's article. */
  nextOf(paragraph: StoredParagraph): StoredParagraph | undefined;
  /** The sentence before a paragraph returned here, when the paragraph is not its article's first. */
  sentenceBefore(paragraph: StoredParagraph): SentenceBefore | undefined;
}

/** Where the answer stage reads a corpus: its term statistics, and one retrieval per question. */
export interface ParagraphSource {
  readonly statistics: TermStatistics;
  /**
   * The `limit` best paragraphs for analysed query terms (OR-ed), best first, with what
   * answering reads around them.
   * @throws SearchUnavailableError when the search engine cannot be reached.
   */
  retrieve(terms: string[], limit: number): Promise<RetrievedParagraphs>;
}

/** A corpus as the core serves it: read per question, listed on demand. */
export interface ServedCorpus extends ParagraphSource {
  /** The articles, in the order they were indexed. */
  articles(): readonly StoredArticle[];
  /** How many articles, paragraphs and sentences are indexed. */
  counts(): { articles: number; paragraphs: number; sentences: number };
}
