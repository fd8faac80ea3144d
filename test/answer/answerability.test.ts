import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerResult, Archivist } from '../../src/index.js';
import { archivistOverPage } from '../helpers.js';

/**
 * A news page as a site serves it (navigation, a dated headline, a datelined lead that
 * repeats the headline's subject, a footer). It says who chairs the budget committee and
 * when the mayor was elected, and never who succeeds her, what she was paid or how long
 * the city must wait for an election.
 */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Harbor City mayor Dana Whitfield resigns over budget dispute | The Coastal Ledger</title>
<meta property="og:title" content="Harbor City mayor Dana Whitfield resigns over budget dispute">
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="article:published_time" content="2026-03-10T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Harbor City mayor Dana Whitfield resigns over budget dispute</h1>
<p>HARBOR CITY, Ore. — Harbor City mayor Dana Whitfield resigned on Monday after a months-long dispute with the city council over the budget, ending a tenure marked by fights over the waterfront.</p>
<p>Whitfield, who was elected in 2019, said in a short statement that she could no longer work with a council that had rejected three of her budget proposals in a row.</p>
<p>Council member Luis Ortega, who chairs the budget committee, said the council had acted to protect the city's reserves and wished the former mayor well.</p>
<p>The dispute centred on a plan to rebuild the ferry terminal, which the council called too expensive for a city of 48,000 residents.</p>
<p>Under the city charter, the council must choose an interim mayor within 30 days. A special election is expected in November.</p>
<p>Residents at a packed meeting on Tuesday night were divided. Some praised the mayor for pushing the waterfront plan, while others said the city could not afford it.</p>
</article>
<footer>© The Coastal Ledger</footer>
</body></html>
`;

let archivist: Archivist;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ archivist, cleanup } = await archivistOverPage('mayor-resigns.html', PAGE));
});

afterAll(async () => cleanup());

/** Expects the reply a user sees for a question the page does not answer: no answer, "Not sure" with passages of the page or "Nothing". */
function expectNoAnswer(result: AnswerResult): void {
  expect(result.answer).toBeNull();
  if (result.suggestions) {
    expect(result.noAnswerReason).toBe('Not sure — the closest passages:');
    for (const passage of result.suggestions) expect(passage.confidence).toBeLessThan(archivist.answerThreshold);
  } else expect(result.noAnswerReason).toBe('Nothing in the archive answers that.');
}

describe('questions the page does not answer, over a real-page-like article', () => {
  it('GIVEN "who replaced the mayor?" and a page that names no successor THEN no answer: the lead that repeats her name is not one', async () => {
    const result = await archivist.ask('Who replaced Dana Whitfield as mayor of Harbor City?');
    expectNoAnswer(result);
    expect(result.suggestions?.map((passage) => passage.text).join(' ')).toContain('Dana Whitfield resigned');
  });

  it('GIVEN a who-question whose only match is the lead repeating the headline THEN no answer', async () => {
    expectNoAnswer(await archivist.ask('Who will be the interim mayor of Harbor City?'));
  });

  it('GIVEN "how much" or "how long" and no sentence with an amount for it THEN no answer', async () => {
    expectNoAnswer(await archivist.ask('How much did Harbor City pay Dana Whitfield as mayor?'));
    expectNoAnswer(await archivist.ask('How long did Dana Whitfield serve as mayor of Harbor City?'));
  });

  it('GIVEN the same questions with --min-confidence 0 THEN the best passage still comes, at a confidence under the threshold', async () => {
    const result = await archivist.ask('Who replaced Dana Whitfield as mayor of Harbor City?', { minConfidence: 0 });
    expect(result.answer?.text).toContain('Harbor City');
    expect(result.answer?.confidence).toBeLessThan(archivist.answerThreshold);
  });
});

describe('questions the page answers, over the same article', () => {
  it('GIVEN a who-question the page answers with a name THEN a confident answer naming the person', async () => {
    const result = await archivist.ask('Who chairs the Harbor City budget committee?');
    expect(result.answer?.text).toContain('Luis Ortega');
    expect(result.answer?.confidence).toBeGreaterThanOrEqual(archivist.answerThreshold);
  });

  it('GIVEN a when-question the page answers THEN a confident answer with the year', async () => {
    const result = await archivist.ask('When was Dana Whitfield elected?');
    expect(result.answer?.text).toContain('2019');
  });
});
