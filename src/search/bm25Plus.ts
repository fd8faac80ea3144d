import { bm25Score, type BM25_PARAMETERS } from './bm25.js';
import { documentFrequencyOf } from './corpusStore.js';
import type { ParagraphHit } from './searchBackend.js';

/** Corpus-wide counts that BM25 needs: the corpus store provides them. */
export interface CorpusStatistics {
  /** Number of paragraphs. */
  readonly paragraphCount: number;
  /** Number of paragraphs each search term occurs in. */
  readonly documentFrequency: Readonly<Record<string, number>>;
}

/** A candidate paragraph: its id and its analysed terms, in order, repeats kept. */
export interface AnalysedParagraph {
  id: number;
  terms: readonly string[];
}

/**
 * The embedded index's scores, computed for given candidates: minisearch's BM25+
 * (k, b, d of {@link BM25_PARAMETERS}; a paragraph's length is its number of distinct
 * terms) summed over the query terms, times the number of distinct query terms matched.
 * With corpus-wide statistics, a sharded engine that only supplies candidates ranks them
 * exactly as the embedded index would, whatever each shard's own term statistics.
 * @param averageLength Mean number of distinct terms per paragraph (see {@link averageDistinctTerms}).
 * @returns The candidates that match at least one term, best first (ties by id).
 */
export function scoreBm25Plus(queryTerms: readonly string[], candidates: readonly AnalysedParagraph[], statistics: CorpusStatistics, averageLength: number): ParagraphHit[] {
  const total = statistics.paragraphCount;
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
      score += bm25Score(frequency, Math.max(1, documentFrequencyOf(statistics.documentFrequency, term)), total, length, averageLength);
      matched.add(term);
    }
    if (matched.size > 0) hits.push({ id: candidate.id, score: score * matched.size });
  }
  return hits.sort((x, y) => y.score - x.score || x.id - y.id);
}

/**
 * Mean number of distinct terms per paragraph: each paragraph counts once in the
 * frequency of each of its distinct terms, so the frequencies sum to the total.
 */
export function averageDistinctTerms(statistics: CorpusStatistics): number {
  if (statistics.paragraphCount === 0) return 0;
  let sum = 0;
  for (const count of Object.values(statistics.documentFrequency)) if (typeof count === 'number') sum += count;
  return sum / statistics.paragraphCount;
}
