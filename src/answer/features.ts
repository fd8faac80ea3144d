import { inverseDocumentFrequency } from '../search/bm25.js';
import { documentFrequencyOf, type StoredParagraph } from '../search/corpusStore.js';
import { oppositionsOf, saysOpposite, type Opposition } from '../text/antonyms.js';
import { searchTerms } from '../text/tokens.js';
import { typeEvidence } from './answerType.js';
import { localCoverages, termEvidence, weightedCoverage } from './termMatch.js';
import type { QuestionAnalysis } from './question.js';
import type { ScoringModel } from './scoring.js';
import { NO_SENTENCE_WORDING, wordingEvidence, wordsOf } from './wording.js';

/**
 * The evidence that a sentence answers a question, each in [0, 1]. The terms and
 * entities are read from what the index precomputed; only the wording features split the
 * candidate sentences' text into words at question time (a plain pattern, no stemming).
 */
export interface SentenceFeatures {
  /** BM25 score of the sentence's paragraph relative to the best paragraph. */
  paragraph: number;
  /** 1 / rank of the paragraph among the search hits (a following paragraph shares its hit's rank). */
  paragraphRank: number;
  /** 1 when the paragraph is a candidate only as the one following a hit. */
  neighbour: number;
  /** IDF-weighted share of the question's terms found anywhere in the paragraph. */
  paragraphCoverage: number;
  /** IDF-weighted share of the question's terms found in the sentence. */
  coverage: number;
  /** IDF-weighted share of the question's terms found in the sentence, the sentence before it, or the article's date (a news report dated July 2009 is about July 2009). */
  contextCoverage: number;
  /** The sentence's own BM25 score (sentence as a document, corpus IDF) relative to the best candidate sentence's. */
  sentenceRelevance: number;
  /** Like `coverage`, but a term also counts when the sentence has a term sharing its first five letters ("disagre" for "agre" does not, "renov" for "renovat" does). */
  looseCoverage: number;
  /** Share of the question's distinct terms found in the sentence, unweighted. */
  matched: number;
  /** Share of the question's date terms (years, months) that the article's date holds: a report dated July 2009 speaks of July 2009. */
  articleDate: number;
  /** IDF-weighted share of the question's terms that the corpus never uses (the same for every candidate: it informs the confidence). */
  unknownTerms: number;
  /** 1 when the question's rarest term is in neither the sentence nor the sentence before it. */
  missingRarest: number;
  /** Share of the question's term pairs found next to each other in the sentence. */
  bigrams: number;
  /** How tightly the matched terms sit together (matched terms / window length). */
  proximity: number;
  /** When the question expects a type: how well the sentence's best entity of that type, not already named by the question, answers (1 = a full date near the question's terms). */
  typeMatch: number;
  /** 1 when the question expects a type and the sentence has none: evidence against. */
  typeMissing: number;
  /** `typeMatch` for questions asking for a date, number or duration (values the entity patterns find reliably), else 0. */
  valueMatch: number;
  /** `typeMissing` for questions asking for a date, number or duration, else 0. */
  valueMissing: number;
  /** `typeMatch` times `contextCoverage`: the sentence holds the answer's type where it, or the sentence before it, speaks of what the question asks ("The meeting in New York …" after "… representatives have met"). */
  typedContext: number;
  /** `typeMatch` for questions asking where (a place), else 0. */
  placeMatch: number;
  /** `typeMissing` for questions asking where, else 0. */
  placeMissing: number;
  /** `typeMatch` for questions asking who (a name or a role), else 0. */
  personMatch: number;
  /** `typeMissing` for questions asking who, else 0. */
  personMissing: number;
  /** 1 when the sentence names something (any type) the question does not: an answer adds information. */
  fresh: number;
  /** Sentence length, words / 40, at most 1. */
  length: number;
  /** 1 for the first sentence of a paragraph. */
  leading: number;
  /** 1 for sentences of fewer than four words (headings, fragments). */
  fragment: number;
  /** Like `coverage`, each term also weighted by how few of the paragraph's sentences hold it: terms every sentence shares do not tell them apart. */
  localCoverage: number;
  /** Share of the question's terms in the article's title. */
  titleCoverage: number;
  /** Share of the question's own words (stop words included, question words out) that the sentence writes the same way. */
  wordOverlap: number;
  /** Like `wordOverlap`, over the sentence and the one before it (the answer often follows the sentence that repeats the question). */
  contextWordOverlap: number;
  /** `wordOverlap` of a sentence that refers back with a pronoun ("resumed them") over it and the sentence before it, of any other over itself. */
  referredWordOverlap: number;
  /** Share of the question's consecutive word pairs, stop words included, found in the sentence. */
  wordPairs: number;
  /** 1 when the question says "not" (or "never", "n't") and the sentence does not. */
  negationMismatch: number;
  /** 1 when the question asks with "did" and the sentence writes one of its words in the past tense ("resumed" for "when did talks resume?"). */
  pastTense: number;
  /** The question's degree and order words ("first", "most", "before") missing from the sentence and the one before, per two. */
  markersMissing: number;
  /** Question terms the sentence lacks, per five, at most 1. */
  missingTerms: number;
  /** Number of question terms, per ten, at most 1 (the same for every candidate: it informs the confidence). */
  questionTerms: number;
  /** Share of the question's names (capitalised words) that the paragraph, the sentence before it, the title and the date never write. */
  namesMissing: number;
  /** Share of the question's numbers that the paragraph, the sentence before it, the title and the date never write. */
  numbersMissing: number;
  /** Like `namesMissing`, for the sentence and the one before it instead of the whole paragraph. */
  sentenceNamesMissing: number;
  /** Like `numbersMissing`, for the sentence and the one before it. */
  sentenceNumbersMissing: number;
  /** 1 when the sentence (or the one before it) says the opposite of a question word it lacks: "decrease" for "increase", "smallest" for "largest" (WordNet antonyms). */
  antonym: number;
}

