import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Deep import: natural's index pulls in every module (and database drivers); the word list alone is enough.
const { words } = require('natural/lib/natural/util/stopwords.js') as { words: string[] };

/** Words added to natural's English list: pronouns and fillers that it keeps. */
const EXTRA_STOP_WORDS = ['us', 'not', 'no', 'yes', 'will', 'shall', 'may', 'one', 'also', 'just', 'ago'];

/**
 * English stop words (natural's list plus a few pronouns and fillers), lower case.
 * Question words ("what", "when", "how") are among them: the question analyser reads them as signals instead.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([...words, ...EXTRA_STOP_WORDS]);
