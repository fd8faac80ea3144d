import { z } from 'zod';
import { ConfigError } from './errors.js';

/** The core's settings (each chat adapter validates its own). */
export interface CoreConfig {
  /** Folder of articles or `.jsonl` file. @default 'seeds' */
  corpus: string;
  /** Where the index is saved. @default 'index-data' */
  indexDir: string;
  /** @default 'info' */
  logLevel: 'error' | 'warn' | 'info' | 'debug';
}

const schema = z.object({
  ARCHIVIST_CORPUS: z.string().trim().min(1).default('seeds'),
  ARCHIVIST_INDEX_DIR: z.string().trim().min(1).default('index-data'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
});

/**
 * Reads the core's settings from an environment (`process.env` after dotenv).
 * @throws ConfigError naming the first invalid variable.
 */
export function loadCoreConfig(env: Record<string, string | undefined>): CoreConfig {
  const result = schema.safeParse(withoutEmpty(env));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`Invalid setting ${String(issue?.path[0] ?? '')}: ${issue?.message ?? 'invalid value'}.`);
  }
  return { corpus: result.data.ARCHIVIST_CORPUS, indexDir: result.data.ARCHIVIST_INDEX_DIR, logLevel: result.data.LOG_LEVEL };
}

/** Treats `VAR=` (empty) like an unset variable, as `.env` files often leave them. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''));
}
