/**
 * Worker-thread entry: analyses each batch of paragraph texts it is sent (see
 * `analyseParagraph`) and posts the analyses back, batch by batch, as one JSON string
 * each (one string crosses threads far faster than thousands of small objects).
 */
import { parentPort } from 'node:worker_threads';
import { analyseParagraph } from './corpusStore.js';

const port = parentPort;
if (port === null) throw new Error('analyseWorker.js runs only as a worker thread.');
port.on('message', (texts: string[]) => port.postMessage(JSON.stringify(texts.map(analyseParagraph))));
