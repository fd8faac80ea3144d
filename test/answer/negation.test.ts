import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchivist, readScoringModel } from '../../src/index.js';
import { temporaryFolder } from '../helpers.js';

const folder = await temporaryFolder();
await writeFile(
  path.join(folder.dir, 'council.txt'),
  ['Council weighs two plans', '', 'The city council approved the airport plan in March. The harbour plan was not approved by the city council in May.'].join('\n'),
);
const shipped = await openArchivist({ corpus: folder.dir, indexDir: null });
const handSet = await openArchivist({ corpus: folder.dir, indexDir: null, model: await readScoringModel('docs/quality/hand-set-2.json') });
afterAll(() => folder.cleanup());

describe('the shipped model reads the wording search terms drop', () => {
  it('GIVEN a question saying "not" THEN the sentence saying "not" answers, not the one with the same words without it', async () => {
    const question = 'Which plan did the city council not approve?';
    expect((await shipped.ask(question, { minConfidence: 0 })).answer?.text).toBe('The harbour plan was not approved by the city council in May.');
    // The hand-set weights (ARCHIVIST_SCORING_MODEL=docs/quality/hand-set-2.json) read search terms only, which drop "not".
    expect((await handSet.ask(question, { minConfidence: 0 })).answer?.text).toBe('The city council approved the airport plan in March.');
  });
});
