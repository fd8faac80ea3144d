import { watch } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';

/** Quiet time after the last change before a folder counts as changed. */
export const WATCH_DEBOUNCE_MS = 250;

const WATCHED = /\.(?:txt|md|html?|meta\.json)$/i;

/**
 * Watches a corpus folder recursively and calls `onChange` once a burst of changes to
 * article files (`.txt`, `.md`, `.html`, `.htm`, `.meta.json`) has been quiet for `debounceMs`.
 * Returns a function that stops watching.
 */
export function watchFolder(folder: string, onChange: () => void, logger: Logger, debounceMs = WATCH_DEBOUNCE_MS): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(folder, { recursive: true }, (_event, name) => {
    if (name !== null && !WATCHED.test(path.basename(name))) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  watcher.on('error', (error) => logger.warn(`Stopped watching ${folder}: ${error.message}.`, { folder }));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
