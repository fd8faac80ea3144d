import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchivist, type Archivist } from '../../src/index.js';
import { temporaryFolder } from '../helpers.js';

/** A small report of talks between two delegations: each side's head named in its own paragraph, and who held an office when. */
const REPORT = [
  'Delegations meet for migration talks',
  'The United States and Cuba held a round of migration talks in Havana on Thursday, the first in two years.',
  'The head of the Cuban delegation, Deputy Foreign Minister Dagoberto Rodriguez, said the meeting had been fruitful.',
  'The US delegation was headed by Edward Alex Lee, an acting deputy assistant secretary of state.',
  'The two delegations agreed to meet again in Washington next year.',
  'Cuba accepted the US offer of talks on 30 May 2009, when Hillary Clinton was US Secretary of State.',
  'Cuba presented a diplomatic note to US officials on Saturday.',
].join('\n\n');

let archivist: Archivist;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const folder = await temporaryFolder();
  cleanup = folder.cleanup;
  await writeFile(path.join(folder.dir, 'talks.txt'), `${REPORT}\n`);
  archivist = await openArchivist({ corpus: folder.dir, indexDir: null });
});

afterAll(async () => cleanup());

describe('who-questions answered by the person of the asked side', () => {
  it('GIVEN "who headed the US delegation?" THEN the answer names the US head, not the Cuban one', async () => {
    const result = await archivist.ask('Who headed the US delegation?', { minConfidence: 0 });
    expect(result.answer?.text).toContain('Edward Alex Lee');
  });

  it('GIVEN "who led the Cuban delegation?" THEN the answer names the Cuban head', async () => {
    const result = await archivist.ask('Who led the Cuban delegation?', { minConfidence: 0 });
    expect(result.answer?.text).toContain('Dagoberto Rodriguez');
  });

  it('GIVEN a who-question with a "when" clause THEN the phrase shown in bold is the person, not the date', async () => {
    const result = await archivist.ask('Who was US secretary of state when Cuba accepted the offer of talks?', { minConfidence: 0 });
    const answer = result.answer;
    expect(answer?.text).toContain('Hillary Clinton');
    expect(answer?.highlight ? answer.text.slice(answer.highlight.start, answer.highlight.end) : null).toBe('Hillary Clinton');
  });
});

describe('questions asking for a day', () => {
  it('GIVEN "what day …?" over an undated report THEN its weekday is the phrase that answers', async () => {
    const result = await archivist.ask('What day did Cuba present its diplomatic note?', { minConfidence: 0 });
    const answer = result.answer;
    expect(answer?.text).toContain('diplomatic note');
    expect(answer?.highlight ? answer.text.slice(answer.highlight.start, answer.highlight.end) : null).toBe('Saturday');
  });
});
