import { pollFeeds, type FeedPollOptions } from './feeds.js';

/** Feed polling that runs in the background of a long-running Archivist. */
export interface FeedPolling {
  /** Stops the timer and waits for a poll under way to finish. */
  stop(): Promise<void>;
}

/**
 * Polls `feeds` now and then every `minutes`, one poll at a time (a slow poll delays the
 * next, it never overlaps it). Failures are logged by `pollFeeds`; the timer never keeps
 * the process alive by itself.
 */
export function startFeedPolling(feeds: readonly string[], minutes: number, options: FeedPollOptions): FeedPolling {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const poll = (): void => {
    running = pollFeeds(feeds, options)
      .then((reports) => {
        const added = reports.reduce((sum, report) => sum + report.added.length, 0);
        options.logger.info(`Polled ${feeds.length} feed(s): ${added} item(s) added.`, { feeds: feeds.length, added });
      })
      .catch((error: unknown) => options.logger.warn(`Feed polling failed: ${error instanceof Error ? error.message : String(error)}`, { error }))
      .finally(() => {
        if (!stopped) timer = setTimeout(poll, minutes * 60_000).unref();
      });
  };
  poll();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
