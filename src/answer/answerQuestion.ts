import { SearchUnavailableError } from '../errors.js';
import type { StoredArticle } from '../search/corpusStore.js';
import type { ParagraphSource, RetrievedParagraphs, TermStatistics } from '../search/paragraphSource.js';
import type { StoredParagraph } from '../search/storedParagraph.js';
import { searchTerms } from '../text/tokens.js';
import type { Answer, AnswerResult, AskOptions, SourceAgreement } from '../types.js';
import { compareSources } from './agreement.js';
import { checkedConfidence } from './answerability.js';
import { CLOSE_LEAD, hasCloseRival, rivalledConfidence, shareMostTerms, type RivalView } from './closeRival.js';
import { answerPhrase, bestAnswerEntity, VALUE_TYPES } from './answerType.js';
import { normaliseSentenceRelevance, paragraphSentenceFeatures, weighQuestion, weighsText, type ParagraphEvidence, type PreviousSentence } from './features.js';
import type { SentenceFeatures } from './sentenceFeatures.js';
import { conversationAfter, readFollowUp } from './followUp.js';
import { analyseQuestion, checkQuestion, type QuestionAnalysis } from './question.js';
import { resolveUnseenTerms } from './termVariants.js';
import { wordsOf } from './wording.js';
import { confidenceOf, MAX_MARGIN, rankScore, type ScoringModel } from './scoring.js';

/** What answering reads: the corpus (term statistics, and paragraphs retrieved per question) and the scoring model. */
export interface AnswerContext {
  source: ParagraphSource;
  model: ScoringModel;
  /** Compute the features that read the text at question time even when the model does not weigh them (for fitting a model that may). @default whether the model weighs them */
  readText?: boolean;
}

/** Paragraphs whose sentences compete for the answer. */
const PARAGRAPH_POOL = 8;
/** Answers returned when the caller does not say. */
const DEFAULT_TOP = 3;
/** Ranked answers whose dates or numbers are compared across articles. */
const AGREEMENT_POOL = 6;
/** Passages a hedged reply shows at most ("Not sure — the closest passages: …"). */
const MAX_SUGGESTIONS = 3;
/** Characters a passage shown as a suggestion holds at most: its sentence, and its paragraph's sentences around it while they fit. */
const PASSAGE_LENGTH = 400;
/**
 * Confidence from which a passage counts as relevant: below the answer threshold it is
 * shown as a suggestion; when no passage reaches it, nothing in the archive answers the
 * question. Chosen by measurement (docs/answering.md, "Three kinds of reply").
 */
const RELEVANT_CONFIDENCE = 0.12;
const NOT_SURE = 'Not sure — the closest passages:';
const NOTHING_RELEVANT = 'Nothing in the archive answers that.';
/** Least answer-entity score (precision × nearness to the question's words) for a value to be compared: a year within three words of them. */
const CLEAR_VALUE = 0.8;

