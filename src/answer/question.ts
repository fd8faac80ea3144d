import { cleanLine } from '../text/normalize.js';
import type { EntityType } from '../text/entities.js';
import { relatedTerms } from '../text/relatedWords.js';
import { tagTokens, type TaggedToken } from '../text/tagger.js';
import { isStopWord, splitWords, stem, type Word } from '../text/tokens.js';
import type { NoAnswerCode } from '../types.js';
import { questionQualifiers, type QuestionQualifiers } from './questionQualifiers.js';
import { questionWording, type QuestionWording } from './wording.js';

/** Longest question accepted, in characters; longer ones are refused before any work. */
export const MAX_QUESTION_LENGTH = 1000;

/** A question that can be searched, or why it cannot. */
export type QuestionCheck = { ok: true; text: string } | { ok: false; code: NoAnswerCode; reason: string };

/**
 * Cleans a raw question (invisible characters out, whitespace collapsed) and refuses an
 * empty or over-long one with a one-line reason.
 */
export function checkQuestion(raw: string): QuestionCheck {
  if (raw.length > MAX_QUESTION_LENGTH * 4) return tooLong();
  const text = cleanLine(raw);
  if (text === '') return { ok: false, code: 'empty-question', reason: 'Ask a question, for example: when did the talks resume?' };
  if (text.length > MAX_QUESTION_LENGTH) return tooLong();
  return { ok: true, text };
}

function tooLong(): QuestionCheck {
  return {
    ok: false,
    code: 'question-too-long',
    reason: `That question is too long: ask in at most ${MAX_QUESTION_LENGTH.toLocaleString('en-US')} characters.`,
  };
}

/** What the answer stage needs to know about a question. */
export interface QuestionAnalysis {
  text: string;
  /** Distinct search terms (stems, stop words out), in question order. */
  terms: string[];
  /** Terms of words written in lower case (not names), which may be matched by a variant. */
  commonWordTerms: ReadonlySet<string>;
  /** Consecutive term pairs of the question, as `a b`. */
  bigrams: Set<string>;
  /** The kinds of entity a good answer holds (empty for open questions). */
  expects: EntityType[];
  /** The question, lower-cased, to tell new entities from those the question already names. */
  lowerText: string;
  /** Its wording, stop words included (negation, "first", "did"). */
  wording: QuestionWording;
  /** Terms of the names the question writes (capitalised words after the first; "United States" as `usa`, like "U.S."). */
  nameTerms: string[];
  /** Terms of the numbers the question writes ("20,000" as `20000`). */
  numberTerms: string[];
  /** Which one the question means (nationalities, years, places), the events it asks about, the role it asks who holds. */
  qualifiers: QuestionQualifiers;
  /** Per common-word term, the terms of words of the same meaning (WordNet; by the word's lemma too: "led" as "lead" → `head`) that the question does not write. */
  related: ReadonlyMap<string, readonly string[]>;
  /** Terms searched in place of words the corpus never uses, by meaning ("begin" for "start"): they count as unknown words in the confidence. @default none */
  byMeaning?: ReadonlySet<string>;
}

/** Question words and the answer types they ask for, each pattern global so that every place it matches is seen. */
const EXPECTATIONS: Array<[RegExp, EntityType[]]> = [
  [/\bhow (?:long|many (?:years|months|weeks|days|hours|decades))\b/g, ['duration']],
  [
    /\bhow (?:many|much|old|often|heavy|tall|big|large|far|fast|high|deep|wide|expensive)\b|\bwhat (?:number|percentage|share|amount|proportion|price|age)\b|\bwhat (?:is|was|are|were) (?:the|its|their|his|her) (?:\w+ )?(?:price|cost|age|weight|population|fare|fee)\b/g,
    ['number'],
  ],
  [/\b(?:when|what (?:year|date|month|day|time|decade|century)|which (?:year|date|month|day|decade|century)|since when)\b/g, ['date']],
  [/\b(?:who|whom|whose)\b|\bwhat (?:is|was) the name\b|\bwhich (?:[\w-]+ ){0,3}?(?:person|man|woman|official|officer|president|minister|leader|chief|executive|director|scientist|researcher|professor|doctor|lawyer|prosecutor|judge|senator|author|company|firm|organi[sz]ation|agency|group)\b/g, ['name', 'org', 'role']],
  [/\bwhere\b|\b(?:what|which) (?:city|country|place|state|island|port|region)\b/g, ['place']],
  [/\bwhy\b|\bwhat (?:caused|reason)\b|\bfor what reason\b/g, ['reason']],
];

