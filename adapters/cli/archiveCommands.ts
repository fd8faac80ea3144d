import type { ArticlePreview, ArticleSummary, RemoveResult } from '../../src/index.js';
import type { CommandStreams } from './addCommand.js';

/**
 * What `archivist show` prints for one input: with `json`, one JSON object on one line
 * (`file` or `url`, `title`, `date`, `publisher`, `byline`, `paragraphs`, `skipped`);
 * otherwise the input, its metadata and its numbered paragraphs, or why it is skipped.
 */
export function formatPreview(preview: ArticlePreview, json: boolean): string {
  if (json) {
    const { file, url, title, date, publisher, byline, paragraphs, skipped } = preview;
    return `${JSON.stringify({ ...(file === undefined ? {} : { file }), url, title, date, publisher, byline, paragraphs, skipped })}\n`;
  }
  const lines = [`== ${preview.file ?? preview.url ?? ''}`];
  if (preview.skipped !== null) {
    lines.push(`Skipped: ${preview.skipped}`);
  } else {
    const field = (name: string, value: string | null) => lines.push(`${`${name}:`.padEnd(11)}${value ?? '(none)'}`);
    field('Title', preview.title);
    field('Date', preview.date);
    field('Publisher', preview.publisher);
    field('Byline', preview.byline);
    field('URL', preview.url);
    lines.push(`${preview.paragraphs.length} paragraph${preview.paragraphs.length === 1 ? '' : 's'}:`);
    // A paragraph's own line breaks stay, indented under its number.
    preview.paragraphs.forEach((paragraph, index) => lines.push(`[${index + 1}] ${paragraph.replaceAll('\n', '\n    ')}`));
  }
  return `${lines.join('\n')}\n\n`;
}

/**
 * What `archivist list` prints: with `json`, one object a line (`key`, `title`, `date`,
 * `publisher`, `byline`, `paragraphs` as a count, `url`); otherwise one line an article and the count.
 */
export function formatArticleList(articles: readonly ArticleSummary[], json: boolean): string {
  if (json) return articles.map(({ key, title, date, publisher, byline, paragraphs, url }) => `${JSON.stringify({ key, title, date, publisher, byline, paragraphs, url })}\n`).join('');
  const lines = articles.map(({ key, title, date, publisher, paragraphs, url }) => {
    const facts = [title === null ? null : `"${title}"`, publisher, date, `${paragraphs} paragraph${paragraphs === 1 ? '' : 's'}`, url].filter(Boolean).join(', ');
    return `${key} — ${facts}`;
  });
  return `${[...lines, `${articles.length} article${articles.length === 1 ? '' : 's'}.`].join('\n')}\n`;
}

/** Writes one line per article removed on `out`, each refusal on `err`; resolves with whether all were removed. */
export function writeRemoveResults(results: readonly RemoveResult[], streams: CommandStreams): boolean {
  for (const result of results) {
    if (result.ok) streams.out.write(`Removed ${result.file}${result.sidecar ? ' and its sidecar' : ''}.\n`);
    else streams.err.write(`Not removed: ${result.message}\n`);
  }
  return results.every((result) => result.ok);
}
