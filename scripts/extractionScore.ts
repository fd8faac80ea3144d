/**
 * The article-extraction benchmark's body metric (Scrapinghub's article-extraction-benchmark):
 * words are `\w+` runs, 4-word shingles are counted as multisets, precision and recall are
 * taken per page, each is averaged over the pages, and F1 comes from the two means.
 */

/** Precision and recall of one page's extracted body against the expected one. */
export interface PageScore {
  precision: number;
  recall: number;
}

const WORD = /[\p{L}\p{N}\p{M}_]+/gu;
const SHINGLE = 4;

/** 4-word shingles of a text with their counts (a text of fewer words is one shingle). */
function shingles(text: string): Map<string, number> {
  const words = text.match(WORD) ?? [];
  const counts = new Map<string, number>();
  for (let start = 0; start < Math.max(1, words.length - SHINGLE + 1); start++) {
    const shingle = words.slice(start, start + SHINGLE).join(' ');
    if (shingle !== '') counts.set(shingle, (counts.get(shingle) ?? 0) + 1);
  }
  return counts;
}

/** Precision and recall of `extracted` against `expected`; an empty extraction scores 0 on both. */
export function scorePage(extracted: string, expected: string): PageScore {
  const got = shingles(extracted);
  const want = shingles(expected);
  let matched = 0;
  let gotTotal = 0;
  let wantTotal = 0;
  for (const [shingle, count] of got) {
    gotTotal += count;
    matched += Math.min(count, want.get(shingle) ?? 0);
  }
  for (const count of want.values()) wantTotal += count;
  return { precision: gotTotal === 0 ? 0 : matched / gotTotal, recall: wantTotal === 0 ? 1 : matched / wantTotal };
}

/** Mean precision and recall over pages, and the F1 of the two means. */
export function overallScore(pages: readonly PageScore[]): PageScore & { f1: number } {
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
  const precision = mean(pages.map((page) => page.precision));
  const recall = mean(pages.map((page) => page.recall));
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}
