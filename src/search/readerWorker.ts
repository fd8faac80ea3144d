/**
 * Worker-thread entry of the reading pool (`offThreadReader.ts`): does each job it is sent
 * (`runReadJob`) and answers with its result.
 */
import { runReadJob } from './readJobs.js';
import { serveRequests } from './workerPool.js';

serveRequests(runReadJob);
