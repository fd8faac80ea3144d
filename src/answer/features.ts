import { inverseDocumentFrequency } from '../search/bm25.js';
import type { TermStatistics } from '../search/paragraphSource.js';
import type { PlacedEntity, StoredParagraph } from '../search/storedParagraph.js';
import { oppositionsOf, saysOpposite } from '../text/antonyms.js';
import { searchTerms } from '../text/tokens.js';
import { typeEvidence } from './answerType.js';
import { qualifierEvidence } from './qualifiers.js';
import type { SentenceFeatures, WeightedQuestion } from './sentenceFeatures.js';
import { localCoverages, termEvidence, weightedCoverage } from './termMatch.js';
import type { QuestionAnalysis } from './question.js';
import type { ScoringModel } from './scoring.js';
import { NO_SENTENCE_WORDING, wordingEvidence, wordsOf } from './wording.js';

/** The names and numbers features for a model that does not weigh them. */
const NO_NAMES_OR_NUMBERS_MISSING = { namesMissing: 0, numbersMissing: 0, sentenceNamesMissing: 0, sentenceNumbersMissing: 0 } as const;

/**
 * The features that read the article's text at question time (its title, the words of the
 * candidate sentences) instead of what the index saved: worth their cost only when a model
 * weighs one of them.
 */
const TEXT_FEATURES = [
  ...(Object.keys(NO_SENTENCE_WORDING) as Array<keyof typeof NO_SENTENCE_WORDING>),
  ...(Object.keys(NO_NAMES_OR_NUMBERS_MISSING) as Array<keyof typeof NO_NAMES_OR_NUMBERS_MISSING>),
  'titleCoverage',
  'specificCoverage',
  'subjectOnly',
] as const;

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

/** What a candidate paragraph's article tells besides its text. */
export interface ArticleEvidence {
  /** Search terms of the article's date (year and month; none when undated). */
  dateTerms: string[];
  /** Search terms of the article's title (none unless the text is read). */
  titleTerms: string[];
  /** The article writes of its own day ("today", "Monday", "last week"). */
  writesOfItsDay: boolean;
  /** The year of the article's date, when it has one. */
  year: string | undefined;
}

/** Words that name the day of speaking, as search terms and as written. */
const DAY_WORDS = ['today', 'tonight', 'yesterday', 'tomorrow'];
const DAY_TERMS: ReadonlySet<string> = new Set(searchTerms(DAY_WORDS.join(' ')));
const DAY_FORMS: ReadonlySet<string> = new Set(DAY_WORDS);

/** The sentence before a paragraph's first one: its search terms, its entities and lower-case words (none unless the text is read). */
export interface PreviousSentence {
  terms: string[];
  entities: readonly PlacedEntity[];
  words: string[];
}

/** Turns the candidates' raw sentence BM25 scores into shares of the best one, in place. */
export function normaliseSentenceRelevance(all: SentenceFeatures[]): void {
  const best = Math.max(0, ...all.map((features) => features.sentenceRelevance));
  for (const features of all) features.sentenceRelevance = best > 0 ? features.sentenceRelevance / best : 0;
}

/** Weighs a question's terms by IDF against a corpus's document frequencies. */
export function weighQuestion(analysis: QuestionAnalysis, statistics: TermStatistics): WeightedQuestion {
  const idf = new Map(analysis.terms.map((term) => [term, inverseDocumentFrequency(statistics.documentFrequency(term), statistics.paragraphCount)]));
  let rarest: string | undefined;
  let total = 0;
  let unknown = 0;
  for (const [term, weight] of idf) {
    if (rarest === undefined || weight > (idf.get(rarest) ?? 0)) rarest = term;
    total += weight;
    if (statistics.documentFrequency(term) === 0 || analysis.byMeaning?.has(term)) unknown += weight;
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
  const title = new Set(titleTerms);
  const local = localCoverages(sentenceSets, question);
  const paragraphMissing = readText ? namesAndNumbersMissing(question.analysis, yearsUnknown, (term) => inParagraph(term) || previousTerms.has(term) || titleAndDate.has(term)) : undefined;
  return paragraph.sentences.map((sentence, index) => {
    const terms = sentenceTerms[index] ?? [];
    const present = sentenceSets[index] ?? new Set<string>();
    const before = index === 0 ? previousTerms : (sentenceSets[index - 1] ?? previousTerms);
    // The sentence, the one before it and the article's date.
    const context = { has: (term: string) => present.has(term) || before.has(term) || dateSet.has(term) };
    const termFeatures = termEvidence(terms, present, context, question, title);
    const typeFeatures = typeEvidence(sentence, terms, question.analysis, dateTerms.length > 0);
    const previousEntities = index === 0 ? previous.entities : (paragraph.sentences[index - 1]?.entities ?? []);
    const qualifierFeatures = qualifierEvidence(sentence, { previous: previousEntities, articleYear: article.year, yearsUnknown }, question.analysis.qualifiers, question.analysis.expects.includes('name'));
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
      ...subjectEvidence(present, question, title),
      articleLead: paragraph.index === 0 ? 1 : 0,
      ...(readText ? wordingEvidence(wording, sentenceWords[index] ?? [], wordSets[index] ?? new Set(), index === 0 ? previousWords : (wordSets[index - 1] ?? previousWords)) : NO_SENTENCE_WORDING),
      questionTerms: Math.min(1, asked.length / 10),
      ...(paragraphMissing ? sentenceNamesAndNumbersMissing(paragraphMissing, question.analysis, yearsUnknown, (term) => context.has(term) || titleAndDate.has(term)) : NO_NAMES_OR_NUMBERS_MISSING),
      antonym: saysOpposite(question.oppositions, context),
      ...qualifierFeatures,
    };
  });
}

/**
 * How a sentence matches the question beyond the page's subject (the terms of its
 * article's title): the IDF-weighted share of the question's other terms it holds, and 1
 * when it holds some of the question's terms but only title ones (a lead that repeats
 * the subject without the asked fact). Both 0 when every question term is in the title.
 */
function subjectEvidence(present: ReadonlySet<string>, question: WeightedQuestion, title: ReadonlySet<string>) {
  let covered = 0;
  let total = 0;
  let subject = false;
  for (const [term, weight] of question.idf) {
    if (title.has(term)) {
      subject ||= present.has(term);
      continue;
    }
    total += weight;
    if (present.has(term)) covered += weight;
  }
  return { specificCoverage: total > 0 ? covered / total : 0, subjectOnly: total > 0 && covered === 0 && subject ? 1 : 0 };
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
