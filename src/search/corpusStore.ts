import type { Article } from '../ingest/article.js';
import { findEntities, type Entity } from '../text/entities.js';
import { splitSentences } from '../text/sentences.js';
import { searchTerms } from '../text/tokens.js';

/** A sentence of an indexed paragraph, with what the answer stage needs precomputed. */
export interface StoredSentence {
  start: number;
  end: number;
  entities: Entity[];
}

/** A paragraph as indexed: its text, its article, its sentences. */
export interface StoredParagraph {
  /** Numeric id shared with the search index. */
  id: number;
  /** Index into `CorpusStore.articles`. */
  article: number;
  /** Position among the article's paragraphs. */
  index: number;
  text: string;
  sentences: StoredSentence[];
}

/** An article as stored: metadata, the key of its corpus entry, and its paragraphs' ids. */
export interface StoredArticle extends Omit<Article, 'paragraphs'> {
  key: string;
  paragraphIds: number[];
}

/** Everything the answer stage reads besides the search index. Plain data, saved as JSON. */
export interface CorpusStore {
  articles: StoredArticle[];
  paragraphs: Record<number, StoredParagraph>;
  /** Number of paragraphs each search term occurs in. */
  documentFrequency: Record<string, number>;
  paragraphCount: number;
  nextParagraphId: number;
}

/** An empty store. */
export function createStore(): CorpusStore {
  return { articles: [], paragraphs: {}, documentFrequency: {}, paragraphCount: 0, nextParagraphId: 1 };
}

/**
 * Adds an article: splits its paragraphs into sentences, tags their entities, counts
 * term frequencies. Returns the new paragraphs, for the search index.
 */
export function addArticle(store: CorpusStore, key: string, article: Article): StoredParagraph[] {
  const { paragraphs, ...metadata } = article;
  const articleIndex = store.articles.length;
  const added = paragraphs.map((text, index): StoredParagraph => {
    const sentences = splitSentences(text).map((span) => ({ ...span, entities: findEntities(text.slice(span.start, span.end)) }));
    return { id: store.nextParagraphId++, article: articleIndex, index, text, sentences };
  });
  for (const paragraph of added) {
    store.paragraphs[paragraph.id] = paragraph;
    for (const term of new Set(searchTerms(paragraph.text))) {
      store.documentFrequency[term] = (store.documentFrequency[term] ?? 0) + 1;
    }
  }
  store.paragraphCount += added.length;
  store.articles.push({ ...metadata, key, paragraphIds: added.map((paragraph) => paragraph.id) });
  return added;
}

/**
 * Removes the articles whose keys are given. Returns their paragraphs (the search index
 * needs them to remove its entries). Article indices of the remaining paragraphs are renumbered.
 */
export function removeArticles(store: CorpusStore, keys: ReadonlySet<string>): StoredParagraph[] {
  const removed: StoredParagraph[] = [];
  for (const article of store.articles) {
    if (!keys.has(article.key)) continue;
    for (const id of article.paragraphIds) {
      const paragraph = store.paragraphs[id];
      if (!paragraph) continue;
      removed.push(paragraph);
      delete store.paragraphs[id];
      for (const term of new Set(searchTerms(paragraph.text))) {
        const count = (store.documentFrequency[term] ?? 1) - 1;
        if (count > 0) store.documentFrequency[term] = count;
        else delete store.documentFrequency[term];
      }
    }
  }
  store.paragraphCount -= removed.length;
  store.articles = store.articles.filter((article) => !keys.has(article.key));
  store.articles.forEach((article, articleIndex) => {
    for (const id of article.paragraphIds) {
      const paragraph = store.paragraphs[id];
      if (paragraph) paragraph.article = articleIndex;
    }
  });
  return removed;
}
