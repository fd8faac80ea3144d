/**
 * A disk that cannot take the saved index (full, read-only, not ours): the index is then
 * used from memory, from the intact saved index plus what changed, and this is said once.
 */
import type { Logger } from '../logger.js';

/** Error codes of a write the disk refused: full, over quota, read-only, or not permitted. */
const NOT_WRITABLE = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM']);

/** Whether an error is a disk refusing a write (and not a fault of the data or the program). */
export function isNotWritable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NOT_WRITABLE.has(code);
}

/**
 * Runs `save`; when the disk refuses it, says so in one warning (the same words each time,
 * so a logger that says warnings once says it once) and returns false instead of throwing.
 */
export async function saveOrSayWhy(folder: string, logger: Logger, save: () => Promise<void>): Promise<boolean> {
  try {
    await save();
    return true;
  } catch (error) {
    if (!isNotWritable(error)) throw error;
    const code = (error as { code: string }).code;
    logger.warn(`Could not save the index in ${folder} (${code}: ${describe(code)}): answering from the saved index and the changes read into memory; the saved index is left as it was.`, { folder, code, notSaved: true });
    return false;
  }
}

function describe(code: string): string {
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full';
  if (code === 'EROFS') return 'the disk is read-only';
  return 'the folder may not be written';
}
