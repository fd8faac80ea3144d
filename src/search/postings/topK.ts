/**
 * Top-k BM25+ search over term-major postings with MaxScore early termination, ranking
 * exactly as minisearch 7.2 does for an OR query: a paragraph's score is the sum of its
 * matched terms' BM25+ scores (added in query order) times the number of distinct query
 * terms it matches; ties keep minisearch's order (paragraphs first matched by an earlier
 * query term first, then by id).
 */
import { bm25Score } from '../bm25.js';
import type { ParagraphHit } from '../searchBackend.js';
import type { PostingLists } from './postingLists.js';

/** Relative slack on score bounds, so that rounding never prunes a paragraph that could enter. */
const BOUND_SLACK = 1e-9;

/** A distinct query term with postings, and where its cursor stands. */
interface QueryTerm {
  term: number;
  cursor: number;
  end: number;
  /** Paragraphs holding the term (minisearch's "matching" count). */
  matching: number;
  /** Times the term appears in the query (each appearance adds its score, as in minisearch). */
  repeats: number;
  /** Highest score the term can add to a paragraph, repeats included. */
  bound: number;
  /** Index in the query's terms once sorted by bound. */
  slot: number;
}

interface Hit {
  id: number;
  score: number;
  /** Position in the query of the first term the paragraph matches. */
  first: number;
}

/** The `limit` best paragraphs for `queryTerms`, best first. */
export function searchTopK(lists: PostingLists, queryTerms: string[], limit: number): ParagraphHit[] {
  if (limit <= 0) return [];
  const { query, positions } = queryTermsOf(lists, queryTerms);
  if (query.length === 0) return [];
  query.sort((a, b) => a.bound - b.bound);
  query.forEach((term, slot) => (term.slot = slot));
  const termCount = query.length;
  const { docs } = lists;
  // prefixBound[p]: the best a paragraph matching only terms 0..p-1 (lowest bounds) can score.
  const boundSums = new Float64Array(termCount + 1);
  for (let index = 0; index < termCount; index++) boundSums[index + 1] = boundSums[index]! + query[index]!.bound;
  const prefixBound = (count: number) => boundSums[count]! * count * (1 + BOUND_SLACK);

  const scores = new Float64Array(termCount);
  const matched = new Uint8Array(termCount);
  const best: Hit[] = [];
  let threshold = -Infinity;
  // Terms 0..essentialFrom-1 cannot bring a paragraph into the top k on their own: they are only looked up.
  let essentialFrom = 0;
  for (;;) {
    let id = Infinity;
    for (let index = essentialFrom; index < termCount; index++) {
      const term = query[index]!;
      if (term.cursor < term.end && docs[term.cursor]! < id) id = docs[term.cursor]!;
    }
    if (id === Infinity) break;
    matched.fill(0);
    let partial = 0;
    let count = 0;
    for (let index = essentialFrom; index < termCount; index++) {
      const term = query[index]!;
      if (term.cursor < term.end && docs[term.cursor]! === id) {
        scores[index] = termScore(lists, term, term.cursor, id);
        matched[index] = 1;
        partial += scores[index]! * term.repeats;
        count++;
        term.cursor++;
      }
    }
    let pruned = false;
    for (let index = essentialFrom - 1; index >= 0; index--) {
      if (best.length === limit && (partial + boundSums[index + 1]!) * (count + index + 1) * (1 + BOUND_SLACK) < threshold) {
        pruned = true;
        break;
      }
      const term = query[index]!;
      term.cursor = seek(docs, term.cursor, term.end, id);
      if (term.cursor < term.end && docs[term.cursor]! === id) {
        scores[index] = termScore(lists, term, term.cursor, id);
        matched[index] = 1;
        partial += scores[index]! * term.repeats;
        count++;
      }
    }
    if (pruned || (best.length === limit && partial * count * (1 + BOUND_SLACK) < threshold)) continue;
    const hit = finalHit(id, positions, scores, matched);
    if (insert(best, hit, limit) && best.length === limit) {
      threshold = best[limit - 1]!.score;
      while (essentialFrom < termCount && prefixBound(essentialFrom + 1) < threshold) essentialFrom++;
    }
  }
  return best.map(({ id, score }) => ({ id, score }));
}

/** The distinct query terms that have postings, and for each query position its term (undefined when it has no postings). */
function queryTermsOf(lists: PostingLists, queryTerms: string[]): { query: QueryTerm[]; positions: Array<QueryTerm | undefined> } {
  const byTerm = new Map<number, QueryTerm>();
  const positions: Array<QueryTerm | undefined> = [];
  for (const text of queryTerms) {
    const term = text === '' ? undefined : lists.vocabulary.get(text);
    const start = term === undefined ? 0 : (lists.offsets[term] ?? 0);
    const end = term === undefined ? 0 : (lists.offsets[term + 1] ?? 0);
    if (term === undefined || end <= start) {
      positions.push(undefined);
      continue;
    }
    let entry = byTerm.get(term);
    if (!entry) {
      lists.unread?.read(term);
      entry = { term, cursor: start, end, matching: end - start, repeats: 0, bound: 0, slot: 0 };
      byTerm.set(term, entry);
    }
    entry.repeats++;
    positions.push(entry);
  }
  const query = [...byTerm.values()];
  for (const entry of query) entry.bound = upperBound(lists, entry) * entry.repeats;
  return { query, positions };
}

/** The highest BM25+ score a term gives any paragraph: at its highest frequency and in its shortest paragraph. */
function upperBound(lists: PostingLists, term: QueryTerm): number {
  const frequency = lists.maxFreq[term.term]!;
  const length = lists.minLength[term.term]!;
  return bm25Score(frequency, term.matching, lists.documentCount, length, lists.averageLength);
}

function termScore(lists: PostingLists, term: QueryTerm, at: number, id: number): number {
  return bm25Score(lists.freqs[at]!, term.matching, lists.documentCount, lists.lengths[id]!, lists.averageLength);
}

/** The first position in `docs[from..end)` holding an id ≥ `id` (postings ascend): galloping, then binary search. */
function seek(docs: Uint32Array, from: number, end: number, id: number): number {
  if (from >= end || docs[from]! >= id) return from;
  let step = 1;
  let low = from;
  let high = from + 1;
  while (high < end && docs[high]! < id) {
    low = high;
    step *= 2;
    high = Math.min(end, low + step);
  }
  while (low + 1 < high) {
    const middle = (low + high) >>> 1;
    if (docs[middle]! < id) low = middle;
    else high = middle;
  }
  return high;
}

/** A paragraph's score as minisearch computes it: matched terms' scores added in query order, times the number matched. */
function finalHit(id: number, positions: Array<QueryTerm | undefined>, scores: Float64Array, matched: Uint8Array): Hit {
  let score = 0;
  let first = -1;
  positions.forEach((term, position) => {
    if (term === undefined || matched[term.slot] !== 1) return;
    score += scores[term.slot]!;
    if (first < 0) first = position;
  });
  let distinct = 0;
  for (const flag of matched) distinct += flag;
  return { id, score: score * distinct, first };
}

/** Puts a hit in the best-first list if it belongs to the top `limit`. Returns whether it did. */
function insert(best: Hit[], hit: Hit, limit: number): boolean {
  let at = best.length;
  while (at > 0 && ranksBefore(hit, best[at - 1]!)) at--;
  if (at >= limit) return false;
  best.splice(at, 0, hit);
  if (best.length > limit) best.pop();
  return true;
}

function ranksBefore(a: Hit, b: Hit): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.first !== b.first) return a.first < b.first;
  return a.id < b.id;
}
