/**
 * One writer at a time in a corpus's index folder: `index`, `start`, `repl` and `ask` (in
 * any number of processes) take this lock while they read or write the saved index, so a
 * second builder waits for the first and then finds its result. The lock is a directory
 * beside the index folder (proper-lockfile); its holder touches it every few seconds, and
 * one left by a killed process is taken over once it is `LOCK_STALE_MS` old.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import type { Logger } from '../logger.js';
import { isNotWritable } from './diskErrors.js';

/** Age after which a lock nobody touches counts as left by a killed process, and is taken over. */
export const LOCK_STALE_MS = 10_000;
/** Pause between two tries while another process holds the lock. */
const RETRY_MS = 200;

/** The lock of an index folder: a directory beside it. */
export function lockPathFor(folder: string): string {
  return `${folder}.lock`;
}

/**
 * Runs `work` while holding the lock of an index folder, waiting as long as another live
 * process holds it (saying so once, at info level), and releases it afterwards.
 */
export async function withIndexLock<T>(folder: string, logger: Logger, work: () => Promise<T>): Promise<T> {
  const release = await acquire(folder, logger);
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}

async function acquire(folder: string, logger: Logger): Promise<() => Promise<void>> {
  try {
    await mkdir(path.dirname(folder), { recursive: true });
  } catch (error) {
    if (!isNotWritable(error)) throw error;
    return unlocked(folder, logger, error);
  }
  const started = performance.now();
  for (let waiting = false; ; waiting = true) {
    try {
      const release = await lockfile.lock(folder, {
        realpath: false,
        lockfilePath: lockPathFor(folder),
        stale: LOCK_STALE_MS,
        // Only if this process stalled for longer than LOCK_STALE_MS and another took the lock over.
        onCompromised: (error) => logger.warn(`Lost the lock on the index in ${folder} (${error.message}); another process may be writing it too.`, { folder }),
      });
      if (waiting) logger.info(`Waited ${((performance.now() - started) / 1000).toFixed(1)} s for another Archivist process writing the index in ${folder}.`, { folder });
      return release;
    } catch (error) {
      if (isNotWritable(error)) return unlocked(folder, logger, error);
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      if (!waiting) logger.info(`Another Archivist process is writing the index in ${folder}: waiting for it.`, { folder });
      await sleep(RETRY_MS);
    }
  }
}

/** No lock can be made where nothing can be written: the saved index is only read (any save fails, and says so). */
function unlocked(folder: string, logger: Logger, error: unknown): () => Promise<void> {
  logger.debug(`Reading the index in ${folder} without a lock: ${(error as Error).message}.`, { folder });
  return async () => undefined;
}
