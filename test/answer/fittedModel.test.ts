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
const fitted = await openArchivist({ corpus: folder.dir, indexDir: null, model: await readScoringModel('docs/quality/fitted-model.json') });
afterAll(() => folder.cleanup());

describe('the fitted model (ARCHIVIST_SCORING_MODEL=docs/quality/fitted-model.json) reads the wording search terms drop', () => {
  // The shipped model answers "The city council approved the airport plan in March.": its search terms drop "not".
  it('GIVEN a question saying "not" THEN the sentence saying "not" answers, not the one with the same words without it', async () => {
    const result = await fitted.ask('Which plan did the city council not approve?', { minConfidence: 0 });
    expect(result.answer?.text).toBe('The harbour plan was not approved by the city council in May.');
  });
});
