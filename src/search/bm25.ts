/** BM25+ parameters of the paragraph index, shared by every backend that scores in process. */
export const BM25_PARAMETERS = { k: 1.2, b: 0.75, d: 0.5 } as const;

/** Inverse document frequency of a term held by `matching` of `total` paragraphs (BM25's form, as minisearch computes it). */
export function inverseDocumentFrequency(matching: number, total: number): number {
  return Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
}

/**
 * minisearch 7.2's BM25+ score of one term in one paragraph, with its operations in the
 * same order, so that both backends give bit-identical scores.
 * @param frequency occurrences of the term in the paragraph
 * @param matching number of paragraphs holding the term
 * @param total number of paragraphs
 * @param length number of distinct terms of the paragraph
 * @param averageLength mean `length` over the paragraphs
 */
export function bm25Score(frequency: number, matching: number, total: number, length: number, averageLength: number): number {
  const { k, b, d } = BM25_PARAMETERS;
  return inverseDocumentFrequency(matching, total) * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * length) / averageLength)));
}
