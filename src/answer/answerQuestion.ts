import { SearchUnavailableError } from '../errors.js';
import type { CorpusStore, StoredParagraph } from '../search/corpusStore.js';
import type { ParagraphHit, SearchBackend } from '../search/searchBackend.js';
import type { Answer, AnswerResult, AskOptions } from '../types.js';
import { inverseDocumentFrequency, sentenceFeatures, type SentenceFeatures } from './features.js';
import { analyseQuestion, checkQuestion } from './question.js';
import { resolveUnseenTerms } from './termVariants.js';
import { confidenceOf, rankScore, type ScoringModel } from './scoring.js';

/** What answering reads: the corpus store, its search backend and the scoring model. */
export interface AnswerContext {
  store: CorpusStore;
  index: SearchBackend;
  model: ScoringModel;
}

/** Paragraphs whose sentences compete for the answer. */
const PARAGRAPH_POOL = 8;
/** Answers returned when the caller does not say. */
const DEFAULT_TOP = 3;

interface Candidate {
  paragraph: StoredParagraph;
  sentenceIndex: number;
  features: SentenceFeatures;
  score: number;
}

/**
 * Answers a question from the corpus: the best sentence of the best paragraphs, with its
 * source and confidence, plus alternatives from other paragraphs; or no answer with a
 * reason when the question is unusable, matches nothing, or the best is not convincing.
 */
export async function answerQuestion(context: AnswerContext, rawQuestion: string, options: AskOptions = {}): Promise<AnswerResult> {
  const top = Math.max(1, Math.floor(options.top ?? DEFAULT_TOP));
  const check = checkQuestion(rawQuestion);
  if (!check.ok) return declined(rawQuestion.slice(0, 200), check.code, check.reason);
  const analysed = analyseQuestion(check.text);
  const question = { ...analysed, terms: resolveUnseenTerms(analysed.terms, analysed.commonWordTerms, context.store.documentFrequency) };
  if (question.terms.length === 0) {
    return declined(check.text, 'no-searchable-words', 'That question has no words to search for; name who or what you mean.');
  }
  const { store, index, model } = context;
  const idf = new Map(question.terms.map((term) => [term, inverseDocumentFrequency(store.documentFrequency[term] ?? 0, store.paragraphCount)]));
  let hits: ParagraphHit[];
  try {
    hits = await index.search(question.terms, PARAGRAPH_POOL);
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    return declined(check.text, 'search-unavailable', 'Search is unavailable right now; try again in a minute.');
  }
  const candidates: Candidate[] = [];
  for (const { paragraph, relevance } of candidateParagraphs(store, hits)) {
    paragraph.sentences.forEach((sentence, sentenceIndex) => {
      const text = paragraph.text.slice(sentence.start, sentence.end);
      const previous = previousSentence(store, paragraph, sentenceIndex);
      const features = sentenceFeatures(text, sentence, previous, question, idf, relevance);
      candidates.push({ paragraph, sentenceIndex, features, score: rankScore(features, model) });
    });
  }
  if (candidates.length === 0) return declined(check.text, 'no-match', 'Nothing in the articles matches that question.');
  const ranked = bestPerParagraph(candidates.sort((a, b) => b.score - a.score));
  let ceiling = 1;
  const answers = ranked.slice(0, top).map((candidate, position) => {
    const next = ranked[position + 1];
    const margin = next ? candidate.score - next.score : candidate.score;
    // An answer ranked lower never shows more confidence than the one above it.
    ceiling = Math.min(ceiling, confidenceOf(candidate.features, margin, model));
    return toAnswer(context, candidate, ceiling);
  });
  const [best, ...alternatives] = answers;
  if (!best || best.confidence < (options.minConfidence ?? model.answerThreshold)) {
    return declined(check.text, 'low-confidence', "I don't know: the articles don't seem to answer that.");
  }
  return { question: check.text, answer: best, alternatives };
}

/**
 * The paragraphs whose sentences compete: the search hits, each with its BM25 score
 * relative to the best, and the paragraph after each hit (news paragraphs are often one
 * sentence, and the answer follows the sentence that matched) at half its hit's relevance.
 */
function candidateParagraphs(store: CorpusStore, hits: ParagraphHit[]): Array<{ paragraph: StoredParagraph; relevance: number }> {
  const bestScore = hits[0]?.score ?? 1;
  const chosen = new Map<number, { paragraph: StoredParagraph; relevance: number }>();
  for (const hit of hits) {
    const paragraph = store.paragraphs[hit.id];
    if (paragraph) chosen.set(hit.id, { paragraph, relevance: hit.score / bestScore });
  }
  for (const { paragraph, relevance } of [...chosen.values()]) {
    const nextId = store.articles[paragraph.article]?.paragraphIds[paragraph.index + 1];
    const next = nextId === undefined ? undefined : store.paragraphs[nextId];
    if (next && !chosen.has(next.id)) chosen.set(next.id, { paragraph: next, relevance: relevance / 2 });
  }
  return [...chosen.values()];
}

/** The sentence before a sentence in its article (the previous paragraph's last one for a paragraph's first), or ''. */
function previousSentence(store: CorpusStore, paragraph: StoredParagraph, sentenceIndex: number): string {
  const before = paragraph.sentences[sentenceIndex - 1];
  if (before) return paragraph.text.slice(before.start, before.end);
  const previousId = store.articles[paragraph.article]?.paragraphIds[paragraph.index - 1];
  const previousParagraph = previousId === undefined ? undefined : store.paragraphs[previousId];
  const last = previousParagraph?.sentences[previousParagraph.sentences.length - 1];
  return previousParagraph && last ? previousParagraph.text.slice(last.start, last.end) : '';
}

/** The best-scoring sentence of each paragraph, in score order. */
function bestPerParagraph(sorted: Candidate[]): Candidate[] {
  const seen = new Set<number>();
  return sorted.filter((candidate) => {
    if (seen.has(candidate.paragraph.id)) return false;
    seen.add(candidate.paragraph.id);
    return true;
  });
}

function toAnswer({ store }: AnswerContext, candidate: Candidate, confidence: number): Answer {
  const { paragraph, sentenceIndex } = candidate;
  const sentence = paragraph.sentences[sentenceIndex] ?? { start: 0, end: paragraph.text.length };
  const article = store.articles[paragraph.article];
  const articleId = article?.articleId ?? '';
  return {
    text: paragraph.text.slice(sentence.start, sentence.end),
    confidence: Math.round(confidence * 1000) / 1000,
    score: Math.round(candidate.score * 1000) / 1000,
    span: { start: sentence.start, end: sentence.end },
    source: {
      articleId,
      title: article?.title ?? null,
      publisher: article?.publisher ?? null,
      date: article?.date ?? null,
      byline: article?.byline ?? null,
      file: article?.file ?? null,
      url: article?.url ?? null,
      paragraphId: `${articleId}#${paragraph.index}`,
      paragraphIndex: paragraph.index,
    },
  };
}

function declined(question: string, code: NonNullable<AnswerResult['noAnswerCode']>, reason: string): AnswerResult {
  return { question, answer: null, alternatives: [], noAnswerReason: reason, noAnswerCode: code };
}
