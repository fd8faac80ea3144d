/**
 * An article as rows of a shard's RT index. Each paragraph's row holds, besides the
 * searched terms, everything the answer stage reads when the paragraph is a hit, so that
 * one query answers a question: the paragraph's own record, its article's, the paragraph
 * after it and the sentence before it. The records are the corpus store's own
 * (`addArticle` makes them, as for the embedded index), stored as their JSON, so a field
 * added to them reaches the cluster without this code knowing it. (A paragraph record's
 * `article`, an index into the embedded store's articles, is 0 here: the row carries its
 * article's record itself.)
 */
import type { Article } from '../../ingest/article.js';
import { addArticle, createStore } from '../corpusStore.js';
import { lastSentenceOf } from '../paragraphSource.js';
import type { StoredParagraph } from '../storedParagraph.js';
import { ledgerLine } from './articleLedger.js';
import { quoteString, toEngineToken } from './sphinxql.js';

/** The columns of a shard's RT index, in the order rows are written. */
export const SHARD_COLUMNS = ['id', 'text', 'terms', 'paragraph', 'article', 'next', 'before'] as const;

/** An article to write, with the id of its first paragraph (the others follow in order). */
export interface PlacedArticle {
  key: string;
  fingerprint: string;
  firstId: number;
  article: Article;
}

/** What an article becomes on the cluster and in the ledger. */
export interface ArticleRows {
  key: string;
  /** The rows, as SphinxQL value tuples joined by commas. */
  values: string;
  paragraphs: number;
  sentences: number;
  /** The article's ledger line. */
  line: string;
  /** Paragraphs of the article holding each term (for the corpus-wide statistics). */
  termCounts: Array<[string, number]>;
}

/** The analysed terms of a row's `terms` column (which `articleRows` writes joined by spaces). */
export function rowTerms(column: string): string[] {
  return column === '' ? [] : column.split(' ');
}

/**
 * Analyses an article (sentences, tags, terms: as the embedded index does) and makes its
 * rows. Paragraph `i` gets id `firstId + i`.
 */
export function articleRows({ key, fingerprint, firstId, article }: PlacedArticle): ArticleRows {
  const store = { ...createStore(), nextParagraphId: firstId };
  const indexed = addArticle(store, key, article);
  const stored = store.articles[0];
  if (!stored) throw new Error(`Article ${key} was not stored.`);
  const paragraphs = stored.paragraphIds.map((id) => store.paragraphs[id]).filter((paragraph): paragraph is StoredParagraph => paragraph !== undefined);
  const records = paragraphs.map((paragraph) => JSON.stringify(paragraph));
  const articleRecord = JSON.stringify(stored);
  const tuples = paragraphs.map((paragraph, index) => {
    const terms = indexed[index]?.terms ?? [];
    const previous = paragraphs[index - 1];
    const before = previous ? lastSentenceOf(previous) : undefined;
    const values = [terms.map(toEngineToken).join(' '), terms.join(' '), records[index] ?? '', articleRecord, records[index + 1] ?? '', before ? JSON.stringify(before) : ''];
    return `(${paragraph.id},${values.map(quoteString).join(',')})`;
  });
  const values = tuples.join(',');
  const sentences = paragraphs.reduce((sum, paragraph) => sum + paragraph.sentences.length, 0);
  return {
    key,
    values,
    paragraphs: paragraphs.length,
    sentences,
    line: ledgerLine({ fingerprint, sentences, article: stored }),
    termCounts: Object.entries(store.documentFrequency),
  };
}
