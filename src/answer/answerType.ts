import type { PlacedEntity, StoredSentence } from '../search/storedParagraph.js';
import { isRelativeDate, type EntityType } from '../text/entities.js';
import { stem } from '../text/tokens.js';
import type { QuestionAnalysis } from './question.js';

/** Answer types that are values: dates, numbers, durations. */
export const VALUE_TYPES: ReadonlySet<EntityType> = new Set(['date', 'number', 'duration']);

/**
 * Whether a sentence holds what the question asks for (when → a date, who → a name or
 * role, …) that the question does not already name: the answer-type features. `dated`
 * tells whether the sentence's article has a date (see `bestAnswerEntity`).
 */
export function typeEvidence(sentence: StoredSentence, terms: string[], question: QuestionAnalysis, dated: boolean) {
  const best = bestAnswerEntity(sentence, terms, question, dated);
  const expects = question.expects.length > 0;
  const fresh = sentence.entities.some((entity) => isNew(entity, question));
  const typeMatch = expects ? (best?.score ?? 0) : 0;
  const typeMissing = expects && best === undefined ? 1 : 0;
  const value = question.expects.some((type) => VALUE_TYPES.has(type));
  const place = question.expects.includes('place');
  const person = question.expects.includes('name') ? personEvidence(sentence, terms, question, dated, best) : { personMatch: 0, personMissing: 0 };
  const date = question.expects.includes('date') && best?.entity.type === 'date';
  const fit = date && best ? eventFit(best.entity, terms, question) : 'unknown';
  return {
    typeMatch,
    typeMissing,
    valueMatch: value ? typeMatch : 0,
    valueMissing: value ? typeMissing : 0,
    placeMatch: place ? typeMatch : 0,
    placeMissing: place ? typeMissing : 0,
    ...person,
    fresh: fresh ? 1 : 0,
    eventMatch: fit === 'asked' ? 1 : 0,
    otherEvent: fit === 'other' ? 1 : 0,
  };
}

/** A who-question about someone it names ("Who is Marie Harf?"): a role answers it. */
const ASKS_ABOUT_SOMEONE = /^\s*who\s+(?:is|was|are|were)\s+(?!the\b|a\b|an\b)\S/i;

/**
 * For a who-question: how well the sentence names a person (or an organisation) the
 * question does not, and 1 in `personMissing` when it names none. A role word alone ("a US
 * official said") names no one, unless the question asks who someone it names is.
 */
function personEvidence(sentence: StoredSentence, terms: string[], question: QuestionAnalysis, dated: boolean, best: { entity: PlacedEntity; score: number } | undefined) {
  const named = bestAnswerEntity(sentence, terms, question, dated, PEOPLE);
  if (named) return { personMatch: named.score, personMissing: 0 };
  if (best?.entity.type === 'role' && ASKS_ABOUT_SOMEONE.test(question.text)) return { personMatch: best.score, personMissing: 0 };
  // A nationality of a group that acts ("the Cuban delegation said", "US diplomats") answers who, if less precisely than a name.
  if (sentence.entities.some((entity) => entity.type === 'nation' && entity.of !== undefined && ACTORS.has(entity.of) && isNew(entity, question))) return { personMatch: GROUP_MATCH, personMissing: 0 };
  return { personMatch: 0, personMissing: 1 };
}

/** Nouns of groups and voices that act for a country, as search terms ("delegation" → `deleg`). */
const ACTORS: ReadonlySet<string> = new Set(
  ['delegation', 'delegations', 'official', 'officials', 'diplomat', 'diplomats', 'authorities', 'government', 'administration', 'ministry', 'embassy', 'press', 'media', 'statement', 'military', 'navy', 'police', 'army', 'negotiators', 'leaders', 'leader', 'president', 'side', 'spokesman', 'spokeswoman', 'foreign'].map(stem),
);
/** How well a group named by its nationality answers a who-question (a role word alone scores 0.5 too). */
const GROUP_MATCH = 0.5;

/** Who answers a who-question: a person, or an organisation. */
const PEOPLE: readonly EntityType[] = ['name', 'org'];

/**
 * Whether a date belongs to the event the question asks about: `asked` when it dates one
 * of the question's verbs; `other` when it dates another verb while the sentence also
 * writes the asked one ("agreed to resume direct talks on migration, last held in 2003"
 * for "when did talks resume?"); `unknown` otherwise.
 */
function eventFit(entity: PlacedEntity, terms: readonly string[], question: QuestionAnalysis): 'asked' | 'other' | 'unknown' {
  const { events } = question.qualifiers;
  if (entity.event === undefined || events.length === 0) return 'unknown';
  if (events.includes(entity.event)) return 'asked';
  return events.some((event) => terms.includes(event)) ? 'other' : 'unknown';
}

