/**
 * Worker-thread entry: brings the saved index of the job in `workerData` up to date and
 * saves it, posting progress and log lines to the parent (see `refreshInWorker`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Logger, LogLevel } from '../logger.js';
import type { RefreshJob } from './indexJob.js';
import { closeParagraphs } from './lazyParagraphs.js';
import { refreshSavedIndex } from './prepareIndex.js';
import type { WorkerMessage } from './workerBuild.js';

const port = parentPort;
if (port === null) throw new Error('indexWorker.js runs only as a worker thread.');
const post = (message: WorkerMessage) => port.postMessage(message);
const forward = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => post({ type: 'log', level, message, ...(fields ? { fields } : {}) });
const logger: Logger = { error: forward('error'), warn: forward('warn'), info: forward('info'), debug: forward('debug') };

let lastPosted = 0;
const { store } = await refreshSavedIndex(workerData as RefreshJob, logger, (progress) => {
  // Progress of every entry would flood the port; a few updates a second are enough for a bar.
  const now = performance.now();
  if (progress.phase !== 'saving' && progress.done < progress.total && now - lastPosted < 100) return;
  lastPosted = now;
  post({ type: 'progress', progress });
});
// The saved index is read back by the thread that started this one; the store file this thread read from is let go now.
closeParagraphs(store.paragraphs);
post({ type: 'done' });