/** The feature names, in a fixed order (the order of the fitted weight vectors). */
export const FEATURE_NAMES = [
  'paragraph',
  'paragraphRank',
  'neighbour',
  'paragraphCoverage',
  'coverage',
  'contextCoverage',
  'missingRarest',
  'sentenceRelevance',
  'looseCoverage',
  'matched',
  'unknownTerms',
  'articleDate',
  'bigrams',
  'proximity',
  'typeMatch',
  'typeMissing',
  'valueMatch',
  'valueMissing',
  'typedContext',
  'placeMatch',
  'placeMissing',
  'personMatch',
  'personMissing',
  'fresh',
  'length',
  'leading',
  'fragment',
  'localCoverage',
  'titleCoverage',
  'wordOverlap',
  'contextWordOverlap',
  'wordPairs',
  'negationMismatch',
  'markersMissing',
  'missingTerms',
  'questionTerms',
  'namesMissing',
  'numbersMissing',
  'sentenceNamesMissing',
  'sentenceNumbersMissing',
  'antonym',
  'pastTense',
  'referredWordOverlap',
] as const satisfies ReadonlyArray<keyof SentenceFeatures>;

/** The names and numbers features for a model that does not weigh them. */
const NO_NAMES_OR_NUMBERS_MISSING = { namesMissing: 0, numbersMissing: 0, sentenceNamesMissing: 0, sentenceNumbersMissing: 0 } as const;

/**
 * The features that read the article's text at question time (its title, the words of the
 * candidate sentences) instead of what the index saved: worth their cost only when a model
 * weighs one of them.
 */
const TEXT_FEATURES = [...(Object.keys(NO_SENTENCE_WORDING) as Array<keyof typeof NO_SENTENCE_WORDING>), ...(Object.keys(NO_NAMES_OR_NUMBERS_MISSING) as Array<keyof typeof NO_NAMES_OR_NUMBERS_MISSING>), 'titleCoverage'] as const;

/** Whether a scoring model gives a text feature a weight (in its ranking, its confidence or their squares). */
export function weighsText(model: ScoringModel): boolean {
  return TEXT_FEATURES.some((name) => model.rank[name] !== 0 || model.confidence[name] !== 0 || model.confidenceSquared[name] !== 0);
}

/** Where a candidate paragraph stands among the search results. */
export interface ParagraphEvidence {
  /** BM25 score relative to the best hit (halved for a following paragraph). */
  relevance: number;
  /** 1-based rank of the hit (of the preceding hit for a following paragraph). */
  rank: number;
  /** Whether the paragraph is a candidate only as the one following a hit. */
  neighbour: boolean;
}

/** A question prepared for scoring: its terms with their IDF weights. */
export interface WeightedQuestion {
  analysis: QuestionAnalysis;
  /** IDF of each question term (terms absent from the corpus weigh most). */
  idf: ReadonlyMap<string, number>;
  /** The question term with the highest IDF. */
  rarest: string | undefined;
  /** IDF-weighted share of the question's terms absent from the corpus. */
  unknownShare: number;
  /** The question's terms that have antonyms, and those antonyms. */
  oppositions: Opposition[];
  /** Whether the question names the day of asking ("today", "yesterday"). */
  namesDay: boolean;
}

