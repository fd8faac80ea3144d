import type { PlacedEntity, StoredSentence } from '../search/storedParagraph.js';
import { isRelativeDate, type EntityType } from '../text/entities.js';
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
  const person = question.expects.includes('name');
  return {
    typeMatch,
    typeMissing,
    valueMatch: value ? typeMatch : 0,
    valueMissing: value ? typeMissing : 0,
    placeMatch: place ? typeMatch : 0,
    placeMissing: place ? typeMissing : 0,
    personMatch: person ? typeMatch : 0,
    personMissing: person ? typeMissing : 0,
    fresh: fresh ? 1 : 0,
  };
}

/**
 * The entity of the type the question expects that best answers it: not already named by
 * the question, as precise as possible, close to the question's terms. Undefined when the
 * question expects no type or the sentence holds none. In an article without a date
 * (`dated` false), a date relative to the day of writing ("today", "Monday", "last
 * week", "six years ago") tells no date, so it answers nothing.
 */
export function bestAnswerEntity(sentence: StoredSentence, terms: string[], question: QuestionAnalysis, dated: boolean): { entity: PlacedEntity; score: number } | undefined {
  const matchedAt = terms.flatMap((term, index) => (question.terms.includes(term) ? [sentence.positions[index] ?? index] : []));
  let best: { entity: PlacedEntity; score: number } | undefined;
  for (const entity of sentence.entities) {
    if (!question.expects.includes(entity.type) || !isNew(entity, question)) continue;
    const score = (dated || !isRelativeDate(entity.type, entity.text) ? specificity(entity.type, entity.text) : 0) * nearness(entity.at, matchedAt);
    if (score > 0 && (best === undefined || score > best.score)) best = { entity, score };
  }
  return best;
}

/** Whether an entity tells something the question does not already say (a term of its own, or new digits). */
function isNew(entity: PlacedEntity, question: QuestionAnalysis): boolean {
  if (question.lowerText.includes(entity.text)) return false;
  return entity.terms === '' ? /\d/.test(entity.text) : entity.terms.split(' ').some((term) => !question.terms.includes(term));
}

/** How precisely an entity answers: "15 July 2009" beats "July 2009", which beats "2009", then "Monday" or "last week". */
function specificity(type: string, text: string): number {
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
