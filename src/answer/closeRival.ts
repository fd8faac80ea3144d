/**
 * Whether the best answer clearly beats the passages that could answer otherwise. The
 * fitted confidence reads the best sentence and its lead over the next one, capped at one
 * rank-score unit; a lead over a passage that says the same thing (the next sentence of
 * the same story, another report giving the same date or name, or, for an open question,
 * one telling the fact in mostly the same words) is no doubt at all, and a small lead
 * over passages that say something else is. A best answer with close rivals shows at most
 * the unchecked ceiling of `answerability.ts`: the reply becomes "Not sure — the closest
 * passages:" with them among the passages. Chosen by measurement on the training question
 * sets (docs/quality.md, "Close rivals").
 */
import { UNCHECKED_CEILING } from './answerability.js';

/** What the check reads of a ranked passage. */
export interface RivalView {
  score: number;
  /** Its article's id and its paragraph's position there. */
  article: string;
  paragraph: number;
  /** For a question asking for a date, number, name, place or the like (not a reason): the phrase that answers it, when one is marked. */
  phrase: string | undefined;
  /** The sentence's search terms. */
  terms: ReadonlySet<string>;
}

/**
 * Least rank-score lead of a confident answer over its first rival: the lead within which
 * two passages count as about as good (as for showing two passages).
 */
export const CLOSE_LEAD = 0.3;
/**
 * Least lead over the k-th rival for k from 2: k times this (a crowd of near rivals is
 * doubt too). Among the training sets' confident answers with less, or under `CLOSE_LEAD`
 * over the first, few were right (real pages 3 of 12, the seeds' training questions 1 of
 * 13, SQuAD tune 83 of 350); a lead of 1 over the first costs right answers of the shared
 * seed set.
 */
const CROWD_LEAD = 0.75;
/** Rivals whose leads are read. */
const RIVALS_READ = 3;

/** The least lead of a confident answer over its `k`-th rival. */
const leastLead = (k: number) => (k === 1 ? CLOSE_LEAD : k * CROWD_LEAD);

/** Whether two sentences share at least half of the terms of the shorter one: they tell the same fact. */
export function shareMostTerms(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size)) >= 0.5;
}

/** Whether `other` says what `best` says: a passage of the same story (its paragraph or the next one either way), the same answer phrase when both have one, else most of the same terms. */
function agrees(best: RivalView, other: RivalView): boolean {
  if (best.article === other.article && Math.abs(best.paragraph - other.paragraph) <= 1) return true;
  const a = best.phrase?.toLowerCase();
  const b = other.phrase?.toLowerCase();
  if (a !== undefined && b !== undefined) return a.includes(b) || b.includes(a);
  return shareMostTerms(best.terms, other.terms);
}

/**
 * Whether the best of `ranked` (best first, one per paragraph) has close rivals: its k-th
 * rival (the k-th passage after it that does not agree with it), for k up to
 * `RIVALS_READ`, within `leastLead(k)` of its score. `view` reads a passage (called only
 * for the passages looked at).
 */
export function hasCloseRival<T>(ranked: readonly T[], view: (passage: T) => RivalView): boolean {
  const [first, ...others] = ranked;
  if (first === undefined) return false;
  const best = view(first);
  let rivals = 0;
  for (const passage of others) {
    const other = view(passage);
    const lead = best.score - other.score;
    if (lead >= leastLead(RIVALS_READ)) return false;
    if (agrees(best, other)) continue;
    rivals++;
    if (lead < leastLead(rivals)) return true;
    if (rivals === RIVALS_READ) return false;
  }
  return false;
}

/** The best answer's confidence as shown: at most the unchecked ceiling when it has close rivals. */
export function rivalledConfidence(confidence: number, rivalled: boolean): number {
  return rivalled ? Math.min(confidence, UNCHECKED_CEILING) : confidence;
}