/** What a candidate paragraph's article tells besides its text. */
export interface ArticleEvidence {
  /** Search terms of the article's date (year and month; none when undated). */
  dateTerms: string[];
  /** Search terms of the article's title (none unless the text is read). */
  titleTerms: string[];
  /** The article writes of its own day ("today", "Monday", "last week"). */
  writesOfItsDay: boolean;
}

/** Words that name the day of speaking, as search terms and as written. */
const DAY_WORDS = ['today', 'tonight', 'yesterday', 'tomorrow'];
const DAY_TERMS: ReadonlySet<string> = new Set(searchTerms(DAY_WORDS.join(' ')));
const DAY_FORMS: ReadonlySet<string> = new Set(DAY_WORDS);

/** The sentence before a paragraph's first one: its search terms and lower-case words (none unless the text is read). */
export interface PreviousSentence {
  terms: string[];
  words: string[];
}

/** Turns the candidates' raw sentence BM25 scores into shares of the best one, in place. */
export function normaliseSentenceRelevance(all: SentenceFeatures[]): void {
  const best = Math.max(0, ...all.map((features) => features.sentenceRelevance));
  for (const features of all) features.sentenceRelevance = best > 0 ? features.sentenceRelevance / best : 0;
}

/** Weighs a question's terms by IDF against a corpus's document frequencies. */
export function weighQuestion(analysis: QuestionAnalysis, documentFrequency: Readonly<Record<string, number>>, paragraphCount: number): WeightedQuestion {
  const idf = new Map(analysis.terms.map((term) => [term, inverseDocumentFrequency(documentFrequencyOf(documentFrequency, term), paragraphCount)]));
  let rarest: string | undefined;
  let total = 0;
  let unknown = 0;
  for (const [term, weight] of idf) {
    if (rarest === undefined || weight > (idf.get(rarest) ?? 0)) rarest = term;
    total += weight;
    if (documentFrequencyOf(documentFrequency, term) === 0) unknown += weight;
  }
  const namesDay = analysis.terms.some((term) => DAY_TERMS.has(term)) || DAY_WORDS.some((word) => analysis.wording.forms.has(word));
  return { analysis, idf, rarest, unknownShare: total > 0 ? unknown / total : 0, oppositions: oppositionsOf(analysis.terms), namesDay };
}

/**
 * Measures every sentence of a candidate paragraph against a question. `previous` is the
 * sentence before the paragraph's first one (the previous paragraph's last sentence);
 * `article` what its article tells besides the text. The wording features are 0 unless
 * `readText` (splitting the sentences into words costs time).
 * `sentenceRelevance` holds the raw sentence BM25 score: `normaliseSentenceRelevance`
 * turns it relative once all candidates are known.
 */
