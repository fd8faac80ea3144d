import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archivist } from '../../src/index.js';
import { archivistOverPage } from '../helpers.js';

/**
 * A local news page as a site serves it. Three people give three different daily fees for
 * a stall, in sentences worded alike; the festival's director and last year's visitors are
 * each told once.
 */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Riverside food festival moves after spring floods | The Valley Courier</title>
<meta property="og:title" content="Riverside food festival moves after spring floods">
<meta property="og:site_name" content="The Valley Courier">
<meta property="article:published_time" content="2026-04-16T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article>
<h1>Riverside food festival moves after spring floods</h1>
<p>RIVERSIDE, Ky. — The Riverside food festival will leave the riverfront park this summer after spring floods damaged its lawns and paths, organisers said on Thursday.</p>
<p>Festival director Helen Marsh said the festival would be held at the county fairgrounds, which have room for twice as many stalls.</p>
<p>Stall holders will pay $150 a day at the fairgrounds, Marsh said.</p>
<p>Last year the festival drew 40,000 visitors and 120 food stalls over three days in July.</p>
<p>One vendor, Rosa Diaz, said stall holders will pay $200 a day once fees for power are added.</p>
<p>The park's repairs are expected to cost $2.3 million and to take until the autumn.</p>
<p>City council member Greg Pike said the festival should be held at the old train depot downtown, closer to the hotels and restaurants that depend on it.</p>
<p>Stall holders would pay $90 a day at the depot, Pike said.</p>
<p>Tickets go on sale in May, and the organisers said prices would not rise.</p>
</article>
<footer>© The Valley Courier</footer>
</body></html>
`;

let archivist: Archivist;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ archivist, cleanup } = await archivistOverPage('festival-moves.html', PAGE));
});

afterAll(async () => cleanup());

const FEE = 'How much will stall holders pay a day?';

describe('passages that answer otherwise, nearly as well', () => {
  it('GIVEN three people giving three daily fees in alike sentences THEN "Not sure" with the three passages, not one of them as the answer', async () => {
    const result = await archivist.ask(FEE);
    expect(result.answer).toBeNull();
    expect(result.noAnswerReason).toBe('Not sure — the closest passages:');
    const shown = (result.suggestions ?? []).map((passage) => passage.text).join(' ');
    for (const fee of ['$150', '$200', '$90']) expect(shown).toContain(fee);
    for (const passage of result.suggestions ?? []) expect(passage.confidence).toBeLessThan(archivist.answerThreshold);
  });

  it('GIVEN the same question with --min-confidence 0 THEN the best passage still comes first, at a confidence under the threshold', async () => {
    const result = await archivist.ask(FEE, { minConfidence: 0 });
    expect(result.answer?.text).toContain('$150 a day');
    expect(result.answer?.confidence).toBeLessThan(archivist.answerThreshold);
  });

  it('GIVEN questions the page answers in one passage, with no other close to it THEN confident answers', async () => {
    expect((await archivist.ask('Who is the director of the Riverside food festival?')).answer?.text).toContain('Helen Marsh');
    expect((await archivist.ask('How many visitors did the Riverside food festival draw last year?')).answer?.text).toContain('40,000 visitors');
  });
});
