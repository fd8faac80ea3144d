import { Worker } from 'node:worker_threads';
import type { Logger, LogLevel } from '../logger.js';
import type { IndexProgress, RefreshJob } from './indexJob.js';
import { workerScript } from './workerScript.js';

/** What the index worker tells the thread that started it. */
export type WorkerMessage =
  | { type: 'progress'; progress: IndexProgress }
  | { type: 'log'; level: LogLevel; message: string; fields?: Record<string, unknown> }
  | { type: 'done' };

/**
 * Runs `refreshSavedIndex` for a job in a worker thread: the worker builds or updates the
 * index and saves it to the job's folder, forwarding progress and log lines, so that this
 * thread's event loop stays free. Resolves once the index is saved.
 */
export function refreshInWorker(job: RefreshJob, logger: Logger, onProgress?: (progress: IndexProgress) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript('indexWorker.js'), { workerData: job });
    let done = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'log') logger[message.level](message.message, message.fields);
      else done = true;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (done) resolve();
      else reject(new Error(`The index worker stopped (exit code ${code}) before saving the index.`));
    });
  });
}