/**
 * The answer types a question asks for, from its question words ("when" → a date). The
 * first question word asks: in "who was secretary of state when Cuba accepted?" the
 * "when" only qualifies, so the answer is a person.
 */
export function expectedTypes(lowerQuestion: string): EntityType[] {
  const opensWithQuestionWord = OPENING_WORDS.test(lowerQuestion);
  let first: { at: number; types: EntityType[] } | undefined;
  for (const [pattern, types] of EXPECTATIONS) {
    for (const match of lowerQuestion.matchAll(pattern)) {
      // "who" asks where a question or clause starts, or after a preposition ("according to whom"); after a noun it
      // is a relative ("nationals who committed crimes"), unless the question opens with no question word.
      if (opensWithQuestionWord && RELATIVE.test(match[0]) && !ASKING_POSITION.test(lowerQuestion.slice(0, match.index))) continue;
      if (first === undefined || match.index < first.at) first = { at: match.index, types };
      break;
    }
  }
  return first?.types ?? [];
}

/** A question opening with a question word or an auxiliary ("what happens to Cubans who …", "did the nationals who …"): its own word asks. */
const OPENING_WORDS = /^\W*(?:who|whom|whose|what|which|when|where|why|how|since|in|at|on|to|from|by|for|with|under|according|during|after|before|do|does|did|is|are|was|were|can|could|will|would|has|have|had|should|may|might)\b/;
/** Question words that also open relative clauses about people. */
const RELATIVE = /^(?:who|whom|whose)$/;
/** What may stand before a question word that asks: nothing, a clause mark, a conjunction or a preposition. */
const ASKING_POSITION = /(?:^|[,;:(]|\b(?:and|or|but|in|at|on|to|from|by|for|with|of|since|until|under|about|after|before|during|according to))\W*$/;

/** Analyses a checked question: its search terms, bigrams, expected answer type and wording. */
export function analyseQuestion(text: string): QuestionAnalysis {
  const words = splitWords(text).filter((word) => !isStopWord(word.form));
  const stems = words.map((word) => stem(word.form));
  const capitalised = (word: Word) => /^\p{Lu}/u.test(text.slice(word.start, word.end));
  const commonWordTerms = new Set(words.filter((word) => !capitalised(word)).map((word) => stem(word.form)));
  const names = words.filter((word) => word.start > 0 && capitalised(word)).map((word) => stem(word.form));
  const bigrams = new Set<string>();
  for (let index = 1; index < stems.length; index++) bigrams.add(`${stems[index - 1]} ${stems[index]}`);
  const lowerText = text.toLowerCase();
  const tokens = tagTokens(text);
  return {
    text,
    terms: [...new Set(stems)],
    commonWordTerms,
    bigrams,
    expects: expectedTypes(lowerText),
    lowerText,
    wording: questionWording(text),
    nameTerms: [...new Set(unitedStatesAsUsa(names))],
    numberTerms: [...new Set(words.filter((word) => /\d/.test(word.form)).map((word) => stem(word.form)))],
    qualifiers: questionQualifiers(text, tokens),
    related: relatedWords(tokens, commonWordTerms, new Set(stems)),
  };
}

/** For each token of a common-word term, the related terms of its word and of its lemma, minus the question's own terms. */
function relatedWords(tokens: readonly TaggedToken[], common: ReadonlySet<string>, asked: ReadonlySet<string>): Map<string, readonly string[]> {
  const related = new Map<string, readonly string[]>();
  for (const token of tokens) {
    const term = stem(token.lower);
    if (!common.has(term) || related.has(term)) continue;
    const lemma = stem(token.lemma.toLowerCase());
    const others = [...relatedTerms(term), ...(lemma === term ? [] : [lemma, ...relatedTerms(lemma)])].filter((other) => !asked.has(other));
    if (others.length > 0) related.set(term, [...new Set(others)]);
  }
  return related;
}

/** Name terms with "United States" (`unit` `state`) as `usa`, the term of "U.S." and "US". */
function unitedStatesAsUsa(terms: readonly string[]): string[] {
  const result: string[] = [];
  for (let index = 0; index < terms.length; index++) {
    if (terms[index] === 'unit' && terms[index + 1] === 'state') {
      result.push('usa');
      index++;
    } else result.push(terms[index] ?? '');
  }
  return result;
}
