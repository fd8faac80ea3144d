/**
 * A paragraph's analysis in the form a build adds it: the JSON of its text and sentences
 * (its store line but for the id and place, which only the building thread knows), and
 * its search terms already counted. Made where the paragraph is analysed (a worker of the
 * pool), so that the thread building the store and the postings only joins a line and
 * looks its terms up, and what crosses between the threads is a few strings rather than a
 * graph of sentence and entity objects to clone and, later, to serialise.
 */
import type { Article } from '../ingest/article.js';
import { analyseParagraph, countDocumentFrequencies, namesRelativeDay, storeArticle, type CorpusStore } from './corpusStore.js';
import { addParagraphLine } from './lazyParagraphs.js';
import type { ParagraphLine } from './lineRuns.js';
import { countTerms } from './postings/postingsIndex.js';
import type { IndexedText } from './searchBackend.js';

/** What the build takes of `analyseParagraph`'s output. */
export interface EncodedAnalysis {
  /** `"text":…,"sentences":[…]`: the paragraph's text and sentences, as its store line writes them. */
  body: string;
  sentences: number;
  /** The distinct search terms, in order of first occurrence, and how often each occurs. */
  terms: string[];
  counts: number[];
  /** Whether a sentence names a date relative to the day of writing ("today", "Monday"). */
  writesOfItsDay: boolean;
}

/** A paragraph's text analysed (see `analyseParagraph`) and encoded for a build. */
export function encodeAnalysis(text: string): EncodedAnalysis {
  const { sentences, terms } = analyseParagraph(text);
  return {
    body: `"text":${JSON.stringify(text)},"sentences":${JSON.stringify(sentences)}`,
    sentences: sentences.length,
    ...countTerms(terms),
    writesOfItsDay: namesRelativeDay(sentences),
  };
}

/**
 * Adds an article whose paragraphs were analysed and encoded (one `EncodedAnalysis` per
 * paragraph), as `addArticle` would add it: the store ends the same, line for line (its
 * document frequencies too, unless `countTerms` is false: the caller sets them).
 * Returns the new paragraphs with their counted terms, for the search index.
 */
export function addEncodedArticle(store: CorpusStore, key: string, article: Article, analyses: readonly EncodedAnalysis[], countTerms = true): IndexedText[] {
  const articleIndex = store.articles.length;
  const indexed = article.paragraphs.map((text, index): IndexedText => {
    const analysis = analyses[index];
    if (!analysis) throw new Error(`paragraph ${index} was not analysed`);
    const id = store.nextParagraphId++;
    addParagraphLine(store.paragraphs, lineOf(analysis, id, articleIndex, index));
    if (countTerms) countDocumentFrequencies(store, analysis.terms);
    return { id, text, counted: { terms: analysis.terms, counts: analysis.counts } };
  });
  storeArticle(store, key, article, indexed.map((paragraph) => paragraph.id), analyses.some((analysis) => analysis.writesOfItsDay));
  return indexed;
}

/** The store line of an analysed paragraph: `JSON.stringify` of its `StoredParagraph`, byte for byte. */
function lineOf(analysis: EncodedAnalysis, id: number, article: number, index: number): ParagraphLine {
  return { id, article, sentences: analysis.sentences, line: Buffer.from(`{"id":${id},"article":${article},"index":${index},${analysis.body}}`) };
}
