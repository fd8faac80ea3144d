/**
 * Worker-thread entry of the analysis pool (`analyseInParallel`): analyses each batch of
 * paragraph texts it is sent (see `encodeAnalysis`) and answers with the analyses.
 */
import { encodeAnalysis, type EncodedAnalysis } from './encodedAnalysis.js';
import { serveRequests } from './workerPool.js';

serveRequests<string[], EncodedAnalysis[]>((texts) => texts.map(encodeAnalysis));
