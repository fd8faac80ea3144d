import { readFile } from 'node:fs/promises';
import { parseFeed } from '@rowanmanning/feed-parser';
import { decodeBytes } from '../ingest/decode.js';
import { indexFolderFor } from '../search/persist.js';
import { addLink, type AddedLink, type AddLinkOptions, type FailedLink } from './addLink.js';
import { ArchivedUrls } from './archivedUrls.js';
import { fetchDocument } from './fetchDocument.js';
import { LinkError, TRANSIENT_FAILURES } from './linkError.js';
import { writeAtomically } from './writeAtomically.js';

/** How feeds are polled: where items go, and where the items already taken are remembered. */
export interface FeedPollOptions extends AddLinkOptions {
  /** The JSON file that remembers, per feed, the items already added (kept across restarts). */
  stateFile: string;
}

/** What one poll of one feed did. */
export interface FeedReport {
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
  /** Per feed URL, the keys (GUID, else URL) of items already taken, oldest first. */
  seen: Record<string, string[]>;
}

/** Item keys remembered per feed; the oldest are forgotten first (a feed lists its latest few dozen). */
const REMEMBERED_PER_FEED = 5000;

/**
 * Polls RSS 2.0 and Atom feeds once: each new item (by GUID, or URL when it has none) is
 * fetched and added like `addLink`, once, across restarts: the keys of items taken are
 * saved in `stateFile` after each feed. An item that failed for a passing reason (time-out,
 * 5xx, DNS, network) is tried again at the next poll; any other failure is final.
 */
export async function pollFeeds(feeds: readonly string[], options: FeedPollOptions): Promise<FeedReport[]> {
  const state = await readState(options.stateFile, options.logger);
  const archive = options.archive ?? (await ArchivedUrls.read(options.corpus));
  const reports: FeedReport[] = [];
  for (const feed of feeds) {
    const report = await pollFeed(feed, state, { ...options, archive });
    reports.push(report);
    await writeAtomically(options.stateFile, Buffer.from(`${JSON.stringify(state, null, 2)}\n`));
  }
  return reports;
}

async function pollFeed(feed: string, state: FeedState, options: FeedPollOptions): Promise<FeedReport> {
  const report: FeedReport = { feed, added: [], failed: [], known: 0 };
  let items: Array<{ key: string; url: string | null }>;
  try {
    items = await readFeedItems(feed, options);
  } catch (error) {
    if (!(error instanceof LinkError)) throw error;
    options.logger.warn(`Could not read feed ${error.message}`, { feed, reason: error.reason });
    return { ...report, error: error.message };
  }
  const seen = new Set(state.seen[feed] ?? []);
  const taken: string[] = [];
  for (const item of items) {
    if (seen.has(item.key)) {
      report.known++;
      continue;
    }
    if (item.url === null) {
      options.logger.warn(`Skipped an item of feed ${feed}: it has no link.`, { feed, item: item.key });
      taken.push(item.key);
      continue;
    }
    const result = await addLink(item.url, options);
    if (result.ok) report.added.push(result);
    else {
      report.failed.push(result);
      options.logger.warn(`Could not add an item of feed ${feed}: ${result.message}`, { feed, url: item.url, reason: result.reason });
    }
    if (result.ok || !TRANSIENT_FAILURES.has(result.reason)) taken.push(item.key);
  }
  state.seen[feed] = [...(state.seen[feed] ?? []), ...taken].slice(-REMEMBERED_PER_FEED);
  return report;
}

/** The items of a feed, newest as the feed orders them, each keyed by its GUID (or URL). */
async function readFeedItems(feed: string, options: FeedPollOptions): Promise<Array<{ key: string; url: string | null }>> {
  const document = await fetchDocument(feed, 'feed', options.fetch);
  const decoded = decodeBytes(document.bytes, { declaredCharset: document.charset ?? undefined });
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(decoded?.text ?? '');
  } catch (error) {
    throw new LinkError('not-a-feed', feed, `${feed}: not an RSS or Atom feed (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
  return parsed.items.flatMap((item) => {
    const url = item.url ? new URL(item.url, document.url).href : null;
    const key = item.id ?? url;
    return key === null ? [] : [{ key, url }];
  });
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

/** Where the feed state of a corpus is kept: beside its index folder in `indexDir` (the index owns every file inside that folder). */
export function feedStateFile(indexDir: string, corpusPath: string): string {
  return `${indexFolderFor(indexDir, corpusPath)}.feeds.json`;
}
