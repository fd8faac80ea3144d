import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { readArticle, type Article } from './article.js';
import { ARTICLE_EXTENSIONS, readArticleFile } from './readCorpus.js';

/** What Archivist reads from one file or page, or why it reads nothing from it. */
export interface ArticlePreview {
  /** The file shown (as given), absent for a page fetched from the web. */
  file?: string;
  /** The article's web address: from its sidecar or page, or the address fetched. */
  url: string | null;
  title: string | null;
  date: string | null;
  publisher: string | null;
  byline: string | null;
  /** The paragraphs that would be indexed, in order. */
  paragraphs: string[];
  /** Why nothing is indexed from it (one phrase), or null when it is read. */
  skipped: string | null;
}

/** The preview of an article read, or of one skipped for `reason`. */
export function previewOf(article: Article | null, where: { file?: string; url?: string | null }, reason: string | null = null): ArticlePreview {
  const skipped = reason ?? (article === null || article.paragraphs.length === 0 ? 'no article text found in it' : null);
  return {
    ...(where.file === undefined ? {} : { file: where.file }),
    url: article?.url ?? where.url ?? null,
    title: article?.title ?? null,
    date: article?.date ?? null,
    publisher: article?.publisher ?? null,
    byline: article?.byline ?? null,
    paragraphs: skipped === null ? (article?.paragraphs ?? []) : [],
    skipped,
  };
}

/**
 * Reads one article file as a corpus folder's reader would (its sidecar, decoding, the page
 * reader, PDFs) without indexing it. Warnings other than the reason it is skipped (a
 * repaired encoding, an ignored sidecar field) go to `logger`. Never throws.
 */
export async function previewFile(file: string, logger: Logger): Promise<ArticlePreview> {
  const fullPath = path.resolve(file);
  if (!ARTICLE_EXTENSIONS.includes(path.extname(fullPath).toLowerCase())) return previewOf(null, { file }, `it is not an article file (Archivist reads ${ARTICLE_EXTENSIONS.join(', ')})`);
  const info = await stat(fullPath).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) return previewOf(null, { file }, info.code === 'ENOENT' ? 'there is no such file' : `cannot read it (${info.code ?? 'error'})`);
  if (!info.isFile()) return previewOf(null, { file }, 'it is not a file');
  let reason: string | null = null;
  const recording: Logger = {
    ...logger,
    warn: (message, fields) => {
      const skipped = /^Skipped .*?: (.*?)\.?$/s.exec(message);
      if (skipped?.[1] && reason === null) reason = skipped[1];
      else logger.warn(message, fields);
    },
  };
  const entry = await readArticleFile(path.dirname(fullPath), path.basename(fullPath), recording);
  if (entry === null) return previewOf(null, { file }, reason ?? 'it could not be read');
  try {
    return previewOf(readArticle(entry.source).article, { file });
  } catch (error) {
    return previewOf(null, { file }, `it could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}