/** A sentence competing to be the answer. */
export interface Candidate {
  paragraph: StoredParagraph;
  article: StoredArticle | undefined;
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
  const read = readFollowUp(check.text, options.conversation);
  const framing = { question: check.text, ...(read.reading ? { reading: read.reading } : {}) };
  const question = prepareQuestion(context.source.statistics, read.text);
  if (question.terms.length === 0) {
    return { ...declined(check.text, 'no-searchable-words', 'That question has no words to search for; name who or what you mean.'), ...framing };
  }
  let ranked: Candidate[];
  try {
    ranked = bestPerParagraph(await rankCandidates(context, question));
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    return { ...declined(check.text, 'search-unavailable', 'Search is unavailable right now; try again in a minute.'), ...framing };
  }
  const leaned = read.reading !== undefined || read.continues === true ? options.conversation : undefined;
  const conversation = conversationAfter(read.text, ranked[0] ? peopleOf(ranked[0]) : [], leaned);
  if (ranked.length === 0) return { ...declined(check.text, 'no-match', NOTHING_RELEVANT), ...framing, conversation };
  const threshold = options.minConfidence ?? context.model.answerThreshold;
  // Confidences for what an answer or a hedge may show: the answer or up to three suggestions, then `top - 1` more.
  // Sources that give different dates or numbers are shown as such with the answer, not taken for doubt.
  const sourcesDiffer = (agreementOf(question, ranked, [])?.differing.length ?? 0) > 0;
  const rivalled = !sourcesDiffer && hasCloseRival(ranked, (candidate) => rivalView(candidate, question));
  const answers = rankedAnswers(ranked, MAX_SUGGESTIONS + top - 1, context.model, question, rivalled);
  const best = answers[0];
  if (!best || best.confidence < threshold) {
    const suggestions = answers
      .slice(0, MAX_SUGGESTIONS)
      .filter((answer) => answer.confidence >= RELEVANT_CONFIDENCE)
      .map((answer, position) => withPassage(answer, ranked[position]));
    const alternatives = answers.slice(suggestions.length, suggestions.length + top - 1);
    if (suggestions.length === 0) return { ...declined(check.text, 'no-match', NOTHING_RELEVANT), alternatives, ...framing, conversation };
    return { ...declined(check.text, 'low-confidence', NOT_SURE), suggestions, alternatives, ...framing, conversation };
  }
  const agreement = agreementOf(question, ranked, answers);
  const second = ranked[1] ? (answers[1] ?? toAnswer(ranked[1], 0, question)) : undefined;
  const contested = agreement?.differing.length || !ranked[0] || !ranked[1] || !second ? false : saysOtherwise(ranked[0], ranked[1], best, second, question);
  // "More answers" lists what comes after the passages shown.
  const passages = contested ? 2 : 1;
  const alternatives = answers.slice(passages, passages + top - 1);
  return {
    ...framing,
    answer: best,
    alternatives,
    ...(agreement ? { agreement } : {}),
    ...(contested && second ? { twoPassages: [best, second] as [Answer, Answer] } : {}),
    conversation: { ...conversation, answer: best.text },
  };
}

/**
 * The first `count` ranked candidates as answers. An answer ranked lower never shows more
 * confidence than the one above it; one that fails an answerability check shows little,
 * and so does the best when `rivalled` (passages that say otherwise come close to it).
 */
function rankedAnswers(ranked: Candidate[], count: number, model: ScoringModel, question: QuestionAnalysis, rivalled: boolean): Answer[] {
  let ceiling = 1;
  return ranked.slice(0, count).map((candidate, position) => {
    const confidence = checkedConfidence(confidenceOf(candidate.features, leadOver(ranked, position), model), question, candidate.features);
    ceiling = Math.min(ceiling, position === 0 ? rivalledConfidence(confidence, rivalled) : confidence);
    return toAnswer(candidate, ceiling, question);
  });
}

/**
 * A suggestion with the rest of its passage: its paragraph's sentences after it, then
 * before it, while the whole stays within `PASSAGE_LENGTH` (the
 * right sentence is often the best one's neighbour).
 */
function withPassage(answer: Answer, candidate: Candidate | undefined): Answer {
  const sentences = candidate?.paragraph.sentences ?? [];
  const own = sentences[candidate?.sentenceIndex ?? -1];
  if (!candidate || !own) return answer;
  let { start, end } = own;
  for (let next = candidate.sentenceIndex + 1; next < sentences.length && (sentences[next]?.end ?? Infinity) - start <= PASSAGE_LENGTH; next++) end = sentences[next]?.end ?? end;
  for (let previous = candidate.sentenceIndex - 1; previous >= 0 && end - (sentences[previous]?.start ?? -Infinity) <= PASSAGE_LENGTH; previous--) start = sentences[previous]?.start ?? start;
  if (start === own.start && end === own.end) return answer;
  const { text } = candidate.paragraph;
  return { ...answer, context: { before: text.slice(start, own.start), after: text.slice(own.end, end) } };
}

/**
 * Whether the second passage is about as good as the first and says something else: its
 * answer phrase differs (for a question that asks for a date, person, place, …), or, for
 * an open question, it shares under half of its terms with the first.
 */
function saysOtherwise(first: Candidate, second: Candidate, best: Answer, other: Answer, question: QuestionAnalysis): boolean {
  if (first.score - second.score > CLOSE_LEAD) return false;
  if (question.expects.length > 0) {
    const a = phraseOf(best)?.toLowerCase();
    const b = phraseOf(other)?.toLowerCase();
    return a !== undefined && b !== undefined && !a.includes(b) && !b.includes(a);
  }
  return !shareMostTerms(sentenceTerms(first), sentenceTerms(second));
}

