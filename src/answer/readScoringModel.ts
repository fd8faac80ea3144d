import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { FEATURE_NAMES } from './sentenceFeatures.js';
import { CONFIDENCE_EXTRAS, type ScoringModel } from './scoring.js';

const weight = z.number().finite();
const weights = (names: readonly string[]) => z.object(Object.fromEntries(names.map((name) => [name, weight])));
const share = z.number().min(0).max(1);

const schema = z.object({
  version: z.string(),
  fittedOn: z.string(),
  rank: weights(FEATURE_NAMES),
  confidence: weights([...FEATURE_NAMES, ...CONFIDENCE_EXTRAS]),
  confidenceSquared: weights(FEATURE_NAMES),
  answerThreshold: share,
  confidentThreshold: share,
});

/**
 * Reads a scoring model written by `npm run fit` (for example `docs/quality/hand-set-2.json`, the weights shipped before the fit)
 * and checks that it weighs every feature this version computes.
 * @throws ConfigError naming the file and what is wrong with it.
 */
export async function readScoringModel(file: string): Promise<ScoringModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Invalid setting ARCHIVIST_SCORING_MODEL: cannot read ${file}.`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Invalid setting ARCHIVIST_SCORING_MODEL: ${file} is not JSON.`, { cause: error });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new ConfigError(`Invalid setting ARCHIVIST_SCORING_MODEL: ${file} is not a scoring model of this version (${where}: ${issue?.message ?? 'invalid'}).`);
  }
  return result.data as ScoringModel;
}
