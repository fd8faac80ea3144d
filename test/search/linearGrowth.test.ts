/**
 * Issue #25 row 2/3/5: no input is quadratic. Over generated inputs, each grown 10×, the
 * time to read and analyse a page's text (and to read a feed's items) grows about 10×, not
 * 100×. The margin is generous (under 35×: the machine is shared), and each time is the
 * best of three runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFeedItems } from '../../src/ingest/feedItems.js';
import { analyseParagraph } from '../../src/search/corpusStore.js';
import { readSource } from '../../src/search/readJobs.js';

const GROWTH = 10;
const MOST_RATIO = 35;

function bestOfThree(work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return Math.max(best, 1);
}

/** Everything a page's text goes through before it is indexed: reading (tokens capped) and analysis. */
function readAndAnalyse(text: string, kind: 'html' | 'page'): void {
  const { article } = readSource({ articleId: 'grown', file: null, kind, text: kind === 'html' ? `<html><body><article><p>${text}</p></article></body></html>` : text });
  for (const paragraph of article.paragraphs) analyseParagraph(paragraph);
}

/** A piece repeated until it is `length` characters long. */
const grown = (piece: string, length: number) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length);

describe('time grows with the input, not with its square', () => {
  // Warm the models up once, so the first measure does not carry their loading.
  readAndAnalyse('The talks resumed in July. Officials met in Havana.', 'page');

  it('GIVEN a generated piece of text (words, or one unbroken "word") grown 10× THEN reading and analysing it takes about 10× as long', () => {
    const alphabet = fc.constantFrom(...'abcdefghij0123456789-.\'/,:;ÅéЖ');
    const piece = fc.oneof(
      fc.string({ unit: alphabet, minLength: 1, maxLength: 12 }),
      fc.array(fc.string({ unit: alphabet, minLength: 1, maxLength: 9 }), { minLength: 2, maxLength: 8 }).map((words) => `${words.join(' ')} `),
    );
    fc.assert(
      fc.property(piece, fc.constantFrom('html' as const, 'page' as const), (text, kind) => {
        const small = bestOfThree(() => readAndAnalyse(grown(text, 3000), kind));
        const large = bestOfThree(() => readAndAnalyse(grown(text, 3000 * GROWTH), kind));
        expect(large / small, `${JSON.stringify(text)} as ${kind}: ${small.toFixed(0)} ms → ${large.toFixed(0)} ms`).toBeLessThan(MOST_RATIO);
      }),
      { numRuns: 6 },
    );
  }, 120_000);

  it('GIVEN a generated feed grown 10× THEN reading its items takes about 10× as long', () => {
    const feed = (count: number, link: string) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><link>https://news.example/</link><description>d</description>${Array.from({ length: count }, (_, n) => `<item><title>Item ${n}</title><link>${link}${n}</link><guid>item-${n}</guid></item>`).join('')}</channel></rss>`;
    fc.assert(
      fc.property(fc.constantFrom('https://news.example/story/', '/relative/', 'story-'), (link) => {
        const small = bestOfThree(() => readFeedItems(feed(400, link), 'https://news.example/feed.xml'));
        const large = bestOfThree(() => readFeedItems(feed(400 * GROWTH, link), 'https://news.example/feed.xml'));
        expect(large / small, `${link}: ${small.toFixed(0)} ms → ${large.toFixed(0)} ms`).toBeLessThan(MOST_RATIO);
      }),
      { numRuns: 3 },
    );
  }, 60_000);
});
