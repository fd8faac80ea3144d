import type { Article } from '../ingest/article.js';
import { isRelativeDate, tagSentence } from '../text/entities.js';
import { splitSentences } from '../text/sentences.js';
import type { TaggedToken } from '../text/tagger.js';
import { searchTerms, splitWords, termsOf, wordsWithin, type Word } from '../text/tokens.js';
import { setParagraphArticle } from './lazyParagraphs.js';
import type { IndexedText } from './searchBackend.js';
import type { PlacedEntity, StoredParagraph, StoredSentence } from './storedParagraph.js';

/** An article as stored: metadata, the key of its corpus entry, and its paragraphs' ids. */
export interface StoredArticle extends Omit<Article, 'paragraphs'> {
  key: string;
  paragraphIds: number[];
  /** Search terms of the title, space-separated (the answer stage weighs them). */
  titleTerms: string;
  /** Whether the text writes relative to the day it was written ("today", "Monday", "last week"). */
  writesOfItsDay: boolean;
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

/**
 * The number of paragraphs a term occurs in. Reads own properties only: the counts are a
 * plain object, and a word such as "constructor" must not read `Object.prototype`'s.
 */
export function documentFrequencyOf(documentFrequency: Readonly<Record<string, number>>, term: string): number {
  return Object.hasOwn(documentFrequency, term) ? (documentFrequency[term] ?? 0) : 0;
}

/** An empty store. */
export function createStore(): CorpusStore {
  return { articles: [], paragraphs: {}, documentFrequency: {}, paragraphCount: 0, nextParagraphId: 1 };
}

/** What index time learns from a paragraph's text alone: its sentences, analysed, and its search terms. */
export interface ParagraphAnalysis {
  sentences: StoredSentence[];
  terms: string[];
}

/** Splits a paragraph into sentences, analyses each, and lists its search terms (a pure function of the text). */
export function analyseParagraph(text: string): ParagraphAnalysis {
  const knownPeople = new Set<string>();
  const words = splitWords(text);
  const terms = termsOf(words);
  const sentences = splitSentences(text).map((span) => {
    const within = wordsWithin(text, words, span.start, span.end);
    const sentenceTerms = within.from === undefined ? undefined : terms.slice(within.from, within.from + within.words.length);
    return analyseSentence(text.slice(span.start, span.end), span, knownPeople, span.tokens, within.words, sentenceTerms);
  });
  return { sentences, terms: terms.filter((term) => term !== undefined) };
}

/**
 * Adds an article: splits its paragraphs into sentences, tags their entities, counts
 * term frequencies (or takes `analyses`, one per paragraph, made by `analyseParagraph`
 * elsewhere). Returns the new paragraphs with their search terms, for the search index.
 */
export function addArticle(store: CorpusStore, key: string, article: Article, analyses?: ParagraphAnalysis[]): IndexedText[] {
  const { paragraphs } = article;
  const articleIndex = store.articles.length;
  const analysed = paragraphs.map((text, index) => analyses?.[index] ?? analyseParagraph(text));
  const added = paragraphs.map((text, index): StoredParagraph => {
    return { id: store.nextParagraphId++, article: articleIndex, index, text, sentences: analysed[index]?.sentences ?? [] };
  });
  const indexed = added.map(({ id, text }, index): IndexedText => ({ id, text, terms: analysed[index]?.terms ?? [] }));
  for (const [position, paragraph] of added.entries()) {
    store.paragraphs[paragraph.id] = paragraph;
    countDocumentFrequencies(store, new Set(indexed[position]?.terms));
  }
  storeArticle(store, key, article, added.map((paragraph) => paragraph.id), added.some((paragraph) => namesRelativeDay(paragraph.sentences)));
  return indexed;
}

/** Whether a sentence of these names a date relative to the day of writing ("today", "Monday", "last week"). */
export function namesRelativeDay(sentences: readonly StoredSentence[]): boolean {
  return sentences.some((sentence) => sentence.entities.some((entity) => isRelativeDate(entity.type, entity.text)));
}

/** Counts one more paragraph in the document frequency of each of its (distinct) terms. */
export function countDocumentFrequencies(store: CorpusStore, distinctTerms: Iterable<string>): void {
  for (const term of distinctTerms) store.documentFrequency[term] = documentFrequencyOf(store.documentFrequency, term) + 1;
}

/** Adds the record of an article whose paragraphs (`paragraphIds`) were just added to the store. */
export function storeArticle(store: CorpusStore, key: string, article: Article, paragraphIds: number[], writesOfItsDay: boolean): void {
  const { paragraphs, ...metadata } = article;
  store.paragraphCount += paragraphIds.length;
  store.articles.push({ ...metadata, key, paragraphIds, titleTerms: searchTerms(metadata.title ?? '').join(' '), writesOfItsDay });
}

/**
 * Terms, word count, placed entities and role links of one sentence (`knownPeople`: the
 * people its paragraph named before it; `tokens`, `words` and `wordTerms`, its tagged
 * tokens, its words and their terms (`termsOf`) when already made).
 */
export function analyseSentence(sentence: string, span: { start: number; end: number }, knownPeople: Set<string> = new Set(), tokens?: TaggedToken[], words = splitWords(sentence), wordTerms = termsOf(words)): StoredSentence {
  const positions: number[] = [];
  const stems: string[] = [];
  wordTerms.forEach((term, index) => {
    if (term === undefined) return;
    positions.push(index);
    stems.push(term);
  });
  const tagged = tagSentence(sentence, knownPeople, tokens);
  const entities = tagged.entities.map((entity): PlacedEntity => {
    return { ...entity, at: firstWordEndingAfter(words, entity.start ?? 0), terms: searchTerms(entity.text).join(' ') };
  });
  return { start: span.start, end: span.end, terms: stems.join(' '), positions, words: words.length, entities, ...(tagged.roles.length > 0 ? { roles: tagged.roles } : {}) };
}

/** The index of the first word that ends after `offset` (`words.length` when none does), by binary search: a sentence's words are in order. */
function firstWordEndingAfter(words: readonly Word[], offset: number): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((words[middle]?.end ?? 0) > offset) high = middle;
    else low = middle + 1;
  }
  return low;
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
        const count = documentFrequencyOf(store.documentFrequency, term) - 1;
        if (count > 0) store.documentFrequency[term] = count;
        else delete store.documentFrequency[term];
      }
    }
  }
  store.paragraphCount -= removed.length;
  store.articles = store.articles.filter((article) => !keys.has(article.key));
  store.articles.forEach((article, articleIndex) => {
    for (const id of article.paragraphIds) setParagraphArticle(store.paragraphs, id, articleIndex);
  });
  return removed;
}
