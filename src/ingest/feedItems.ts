import { parseFeed } from '@rowanmanning/feed-parser';

/** An item of a feed: its key (GUID, else URL) and the page it links to, absolute. */
export interface FeedItem {
  key: string;
  url: string | null;
}

/**
 * The items of an RSS 2.0 or Atom feed, in the feed's order, each keyed by its GUID (or
 * its URL when it has none); items with neither are left out. Linear in the number of
 * items: feed-parser works out the feed's own URL afresh for every item's URL (a scan of
 * all the feed's children each time), so the feed's URL is worked out once here.
 * @throws Error when the text is not an RSS or Atom feed.
 */
export function readFeedItems(text: string, feedUrl: string): FeedItem[] {
  const feed = parseFeed(text);
  Object.defineProperty(feed, 'url', { value: feed.url });
  return feed.items.flatMap((item) => {
    const url = item.url ? absoluteUrl(item.url, feedUrl) : null;
    const key = item.id ?? url;
    return key === null ? [] : [{ key, url }];
  });
}

function absoluteUrl(url: string, base: string): string | null {
  try {
    return new URL(url, base).href;
  } catch {
    return null;
  }
}