/** How much a date's event weighs its choice as the answer: its own event first, another clause's last. */
const EVENT_WEIGHT = { asked: 1, unknown: 0.8, other: 0.4 } as const;

/**
 * The entity of the type the question expects that best answers it: not already named by
 * the question, as precise as possible, close to the question's terms. Undefined when the
 * question expects no type or the sentence holds none. In an article without a date
 * (`dated` false), a date relative to the day of writing ("today", "Monday", "last
 * week", "six years ago") tells no date, so it answers nothing.
 */
export function bestAnswerEntity(sentence: StoredSentence, terms: string[], question: QuestionAnalysis, dated: boolean, types: readonly EntityType[] = question.expects): { entity: PlacedEntity; score: number } | undefined {
  const matchedAt = terms.flatMap((term, index) => (question.terms.includes(term) ? [sentence.positions[index] ?? index] : []));
  const unit = ASKED_UNIT.exec(question.lowerText)?.[1];
  let best: { entity: PlacedEntity; score: number } | undefined;
  for (const entity of sentence.entities) {
    if (!types.includes(entity.type) || !isNew(entity, question)) continue;
    const event = entity.type === 'date' ? EVENT_WEIGHT[eventFit(entity, terms, question)] : 1;
    const precision = entity.type === 'date' && unit !== undefined ? unitPrecision(unit, entity.text) : undefined;
    const score = (precision ?? (dated || !isRelativeDate(entity.type, entity.text) ? specificity(entity.type, entity.text) : 0)) * nearness(entity.at, matchedAt) * event;
    if (score > 0 && (best === undefined || score > best.score)) best = { entity, score };
  }
  return best;
}

/** Whether an entity tells something the question does not already say (a term of its own, or new digits). */
function isNew(entity: PlacedEntity, question: QuestionAnalysis): boolean {
  if (question.lowerText.includes(entity.text)) return false;
  return entity.terms === '' ? /\d/.test(entity.text) : entity.terms.split(' ').some((term) => !question.terms.includes(term));
}

/** A question asking for a day of the week or a month ("what day did …", "which month"). */
const ASKED_UNIT = /\b(?:what|which) (day|month)\b/;
const WEEKDAY = /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/;
const MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/;

/**
 * How well a date answers a question asking for a day or a month: a weekday or a day of
 * a month answers "what day" in any article (the question asks no more), a date without
 * them hardly; a date naming a month answers "which month", a bare year hardly.
 */
function unitPrecision(unit: string, text: string): number {
  if (unit === 'day') return WEEKDAY.test(text) || /\d{1,2}\s+\p{L}|\p{L}\.?\s+\d{1,2}\b/u.test(text) ? 1 : 0.3;
  return MONTH.test(text) ? 1 : 0.3;
}

/** How precisely an entity answers: "15 July 2009" beats "July 2009", which beats "2009", then "Monday" or "last week"; a person's name beats a role word. */
function specificity(type: string, text: string): number {
  // A role word ("an official said") names no one: weaker than a person's name.
  if (type === 'role') return 0.5;
  if (type !== 'date') return 1;
  if (!/\d{4}/.test(text)) return 0.3;
  return /\d{1,2}\s+\p{L}|\p{L}\.?\s+\d{1,2}\b/u.test(text) ? 1 : /\p{L}/u.test(text) ? 0.9 : 0.8;
}

/** 1 when the entity sits within three words of a question term, falling with distance; 0.5 when the sentence matches no term. */
function nearness(at: number, matchedAt: number[]): number {
  if (matchedAt.length === 0) return 0.5;
  const distance = Math.min(...matchedAt.map((index) => Math.abs(index - at)));
  return Math.min(1, 3 / Math.max(distance, 1));
}

/**
 * The phrase of a sentence that answers the question, as offsets in the sentence `text`:
 * the best entity of the expected type (`bestAnswerEntity`); for a why-question, the
 * reason clause from its marker ("because …", "alleging …") to the end of its clause.
 * Null when the question expects no type or the sentence holds none.
 */
export function answerPhrase(sentence: StoredSentence, text: string, question: QuestionAnalysis, dated: boolean): { start: number; end: number } | null {
  const best = bestAnswerEntity(sentence, sentence.terms === '' ? [] : sentence.terms.split(' '), question, dated);
  const start = best?.entity.start;
  const end = best?.entity.end;
  if (!best || start === undefined || end === undefined || end > text.length) return null;
  if (best.entity.type !== 'reason') return { start, end };
  // A full stop ends the clause, not an initial's ("U.S.").
  const clauseEnd = /[,;:!?—]|(?<!\b\p{Lu})\.(?=\s|$)|\s[-–]\s/u.exec(text.slice(end));
  const stop = clauseEnd ? end + clauseEnd.index : text.length;
  return { start, end: stop > end ? stop : text.length };
}
