import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeedItem } from '../ingest/feedItems.js';
import { defaultReadingLimits, readFeedOffThread, ReadingError } from '../search/offThreadReader.js';
import { indexFolderFor } from '../search/persist.js';
import { addLink, type AddedLink, type AddLinkOptions, type AddLinkResult, type FailedLink } from './addLink.js';
import { ArchivedUrls } from './archivedUrls.js';
import { redactUrl } from './credentials.js';
import { fetchDocument } from './fetchDocument.js';
import { LinkError, TRANSIENT_FAILURES } from './linkError.js';
import { writeAtomically } from './writeAtomically.js';

/** How feeds are polled: where items go, and where the items already taken are remembered. */
export interface FeedPollOptions extends AddLinkOptions {
  /** The JSON file that remembers, per feed, the items already added (kept across restarts); its folder is made when missing. */
  stateFile: string;
}

/** What one poll of one feed did. */
export interface FeedReport {
  /** The feed's URL, its password hidden. */
  feed: string;
  added: AddedLink[];
  failed: FailedLink[];
  /** Items seen in an earlier poll, not fetched again. */
  known: number;
  /** Set when the feed itself could not be read (one line). */
  error?: string;
}

interface FeedState {
  version: 1;
  /** Per feed URL (its password hidden), the keys (GUID, else URL) of the items it lists that were taken. */
  seen: Record<string, string[]>;
}

/**
 * Polls RSS 2.0 and Atom feeds once, each on its own: a feed that cannot be read is
 * reported and the next one is polled. Each new item (by GUID, or URL when it has none) is
 * fetched and added like `addLink`, on its own: one that fails is reported and the next
 * goes on. Items are taken once, across restarts: after each feed, the keys of the items
 * it lists that were taken are saved in `stateFile` (atomically; an item the feed no
 * longer lists is forgotten, and there is no other limit). An item that failed for a
 * passing reason (time-out, 5xx, DNS, network, a disk that could not take it) is tried
 * again at the next poll; any other failure is final. No message shows a password.
 */
export async function pollFeeds(feeds: readonly string[], options: FeedPollOptions): Promise<FeedReport[]> {
  const state = await readState(options.stateFile, options.logger);
  const archive = options.archive ?? (await ArchivedUrls.read(options.corpus));
  const reports: FeedReport[] = [];
  let stateSaved = true;
  for (const feed of feeds) {
    reports.push(await pollFeed(feed, state, { ...options, archive }));
    if (stateSaved) stateSaved = await saveState(options.stateFile, state, options.logger);
  }
  return reports;
}

async function pollFeed(feed: string, state: FeedState, options: FeedPollOptions): Promise<FeedReport> {
  const shown = redactUrl(feed);
  const report: FeedReport = { feed: shown, added: [], failed: [], known: 0 };
  let items: FeedItem[];
  try {
    items = await readFeed(feed, shown, options);
  } catch (error) {
    const message = error instanceof LinkError ? error.message : `${shown}: ${error instanceof Error ? error.message : String(error)}`;
    options.logger.warn(`Could not read feed ${message}`, { feed: shown, reason: error instanceof LinkError ? error.reason : 'unexpected' });
    return { ...report, error: message };
  }
  const seen = new Set(state.seen[shown] ?? []);
  const taken = new Set<string>();
  for (const item of items) {
    if (seen.has(item.key)) {
      report.known++;
      taken.add(item.key);
      continue;
    }
    if (item.url === null) {
      options.logger.warn(`Skipped an item of feed ${shown}: it has no link.`, { feed: shown, item: item.key });
      taken.add(item.key);
      continue;
    }
    const result = await addItem(item.url, options);
    if (result.ok) report.added.push(result);
    else {
      report.failed.push(result);
      options.logger.warn(`Could not add an item of feed ${shown}: ${result.message}`, { feed: shown, url: result.url, reason: result.reason });
    }
    if (result.ok || !TRANSIENT_FAILURES.has(result.reason)) taken.add(item.key);
  }
  state.seen[shown] = [...taken];
  return report;
}

/** Adds one item; a failure of any kind is this item's alone. */
async function addItem(url: string, options: FeedPollOptions): Promise<AddLinkResult> {
  try {
    return await addLink(url, options);
  } catch (error) {
    const message = `${redactUrl(url)}: unexpected failure (${error instanceof Error ? error.message : String(error)}).`;
    return { ok: false, url: redactUrl(url), reason: 'unexpected', message };
  }
}

/** The items of a feed, as the feed orders them, read off this thread. */
async function readFeed(feed: string, shown: string, options: FeedPollOptions): Promise<FeedItem[]> {
  const document = await fetchDocument(feed, 'feed', options.fetch);
  try {
    return await readFeedOffThread({ bytes: document.bytes, charset: document.charset, url: document.url }, options.reading ?? defaultReadingLimits);
  } catch (error) {
    if (!(error instanceof ReadingError)) throw error;
    const message = error.problem === 'unreadable' ? `not an RSS or Atom feed (${error.message})` : error.message;
    throw new LinkError('not-a-feed', feed, `${shown}: ${message}.`, { cause: error });
  }
}

async function readState(file: string, logger: FeedPollOptions['logger']): Promise<FeedState> {
  const raw = await readFile(file, 'utf8').catch(() => undefined);
  if (raw === undefined) return { version: 1, seen: {} };
  try {
    const parsed = JSON.parse(raw) as Partial<FeedState>;
    if (parsed.version === 1 && typeof parsed.seen === 'object' && parsed.seen !== null) return { version: 1, seen: parsed.seen };
  } catch {
    // Reported below.
  }
  logger.warn(`The feed state ${file} is damaged; starting it afresh (items already in the archive are updated, not duplicated).`, { file });
  return { version: 1, seen: {} };
}

/** Saves the state atomically, making its folder when missing; a state that cannot be saved is said once, and the poll goes on. Returns whether it was saved. */
async function saveState(file: string, state: FeedState, logger: FeedPollOptions['logger']): Promise<boolean> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeAtomically(file, Buffer.from(`${JSON.stringify(state)}\n`));
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    logger.warn(`Could not save the feed state ${file} (${code}): the items taken in this poll may be fetched again next time.`, { file });
    return false;
  }
}

/** Where the feed state of a corpus is kept: beside its index folder in `indexDir` (the index owns every file inside that folder). */
export function feedStateFile(indexDir: string, corpusPath: string): string {
  return `${indexFolderFor(indexDir, corpusPath)}.feeds.json`;
}
