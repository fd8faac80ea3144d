import type { Writable } from 'node:stream';
import type { AddLinkResult, FeedReport, Logger } from '../../src/index.js';

/** Where a command's results go: what was done on `out` (stdout), each failure once on `err` (stderr). */
export interface CommandStreams {
  out: Writable;
  err: Writable;
}

/** One line for a link added or not: `Added "Title" — Publisher, 2013-07-17, 21 paragraphs (links/…html)` or why not. */
function formatAddLinkLine(result: AddLinkResult): string {
  if (!result.ok) return `Not added: ${result.message}`;
  const title = result.title ? `"${result.title}"` : result.url;
  const facts = [result.publisher, result.date, `${result.paragraphs} paragraph${result.paragraphs === 1 ? '' : 's'}`].filter(Boolean).join(', ');
  return `${result.status === 'added' ? 'Added' : 'Updated'} ${title} — ${facts} (${result.file})`;
}

/** Writes one line per link, a failure on `err`; resolves with whether every link was added. */
export function writeAddLinkResults(results: readonly AddLinkResult[], streams: CommandStreams): boolean {
  for (const result of results) (result.ok ? streams.out : streams.err).write(`${formatAddLinkLine(result)}\n`);
  return results.every((result) => result.ok);
}

/**
 * Writes what a poll of the feeds did: on `out`, one line per item added and one per feed
 * read; on `err`, one line per feed not read and per item not added.
 */
export function writeFeedReports(reports: readonly FeedReport[], streams: CommandStreams): boolean {
  for (const report of reports) {
    if (report.error) {
      streams.err.write(`Feed not read: ${report.error}\n`);
      continue;
    }
    writeAddLinkResults([...report.added, ...report.failed], streams);
    streams.out.write(`${report.feed}: ${report.added.length} new item(s) added, ${report.failed.length} failed, ${report.known} already in the archive.\n`);
  }
  return reports.every((report) => !report.error && report.failed.length === 0);
}

/**
 * The logger for a command that reports its own failures: a warning about a feed or link
 * that failed for a stated reason (it carries `reason` and the `feed` or `url`) is left
 * out, since the report says it; other warnings (an item with no link, a damaged state
 * file) pass.
 */
export function withoutReportedFailures(logger: Logger): Logger {
  return {
    ...logger,
    warn: (message, fields) => {
      if (fields?.reason !== undefined && (fields.feed !== undefined || fields.url !== undefined)) return;
      logger.warn(message, fields);
    },
  };
}
