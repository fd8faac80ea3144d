/**
 * Worker-thread entry of the analysis pool (`analyseInParallel`): analyses each batch of
 * paragraph texts it is sent (see `analyseParagraph`) and answers with the analyses.
 */
import { analyseParagraph } from './corpusStore.js';
import { serveRequests } from './workerPool.js';

serveRequests<string[], ReturnType<typeof analyseParagraph>[]>((texts) => texts.map(analyseParagraph));