/** A candidate sentence's search terms. */
function sentenceTerms(candidate: Candidate): Set<string> {
  return new Set((candidate.paragraph.sentences[candidate.sentenceIndex]?.terms ?? '').split(' ').filter(Boolean));
}

/** What the close-rival check reads of a candidate. */
function rivalView(candidate: Candidate, question: QuestionAnalysis): RivalView {
  const { score, paragraph, article } = candidate;
  // A reason is a clause, told in other words by each report: compared by the sentences' terms, as an open question's answer.
  const phrase = question.expects.some((type) => type !== 'reason') ? phraseOf(toAnswer(candidate, 0, question)) : undefined;
  return { score, article: article?.articleId ?? `#${paragraph.article}`, paragraph: paragraph.index, phrase, terms: sentenceTerms(candidate) };
}

/** The phrase of an answer that answers the question, as written (undefined when none is marked). */
function phraseOf(answer: Answer): string | undefined {
  return answer.highlight ? answer.text.slice(answer.highlight.start, answer.highlight.end) : undefined;
}

/** The people a candidate sentence names, as written, the one its answer phrase names first. */
function peopleOf(candidate: Candidate): string[] {
  const sentence = candidate.paragraph.sentences[candidate.sentenceIndex];
  if (!sentence) return [];
  return sentence.entities
    .filter((entity) => entity.type === 'name' && entity.start !== undefined && entity.end !== undefined)
    .map((entity) => candidate.paragraph.text.slice(sentence.start + (entity.start ?? 0), sentence.start + (entity.end ?? 0)));
}

/**
 * For a question asking for a date or number: whether the other articles' nearly-as-good
 * answers (within one rank-score unit of the best, the most the confidence counts the
 * lead) give the same value or another one.
 */
function agreementOf(question: QuestionAnalysis, ranked: Candidate[], answers: Answer[]): SourceAgreement | undefined {
  const best = ranked[0];
  if (!best || !question.expects.some((type) => VALUE_TYPES.has(type))) return undefined;
  const valued = ranked
    .slice(0, AGREEMENT_POOL)
    .filter((candidate) => best.score - candidate.score <= MAX_MARGIN)
    .map((candidate, position) => ({ answer: answers[position] ?? toAnswer(candidate, 0), value: answerValue(candidate, question) }));
  const [first, ...others] = valued;
  return first ? compareSources(first, others) : undefined;
}

/** The date or number a candidate sentence gives in answer, as written in it. */
function answerValue(candidate: Candidate, question: QuestionAnalysis): string | undefined {
  const sentence = candidate.paragraph.sentences[candidate.sentenceIndex];
  if (!sentence) return undefined;
  const dated = (candidate.article?.date ?? null) !== null;
  const best = bestAnswerEntity(sentence, sentence.terms === '' ? [] : sentence.terms.split(' '), question, dated);
  if (!best || best.score < CLEAR_VALUE) return undefined;
  const { entity } = best;
  const text = candidate.paragraph.text.slice(sentence.start, sentence.end);
  const at = text.toLowerCase().indexOf(entity.text);
  return at < 0 ? entity.text : text.slice(at, at + entity.text.length);
}

/** Analyses a question, replacing terms the corpus never uses by a close variant it does use. */
export function prepareQuestion(statistics: TermStatistics, text: string): QuestionAnalysis {
  const analysed = analyseQuestion(text);
  const { terms, byMeaning } = resolveUnseenTerms(analysed.terms, analysed.commonWordTerms, statistics, analysed.related);
  return { ...analysed, terms, byMeaning };
}

/** Every candidate sentence of the paragraphs the search returns, scored, best first. */
export async function rankCandidates(context: AnswerContext, question: QuestionAnalysis): Promise<Candidate[]> {
  const { source, model } = context;
  const readText = context.readText ?? weighsText(model);
  const weighted = weighQuestion(question, source.statistics);
  const retrieved = await source.retrieve(question.terms, PARAGRAPH_POOL);
  const candidates: Candidate[] = [];
  for (const [paragraph, evidence] of candidateParagraphs(retrieved)) {
    const article = retrieved.articleOf(paragraph);
    const previous = previousSentence(retrieved, paragraph, readText);
    const titleTerms = readText && article && article.titleTerms !== '' ? article.titleTerms.split(' ') : [];
    const articleEvidence = { dateTerms: dateTerms(article?.date ?? null), titleTerms, writesOfItsDay: article?.writesOfItsDay ?? false, year: article?.date?.slice(0, 4) };
    const features = paragraphSentenceFeatures(paragraph, previous, articleEvidence, weighted, evidence, readText);
    features.forEach((sentenceFeatures, sentenceIndex) => candidates.push({ paragraph, article, sentenceIndex, features: sentenceFeatures, score: 0 }));
  }
  normaliseSentenceRelevance(candidates.map((candidate) => candidate.features));
  for (const candidate of candidates) candidate.score = rankScore(candidate.features, model);
  return candidates.sort((a, b) => b.score - a.score);
}

