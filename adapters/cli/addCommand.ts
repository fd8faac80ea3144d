import type { Writable } from 'node:stream';
import type { AddLinkResult, FeedReport } from '../../src/index.js';

/** One line for a link added or not: `Added "Title" — Publisher, 2013-07-17, 21 paragraphs (links/…html)` or why not. */
function formatAddLinkLine(result: AddLinkResult): string {
  if (!result.ok) return `Not added: ${result.message}`;
  const title = result.title ? `"${result.title}"` : result.url;
  const facts = [result.publisher, result.date, `${result.paragraphs} paragraph${result.paragraphs === 1 ? '' : 's'}`].filter(Boolean).join(', ');
  return `${result.status === 'added' ? 'Added' : 'Updated'} ${title} — ${facts} (${result.file})`;
}

/** Writes one line per link; resolves with whether every link was added. */
export function writeAddLinkResults(results: readonly AddLinkResult[], output: Writable): boolean {
  for (const result of results) output.write(`${formatAddLinkLine(result)}\n`);
  return results.every((result) => result.ok);
}

/** Writes what a poll of the feeds did: one line per item added or not, one line per feed. */
export function writeFeedReports(reports: readonly FeedReport[], output: Writable): boolean {
  for (const report of reports) {
    if (report.error) {
      output.write(`Feed not read: ${report.error}\n`);
      continue;
    }
    for (const result of [...report.added, ...report.failed]) output.write(`  ${formatAddLinkLine(result)}\n`);
    output.write(`${report.feed}: ${report.added.length} new item(s) added, ${report.failed.length} failed, ${report.known} already in the archive.\n`);
  }
  return reports.every((report) => !report.error && report.failed.length === 0);
}
