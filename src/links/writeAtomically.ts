import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeDurably } from '../search/persist.js';

/**
 * Writes to a temporary name beside the target (a dot file no corpus reader or watcher
 * takes for an article), flushed to disk, then renames it into place: a reader sees the
 * old file or the new one, never half of one.
 */
export async function writeAtomically(target: string, bytes: Buffer): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    await writeDurably(temporary, (handle) => handle.writeFile(bytes));
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
