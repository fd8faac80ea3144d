import { describe, expect, it } from 'vitest';
import { openArchivist } from '../../src/index.js';
import { SEEDS } from '../helpers.js';

const archivist = await openArchivist({ corpus: SEEDS, indexDir: null });

describe('GIVEN the five seed pages as scraped', () => {
  it('THEN each article has its headline, and publisher, date and byline only where the page states them', () => {
    const byId = Object.fromEntries(archivist.sources().map((article) => [article.articleId.slice(0, 3), article]));
    expect(byId['000']).toMatchObject({ title: 'US, Cuba agree to resume migration talks', publisher: 'The Independent', date: null, byline: null });
    expect(byId['001']).toMatchObject({ title: 'US and Cuba hold migration talks', publisher: 'BBC', date: '2009-07-15' });
    expect(byId['002']).toMatchObject({ title: 'Engaging With Cuba', publisher: null, date: null });
    expect(byId['003']).toMatchObject({ title: 'State Department confirms US-Cuba migration talks', publisher: 'Miami Herald' });
    expect(byId['004']).toMatchObject({ publisher: 'Havana Times', byline: 'Silvia Ayuso' });
  });

  it.each([
    'What are the best online card shops for Valentine\'s Day?',
    'Is Diego Costa a reminder of what Liverpool have lost?',
    'How much does the Recruitment Genius sales executive job pay?',
    'What does the Miami Herald ask commenters to refrain from?',
    'Why should I upgrade my browser to view the page?',
  ])('THEN junk is not indexed: "%s" gets no answer', async (question) => {
    const result = await archivist.ask(question);
    expect(result.answer).toBeNull();
  });

  it('THEN the article text around the junk is indexed, down to the last paragraph', async () => {
    const result = await archivist.ask('What did Cuba reiterate its willingness to keep up?');
    expect(result.answer?.text).toContain('reiterated its willingness to keep up these exchanges');
  });
});
