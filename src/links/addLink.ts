import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildArticle, type SidecarMetadata } from '../ingest/article.js';
import { decodeBytes } from '../ingest/decode.js';
import { extractHtmlArticle } from '../ingest/html/htmlArticle.js';
import { sidecarPathOf } from '../ingest/sidecar.js';
import type { Logger } from '../logger.js';
import { ArchivedUrls, canonicalUrl } from './archivedUrls.js';
import { fetchDocument, type FetchSettings } from './fetchDocument.js';
import { LinkError, type LinkFailure } from './linkError.js';
import { writeAtomically } from './writeAtomically.js';

/** A page saved into the archive, as it will be indexed. */
export interface AddedLink {
  ok: true;
  /** `added`: a new file; `updated`: the page was already in the archive under this canonical URL. */
  status: 'added' | 'updated';
  /** The canonical URL, the archive's key for the page. */
  url: string;
  /** The saved page, relative to the working directory. */
  file: string;
  title: string | null;
  publisher: string | null;
  date: string | null;
  paragraphs: number;
}

/** A link that could not be added, with one line saying why. */
export interface FailedLink {
  ok: false;
  url: string;
  reason: LinkFailure;
  message: string;
}

/** The outcome of adding one link. */
export type AddLinkResult = AddedLink | FailedLink;

/** Where links go and how they are fetched. */
export interface AddLinkOptions {
  /** The corpus folder; pages are saved under `links/HOST/` in it. */
  corpus: string;
  fetch: FetchSettings;
  logger: Logger;
  /** The pages already in the archive, read once by a caller adding many links; read afresh when absent. */
  archive?: ArchivedUrls;
}

/** The folder of the corpus that added pages go to. */
const LINKS_FOLDER = 'links';

/**
 * Fetches a page and saves it into the corpus folder as the page's bytes plus a
 * `.meta.json` sidecar (its canonical URL, the HTTP charset, the fetch time), each written
 * to a temporary name and renamed into place. The canonical URL is the key: a page already
 * in the archive under it (a sidecar with that `url`) is updated in place, keeping what a
 * person wrote in its sidecar. A page with no article text is not saved. Never throws for
 * a page that cannot be added: the result says why, in one line.
 */
export async function addLink(url: string, options: AddLinkOptions): Promise<AddLinkResult> {
  try {
    return await fetchAndSave(url.trim(), options);
  } catch (error) {
    if (error instanceof LinkError) return { ok: false, url: url.trim(), reason: error.reason, message: error.message };
    throw error;
  }
}

/**
 * Adds links one after another, as `addLink` does, reading the archive's sidecars once for
 * all of them; a later link to a page an earlier one saved updates it.
 */
export async function addLinks(urls: readonly string[], options: AddLinkOptions): Promise<AddLinkResult[]> {
  const archive = options.archive ?? (await ArchivedUrls.read(options.corpus));
  const results: AddLinkResult[] = [];
  for (const url of urls) results.push(await addLink(url, { ...options, archive }));
  return results;
}

async function fetchAndSave(url: string, options: AddLinkOptions): Promise<AddedLink> {
  const { corpus } = options;
  const info = await stat(corpus).catch(() => undefined);
  if (info && !info.isDirectory()) throw new LinkError('not-a-folder', url, `${url}: the corpus ${corpus} is a file, not a folder; links are saved into a corpus folder.`);
  const page = await fetchDocument(url, 'page', options.fetch);
  const decoded = decodeBytes(page.bytes, { declaredCharset: page.charset ?? undefined, html: true });
  const canonical = canonicalUrl((decoded && extractHtmlArticle(decoded.text, page.url).metadata.url) ?? page.url);
  const archive = options.archive ?? (await ArchivedUrls.read(corpus));
  const existing = archive.find(canonical);
  // What a person wrote in an existing sidecar stays; the URL, fetch time and charset are this fetch's.
  const { charset: _previousCharset, ...kept } = existing?.sidecar ?? {};
  const sidecar: SidecarMetadata & Record<string, unknown> = { ...kept, url: canonical, fetchedAt: page.fetchedAt, ...(page.charset ? { charset: page.charset } : {}) };
  const articlePath = existing?.articlePath ?? path.join(corpus, LINKS_FOLDER, fileNameFor(canonical));
  const file = path.relative(process.cwd(), articlePath) || articlePath;
  const article = decoded && buildArticle({ articleId: file, file, kind: 'html', text: decoded.text, sidecar });
  if (!article || article.paragraphs.length === 0) throw new LinkError('no-article-text', url, `${url}: no article text found on the page.`);
  await mkdir(path.dirname(articlePath), { recursive: true });
  await writeAtomically(articlePath, page.bytes);
  await writeAtomically(sidecarPathOf(articlePath), Buffer.from(`${JSON.stringify(sidecar, null, 2)}\n`));
  archive.remember(canonical, { articlePath, sidecar });
  options.logger.info(`${existing ? 'Updated' : 'Added'} ${canonical} as ${file}.`, { url: canonical, file, paragraphs: article.paragraphs.length });
  return { ok: true, status: existing ? 'updated' : 'added', url: canonical, file, title: article.title, publisher: article.publisher, date: article.date, paragraphs: article.paragraphs.length };
}

/** `HOST/slug-HASH.html`: readable, and one file per canonical URL. */
function fileNameFor(url: string): string {
  const parsed = new URL(url);
  const last = parsed.pathname.split('/').filter(Boolean).pop() ?? '';
  const slug = last.replace(/\.[a-z0-9]+$/i, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'index';
  const digest = createHash('sha256').update(url).digest('hex').slice(0, 8);
  return path.join(parsed.hostname.toLowerCase(), `${slug}-${digest}.html`);
}