export function paragraphSentenceFeatures(
  paragraph: StoredParagraph,
  previous: PreviousSentence,
  article: ArticleEvidence,
  question: WeightedQuestion,
  evidence: ParagraphEvidence,
  readText: boolean,
): SentenceFeatures[] {
  const { dateTerms, titleTerms, writesOfItsDay } = article;
  // An undated report of its own day may be of the year asked without writing it.
  const yearsUnknown = writesOfItsDay && dateTerms.length === 0;
  // A report's "today" is the day it was written, never the asker's: a question's "today" does not match it.
  const blanksDay = (writesOfItsDay || dateTerms.length > 0) && question.namesDay;
  const ownDayTerms = blanksDay ? DAY_TERMS : undefined;
  const ownDayForms = blanksDay ? DAY_FORMS : undefined;
  const sentenceTerms = paragraph.sentences.map((sentence) => withoutOwnDay(sentence.terms === '' ? [] : sentence.terms.split(' '), ownDayTerms));
  const sentenceSets = sentenceTerms.map((terms) => new Set(terms));
  const sentenceWords = readText ? paragraph.sentences.map((sentence) => withoutOwnDay(wordsOf(paragraph.text.slice(sentence.start, sentence.end).toLowerCase()), ownDayForms)) : [];
  const previousTerms = new Set(withoutOwnDay(previous.terms, ownDayTerms));
  const { soughtForms } = question.analysis.wording;
  const sought = (words: string[]) => new Set(words.filter((word) => soughtForms.has(word)));
  const wordSets = sentenceWords.map(sought);
  const previousWords = sought(readText ? withoutOwnDay(previous.words, ownDayForms) : []);
  const dateSet = new Set(dateTerms);
  const inParagraph = (term: string) => sentenceSets.some((terms) => terms.has(term));
  const paragraphCoverage = weightedCoverage({ has: inParagraph }, question);
  const { terms: asked, wording } = question.analysis;
  const askedDate = asked.filter(isDateTerm);
  const articleDate = askedDate.length > 0 ? askedDate.filter((term) => dateTerms.includes(term)).length / askedDate.length : 0;
  const titleCoverage = asked.length > 0 ? asked.filter((term) => titleTerms.includes(term)).length / asked.length : 0;
  // The article's title and date count as written in every sentence of it.
  const titleAndDate = new Set(readText ? [...titleTerms, ...dateTerms] : []);
  const local = localCoverages(sentenceSets, question);
  const paragraphMissing = readText ? namesAndNumbersMissing(question.analysis, yearsUnknown, (term) => inParagraph(term) || previousTerms.has(term) || titleAndDate.has(term)) : undefined;
  return paragraph.sentences.map((sentence, index) => {
    const terms = sentenceTerms[index] ?? [];
    const present = sentenceSets[index] ?? new Set<string>();
    const before = index === 0 ? previousTerms : (sentenceSets[index - 1] ?? previousTerms);
    // The sentence, the one before it and the article's date.
    const context = { has: (term: string) => present.has(term) || before.has(term) || dateSet.has(term) };
    const termFeatures = termEvidence(terms, present, context, question);
    const typeFeatures = typeEvidence(sentence, terms, question.analysis, dateTerms.length > 0);
    return {
      paragraph: evidence.relevance,
      paragraphRank: 1 / evidence.rank,
      neighbour: evidence.neighbour ? 1 : 0,
      paragraphCoverage,
      ...termFeatures,
      unknownTerms: question.unknownShare,
      articleDate,
      ...typeFeatures,
      typedContext: typeFeatures.typeMatch * termFeatures.contextCoverage,
      length: Math.min(1, sentence.words / 40),
      leading: index === 0 ? 1 : 0,
      fragment: sentence.words < 4 ? 1 : 0,
      localCoverage: local[index] ?? 0,
      titleCoverage,
      ...(readText ? wordingEvidence(wording, sentenceWords[index] ?? [], wordSets[index] ?? new Set(), index === 0 ? previousWords : (wordSets[index - 1] ?? previousWords)) : NO_SENTENCE_WORDING),
      questionTerms: Math.min(1, asked.length / 10),
      ...(paragraphMissing ? sentenceNamesAndNumbersMissing(paragraphMissing, question.analysis, yearsUnknown, (term) => context.has(term) || titleAndDate.has(term)) : NO_NAMES_OR_NUMBERS_MISSING),
      antonym: saysOpposite(question.oppositions, context),
    };
  });
}

/** A sentence's terms or words with those naming its own day (`ownDay`, when given) blanked, in place so that positions hold. */
function withoutOwnDay(words: string[], ownDay: ReadonlySet<string> | undefined): string[] {
  return ownDay === undefined ? words : words.map((word) => (ownDay.has(word) ? '' : word));
}

/**
 * Shares of the question's names and numbers that a text never writes, `writes` telling
 * whether the text holds a term ("United States" counts as "U.S."). With `yearsUnknown`
 * (an undated report of its own day) the question's years are left out: the report may be
 * of that year without writing it ("talks resumed today").
 */
function namesAndNumbersMissing(analysis: QuestionAnalysis, yearsUnknown: boolean, writes: (term: string) => boolean) {
  const written = (term: string) => writes(term) || (term === 'usa' && writes('unit') && writes('state'));
  const missing = (terms: string[]) => (terms.length > 0 ? terms.filter((term) => !written(term)).length / terms.length : 0);
  const numbers = yearsUnknown ? analysis.numberTerms.filter((term) => !isYear(term)) : analysis.numberTerms;
  return { namesMissing: missing(analysis.nameTerms), numbersMissing: missing(numbers) };
}

/** The paragraph's names and numbers features (`paragraph`) with those of one sentence: the sentence, the one before it, the title and the date. */
function sentenceNamesAndNumbersMissing(paragraph: { namesMissing: number; numbersMissing: number }, analysis: QuestionAnalysis, yearsUnknown: boolean, writes: (term: string) => boolean) {
  const { namesMissing, numbersMissing } = namesAndNumbersMissing(analysis, yearsUnknown, writes);
  return { ...paragraph, sentenceNamesMissing: namesMissing, sentenceNumbersMissing: numbersMissing };
}

/** Stems of the months, as `searchTerms` writes them. */
const MONTH_TERMS = new Set(['januari', 'februari', 'march', 'april', 'mai', 'june', 'juli', 'august', 'septemb', 'octob', 'novemb', 'decemb']);

/** Whether a term is a year (1600 to 2099). */
function isYear(term: string): boolean {
  return /^(?:1[6-9]|20)\d\d$/.test(term);
}

/** Whether a term is a year or a month. */
function isDateTerm(term: string): boolean {
  return isYear(term) || MONTH_TERMS.has(term);
}
