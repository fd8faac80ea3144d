import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../logger.js';

/** Quiet time after the last change before a folder counts as changed. */
export const WATCH_DEBOUNCE_MS = 250;
/** How often the folder itself is looked at: still there, and still the same folder? */
export const FOLDER_CHECK_MS = 500;
/** How often a folder is scanned when file-system events cannot be had. */
export const POLL_MS = 2000;

const WATCHED = /\.(?:txt|md|html?|pdf|meta\.json)$/i;

/** How a folder is watched. */
export interface WatchOptions {
  /** @default WATCH_DEBOUNCE_MS */
  debounceMs?: number;
  /** @default FOLDER_CHECK_MS */
  checkMs?: number;
  /** @default POLL_MS */
  pollMs?: number;
  /** Scan the folder every `pollMs` instead of asking for events (file systems that send none, such as some network mounts). @default false */
  poll?: boolean;
}

/**
 * Watches a corpus folder recursively and calls `onChange` once a burst of changes to
 * article files (`.txt`, `.md`, `.html`, `.htm`, `.pdf`, `.meta.json`) has been quiet for `debounceMs`.
 *
 * Events come from chokidar, which also sees a file saved atomically (written under
 * another name and renamed over) and folders made later. The watch survives what deploys
 * do to the folder itself: deleted and recreated (`rm -rf; mkdir; cp`), renamed away and
 * back, replaced by another folder or a switched symlink. The folder's identity (device,
 * inode and birth time) is checked every `checkMs`, and the watch is dropped at once when the folder is reported deleted; when it changes, a new watch is set up on what is
 * there now and `onChange` is called (files may have arrived before it); while the folder
 * is gone nothing is reported. When events fail (no inotify watches left, say), the folder
 * is scanned every `pollMs` instead, with one warning. `onChange` is also called once the
 * first watch is ready, for changes made while it was being set up. Nothing here keeps the
 * process alive. Returns a function that stops watching.
 */
export function watchFolder(folder: string, onChange: () => void, logger: Logger, options: WatchOptions = {}): () => void {
  const { debounceMs = WATCH_DEBOUNCE_MS, checkMs = FOLDER_CHECK_MS, pollMs = POLL_MS } = options;
  let poll = options.poll === true;
  let watcher: FSWatcher | null = null;
  let identity: string | null = null;
  let debounce: NodeJS.Timeout | undefined;
  let checking = false;
  let stopped = false;

  const changed = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      if (!stopped && identity !== null) onChange();
    }, debounceMs);
    debounce.unref();
  };

  const detach = () => {
    void watcher?.close();
    watcher = null;
  };

  /** Sets up a watch on the folder now at `folder`. */
  const attach = (): void => {
    if (stopped) return;
    identity = identityNow(folder);
    if (identity === null) return;
    const current = watch(folder, {
      ignoreInitial: true,
      persistent: false,
      usePolling: poll,
      interval: pollMs,
      ignored: (file, stats) => stats?.isFile() === true && !WATCHED.test(file),
    });
    current.on('all', (event, file) => {
      if (event === 'unlinkDir' && path.resolve(file) === path.resolve(folder) && current === watcher) {
        // The folder itself is gone: this watch follows it no more; the next check sets up one on whatever comes back.
        detach();
        identity = null;
        return;
      }
      if (event === 'addDir' || event === 'unlinkDir' || WATCHED.test(path.basename(file))) changed();
    });
    current.once('ready', changed);
    current.on('error', (error) => {
      if (current !== watcher || stopped) return;
      if (!poll) logger.warn(`Cannot watch ${folder} through file-system events (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); scanning it every ${pollMs / 1000} s instead.`, { folder });
      poll = true;
      detach();
      identity = null; // the next check sets up the scanning watch
    });
    watcher = current;
  };

  const check = async () => {
    const now = await identityOf(folder);
    if (stopped || (now === identity && watcher !== null)) return;
    // Gone, replaced, or back: drop the old watch (it follows the old folder, if any) and set up a new one.
    const wasThere = identity !== null;
    detach();
    identity = null;
    if (now === null) {
      if (wasThere) logger.info(`${folder} is gone; waiting for it to come back.`, { folder });
      return;
    }
    attach();
    if (identity !== null) logger.info(`Watching ${folder} again.`, { folder });
  };

  const checker = setInterval(() => {
    if (checking || stopped) return;
    checking = true;
    void check().finally(() => {
      checking = false;
    });
  }, checkMs);
  checker.unref();
  attach();

  return () => {
    stopped = true;
    clearInterval(checker);
    clearTimeout(debounce);
    detach();
  };
}

/**
 * Device, inode and birth time of a folder (what tells one folder from another at the same
 * path: a folder deleted and made again often gets the same inode back), or null when there is none.
 */
async function identityOf(folder: string): Promise<string | null> {
  return describeFolder(await stat(folder).catch(() => null));
}

function identityNow(folder: string): string | null {
  try {
    return describeFolder(statSync(folder, { throwIfNoEntry: false }) ?? null);
  } catch {
    return null;
  }
}

function describeFolder(info: { isDirectory(): boolean; dev: number; ino: number; birthtimeMs: number } | null): string | null {
  return info?.isDirectory() ? `${info.dev}:${info.ino}:${info.birthtimeMs}` : null;
}
