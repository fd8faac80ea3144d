import { z } from 'zod';
import { ConfigError } from './errors.js';
import { defaultFetchSettings, type FetchSettings } from './links/fetchDocument.js';
import type { LogLevel } from './logger.js';
import type { BackendSettings } from './search/backendSettings.js';

/** Where `npm run sphinx:up` starts its shards, and so the Sphinx settings' defaults. */
export const LOCAL_SPHINX = { address: '127.0.0.1:9306', shards: '127.0.0.1:9306,127.0.0.1:9307', index: 'archivist' } as const;

/** The core's settings (each chat adapter validates its own). */
export interface CoreConfig {
  /** Folder of articles or `.jsonl` file. @default 'seeds' */
  corpus: string;
  /** Where the index is saved. @default 'index-data' */
  indexDir: string;
  /** @default 'info' */
  logLevel: LogLevel;
  /** Which search backend ranks paragraphs. @default { kind: 'embedded' } */
  backend: BackendSettings;
  /** A scoring model file to use instead of the shipped one (`npm run fit` writes them). */
  scoringModel?: string;
  /** Links and feeds added to a corpus folder. */
  links: LinkSettings;
}

/** Settings of `archivist add`, chat `add` and feeds. */
export interface LinkSettings {
  /** Slack user ids and Discord user or role ids that may add links from chat. @default [] */
  editors: string[];
  /** RSS 2.0 / Atom feeds polled by `start` and `archivist feeds`. @default [] */
  feeds: string[];
  /** Minutes between two polls of the feeds. @default 15 */
  feedMinutes: number;
  /** How pages and feeds are fetched (time-out, size cap, redirects, private addresses). */
  fetch: FetchSettings;
}

/** A Slack user id (`U…`, `W…` in Enterprise Grid) or a Discord user or role id (a snowflake). */
const EDITOR_ID = /^(?:[UW][A-Z0-9]{1,20}|\d{17,20})$/;
const HOST_PORT = /[^\s:,]+:\d{1,5}/.source;

const schema = z.object({
  ARCHIVIST_CORPUS: z.string().trim().min(1).default('seeds'),
  ARCHIVIST_INDEX_DIR: z.string().trim().min(1).default('index-data'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  ARCHIVIST_SCORING_MODEL: z.string().trim().min(1).optional(),
  // `minisearch`, the name of the embedded backend before its postings index, still means it.
  SEARCH_BACKEND: z.enum(['embedded', 'minisearch', 'sphinx']).default('embedded'),
  SPHINX_ADDRESS: z.string().trim().regex(new RegExp(`^${HOST_PORT}$`), 'must be host:port').default(LOCAL_SPHINX.address),
  SPHINX_SHARDS: z
    .string()
    .trim()
    .regex(new RegExp(`^${HOST_PORT}(\\s*,\\s*${HOST_PORT})*$`), 'must be host:port,host:port,… in shard order')
    .default(LOCAL_SPHINX.shards),
  SPHINX_INDEX: z.string().trim().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an index name (letters, digits, _)').default(LOCAL_SPHINX.index),
  ARCHIVIST_EDITORS: z.string().default('').superRefine((value, context) => {
    const wrong = listOf(value).find((id) => !EDITOR_ID.test(id));
    if (wrong !== undefined) context.addIssue({ code: 'custom', message: `"${wrong}" is not a Slack user id (U0123ABCD) or a Discord user or role id (17 to 20 digits); list bare ids separated by commas or spaces, without <@…> or quotes` });
  }),
  ARCHIVIST_FEEDS: z
    .string()
    .default('')
    .refine((value) => listOf(value).every(isHttpUrl), 'must be http(s) feed URLs separated by commas or spaces'),
  ARCHIVIST_FEED_MINUTES: z.coerce.number().int('must be a whole number of minutes').min(1, 'must be 1 or more').default(15),
  ARCHIVIST_ALLOW_PRIVATE_URLS: z.string().trim().default('false'),
  ARCHIVIST_FETCH_TIMEOUT_SECONDS: z.coerce.number().positive('must be a number of seconds above 0').max(300, 'must be at most 300').default(defaultFetchSettings.timeoutMs / 1000),
  ARCHIVIST_FETCH_MAX_MB: z.coerce.number().positive('must be a number of megabytes above 0').max(100, 'must be at most 100').default(defaultFetchSettings.maxBytes / (1024 * 1024)),
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
  const { data } = result;
  const backend: BackendSettings =
    data.SEARCH_BACKEND === 'sphinx'
      ? { kind: 'sphinx', address: data.SPHINX_ADDRESS, shards: data.SPHINX_SHARDS.split(',').map((shard) => shard.trim()), index: data.SPHINX_INDEX }
      : { kind: 'embedded' };
  return {
    corpus: data.ARCHIVIST_CORPUS,
    indexDir: data.ARCHIVIST_INDEX_DIR,
    logLevel: data.LOG_LEVEL,
    backend,
    ...(data.ARCHIVIST_SCORING_MODEL ? { scoringModel: data.ARCHIVIST_SCORING_MODEL } : {}),
    links: {
      editors: listOf(data.ARCHIVIST_EDITORS),
      feeds: listOf(data.ARCHIVIST_FEEDS),
      feedMinutes: data.ARCHIVIST_FEED_MINUTES,
      fetch: {
        ...defaultFetchSettings,
        allowPrivate: privateUrlPolicy(data.ARCHIVIST_ALLOW_PRIVATE_URLS),
        timeoutMs: Math.round(data.ARCHIVIST_FETCH_TIMEOUT_SECONDS * 1000),
        maxBytes: Math.round(data.ARCHIVIST_FETCH_MAX_MB * 1024 * 1024),
      },
    },
  };
}

/** A list written with commas or spaces between its items. */
function listOf(value: string): string[] {
  return value.split(/[\s,]+/).filter((item) => item !== '');
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value);
}

/** `true`/`false`, or the host names that may lead to private addresses (an intranet). */
function privateUrlPolicy(value: string): boolean | ReadonlySet<string> {
  if (/^(?:true|yes|1)$/i.test(value)) return true;
  if (/^(?:false|no|0)$/i.test(value)) return false;
  return new Set(listOf(value).map((host) => host.toLowerCase()));
}

/** Treats `VAR=` (empty) like an unset variable, as `.env` files often leave them. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''));
}
