/**
 * The names and shapes shared by the sentence features and the models that weigh them:
 * the feature record, its fixed order, and a question prepared for scoring.
 */
import type { Opposition } from '../text/antonyms.js';
import type { QuestionAnalysis } from './question.js';

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
  /** 1 when the question's rarest term is in neither the sentence, the sentence before it nor its article's title (a page's subject goes without saying in each of its sentences). */
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
  /** 1 when the sentence names another one of a kind the question qualifies (another country for the same noun or the asked role, another year, another place); 0.5 when it and the one before it name only other countries. */
  qualifierConflict: number;
  /** Share of the question's qualifiers (countries, years, places) that the sentence, the one before it and the article's date never name. */
  qualifierMissing: number;
  /** For a who-question: how well a role phrase of the sentence links a person to the asked role ("led", "spoke for") for the asked country. */
  roleMatch: number;
  /** For a when-question: 1 when the answer's date dates the event the question asks about (its verb). */
  eventMatch: number;
  /** For a when-question: 1 when the answer's date dates another event while the sentence writes the asked one ("resume …, last held in 2003"). */
  otherEvent: number;
  /** IDF-weighted share of the question's terms outside its article's title (the page's subject) that the sentence holds; 0 when all are in the title. */
  specificCoverage: number;
  /** 1 when the sentence holds question terms, but only ones of its article's title, while the question has others: it repeats the page's subject, not the asked fact. */
  subjectOnly: number;
  /** 1 for a sentence of its article's first paragraph (the lead). */
  articleLead: number;
  /** 1 when the question names a year, the sentence and the one before it name none, and the sentence's article is dated another year: a report speaks of its own year unless it says otherwise. */
  articleYearConflict: number;
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
  'qualifierConflict',
  'qualifierMissing',
  'roleMatch',
  'eventMatch',
  'otherEvent',
  'articleYearConflict',
  'specificCoverage',
  'subjectOnly',
  'articleLead',
] as const satisfies ReadonlyArray<keyof SentenceFeatures>;

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
