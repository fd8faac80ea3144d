/**
 * What the reading worker does, as plain functions of their input: articles from corpus
 * sources, a fetched page's article and the canonical URL it claims, a feed's items. Each
 * article's overlong tokens are cut here (`capLongTokens`), before anything tokenizes it.
 */
import { readArticle, type Article, type ArticleSource, type DroppedText } from '../ingest/article.js';
import { decodeBytes } from '../ingest/decode.js';
import { readFeedItems, type FeedItem } from '../ingest/feedItems.js';
import { extractHtmlArticle } from '../ingest/html/htmlArticle.js';
import { capLongTokens } from '../text/longTokens.js';

/** A fetched document: its bytes, the charset its HTTP header named, and the URL it came from. */
export interface FetchedBytes {
  bytes: Uint8Array;
  charset: string | null;
  url: string;
}

/** A source read: its article, what the page cleaner dropped and what the reader noted (see `readArticle`), and how many overlong tokens were cut. */
export interface ReadSource {
  article: Article;
  dropped: DroppedText | null;
  notes: string[];
  cutTokens: number;
}

/** A fetched page read: its article (null when the bytes are not text) and the canonical URL the page claims for itself, if any. */
export interface ReadPage {
  article: Article | null;
  claimedUrl: string | null;
  cutTokens: number;
}

/** A batch of one kind of work for the reading worker. */
export type ReadJob = { kind: 'sources'; sources: ArticleSource[] } | { kind: 'page'; page: FetchedBytes } | { kind: 'feed'; feed: FetchedBytes };

/** The reply to each kind of job. */
export interface ReadReplies {
  sources: ReadSource[];
  page: ReadPage;
  feed: FeedItem[];
}

/** Does one job of the reading worker. */
export function runReadJob(job: ReadJob): ReadReplies[ReadJob['kind']] {
  if (job.kind === 'sources') return job.sources.map(readSource);
  if (job.kind === 'page') return readPage(job.page);
  const decoded = decodeBytes(job.feed.bytes, { declaredCharset: job.feed.charset ?? undefined });
  return readFeedItems(decoded?.text ?? '', job.feed.url);
}

/** An article from a corpus source, its overlong tokens cut. */
export function readSource(source: ArticleSource): ReadSource {
  const { article, dropped, notes } = readArticle(source);
  const { paragraphs, cutTokens } = capParagraphs(article.paragraphs);
  return { article: { ...article, paragraphs }, dropped, notes, cutTokens };
}

function readPage({ bytes, charset, url }: FetchedBytes): ReadPage {
  const decoded = decodeBytes(bytes, { declaredCharset: charset ?? undefined, html: true });
  if (decoded === null) return { article: null, claimedUrl: null, cutTokens: 0 };
  const claimedUrl = extractHtmlArticle(decoded.text, url).metadata.url;
  const { article, cutTokens } = readSource({ articleId: url, file: null, kind: 'html', text: decoded.text });
  return { article, claimedUrl, cutTokens };
}

function capParagraphs(paragraphs: readonly string[]): { paragraphs: string[]; cutTokens: number } {
  let cutTokens = 0;
  const capped = paragraphs.map((paragraph) => {
    const { text, cut } = capLongTokens(paragraph);
    cutTokens += cut;
    return text;
  });
  return { paragraphs: capped, cutTokens };
}
