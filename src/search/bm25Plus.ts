import { bm25Score } from './bm25.js';
import type { TermStatistics } from './paragraphSource.js';
import type { ParagraphHit } from './searchBackend.js';

/** A candidate paragraph: its id and its analysed terms, in order, repeats kept. */
export interface AnalysedParagraph {
  id: number;
  terms: readonly string[];
}

/**
 * The embedded index's scores, computed for given candidates: minisearch's BM25+
 * (k, b, d of `BM25_PARAMETERS`; a paragraph's length is its number of distinct
 * terms) summed over the query terms, times the number of distinct query terms matched.
 * With corpus-wide statistics, a sharded engine that only supplies candidates ranks them
 * exactly as the embedded index would, whatever each shard's own term statistics.
 * @returns The candidates that match at least one term, best first (ties by id).
 */
export function scoreBm25Plus(queryTerms: readonly string[], candidates: readonly AnalysedParagraph[], statistics: TermStatistics): ParagraphHit[] {
  const total = statistics.paragraphCount;
  const averageLength = statistics.averageLength();
  // Looked up once per question, not once per candidate.
  const matching = new Map(queryTerms.map((term) => [term, Math.max(1, statistics.documentFrequency(term))]));
  const hits: ParagraphHit[] = [];
  for (const candidate of candidates) {
    const frequencies = new Map<string, number>();
    for (const term of candidate.terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    const length = frequencies.size;
    let score = 0;
    const matched = new Set<string>();
    for (const term of queryTerms) {
      const frequency = frequencies.get(term);
      if (frequency === undefined) continue;
      score += bm25Score(frequency, matching.get(term) ?? 1, total, length, averageLength);
      matched.add(term);
    }
    if (matched.size > 0) hits.push({ id: candidate.id, score: score * matched.size });
  }
  return hits.sort((x, y) => y.score - x.score || x.id - y.id);
}
