/**
 * Worker-thread entry: analyses the paragraph texts in `workerData` (see
 * `analyseParagraph`) and posts the analyses back as one JSON string (one string crosses
 * threads far faster than millions of small objects).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyseParagraph } from './corpusStore.js';

if (parentPort === null) throw new Error('analyseWorker.js runs only as a worker thread.');
parentPort.postMessage(JSON.stringify((workerData as string[]).map(analyseParagraph)));