/** The lead of a ranked candidate over the next one (over zero for the last). */
export function leadOver(ranked: Candidate[], position: number): number {
  const candidate = ranked[position];
  const next = ranked[position + 1];
  return candidate ? candidate.score - (next?.score ?? 0) : 0;
}

/**
 * The paragraphs whose sentences compete: the search hits, each with its BM25 score
 * relative to the best, and the paragraph after each hit (news paragraphs are often one
 * sentence, and the answer follows the sentence that matched) at half its hit's relevance.
 */
function candidateParagraphs(retrieved: RetrievedParagraphs): Map<StoredParagraph, ParagraphEvidence> {
  const { hits } = retrieved;
  const bestScore = hits[0]?.score ?? 1;
  const chosen = new Map<StoredParagraph, ParagraphEvidence>();
  const ids = new Set<number>();
  hits.forEach(({ paragraph, score }, position) => {
    chosen.set(paragraph, { relevance: score / bestScore, rank: position + 1, neighbour: false });
    ids.add(paragraph.id);
  });
  for (const [paragraph, evidence] of [...chosen]) {
    const next = retrieved.nextOf(paragraph);
    if (next && !ids.has(next.id)) {
      chosen.set(next, { relevance: evidence.relevance / 2, rank: evidence.rank, neighbour: true });
      ids.add(next.id);
    }
  }
  return chosen;
}

/** The sentence before a paragraph's first (the previous paragraph's last, in the same article): its terms and, when `withWords`, its lower-case words. */
function previousSentence(retrieved: RetrievedParagraphs, paragraph: StoredParagraph, withWords: boolean): PreviousSentence {
  const before = retrieved.sentenceBefore(paragraph);
  if (!before) return { terms: [], entities: [], words: [] };
  const { sentence, text } = before;
  return { terms: sentence.terms === '' ? [] : sentence.terms.split(' '), entities: sentence.entities, words: withWords ? wordsOf(text.toLowerCase()) : [] };
}

/** Date terms per ISO date, computed once: every candidate paragraph of every question asks. */
const dateTermsCache = new Map<string, string[]>();

/** The search terms of an ISO date: its year and its month ("2009-07-15" → `2009`, `juli`), as a question would write them. */
function dateTerms(isoDate: string | null): string[] {
  if (isoDate === null) return [];
  let terms = dateTermsCache.get(isoDate);
  if (terms === undefined) {
    const date = new Date(`${isoDate}T00:00:00Z`);
    terms = Number.isNaN(date.getTime()) ? [] : searchTerms(`${date.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })} ${date.getUTCFullYear()}`);
    dateTermsCache.set(isoDate, terms);
  }
  return terms;
}

/** The best-scoring sentence of each paragraph, in score order. */
export function bestPerParagraph(sorted: Candidate[]): Candidate[] {
  const seen = new Set<number>();
  return sorted.filter((candidate) => {
    if (seen.has(candidate.paragraph.id)) return false;
    seen.add(candidate.paragraph.id);
    return true;
  });
}

/** The answer as the caller sees it: the sentence, its span, the phrase that answers `question` (when given), its source. */
export function toAnswer(candidate: Candidate, confidence: number, question?: QuestionAnalysis): Answer {
  const { paragraph, sentenceIndex, article } = candidate;
  const stored = paragraph.sentences[sentenceIndex];
  const sentence = stored ?? { start: 0, end: paragraph.text.length };
  const articleId = article?.articleId ?? '';
  const text = paragraph.text.slice(sentence.start, sentence.end);
  return {
    text,
    confidence: Math.round(confidence * 1000) / 1000,
    score: Math.round(candidate.score * 1000) / 1000,
    span: { start: sentence.start, end: sentence.end },
    highlight: stored && question ? answerPhrase(stored, text, question, (article?.date ?? null) !== null) : null,
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
