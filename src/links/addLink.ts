import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../ingest/article.js';
import { parseSidecar, sidecarPathOf } from '../ingest/sidecar.js';
import type { Logger } from '../logger.js';
import { cutTokensWarning, defaultReadingLimits, readPageOffThread, ReadingError, type ReadingLimits } from '../search/offThreadReader.js';
import type { ReadPage } from '../search/readJobs.js';
import { ArchivedUrls, canonicalUrl, type ArchivedPage } from './archivedUrls.js';
import { isInside, LINKS_FOLDER, savedPathFor } from './archivePath.js';
import { redactUrl } from './credentials.js';
import { fetchDocument, type FetchedDocument, type FetchSettings } from './fetchDocument.js';
import { LinkError, type LinkFailure } from './linkError.js';
import { writeAtomically } from './writeAtomically.js';

/** A page saved into the archive, as it will be indexed. */
export interface AddedLink {
  ok: true;
  /** `added`: a new file; `updated`: the page was already in the archive under this URL. */
  status: 'added' | 'updated';
  /** The archive's key for the page: its canonical URL when the page names one on its own site, else the URL it was fetched from. */
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
  /** The link as given, its password hidden. */
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
  /** What reading one page may take (it is read in a worker thread). @default defaultReadingLimits */
  reading?: ReadingLimits;
}

/**
 * Fetches a page, reads it in a worker thread (under a CPU-time deadline and a memory cap)
 * and saves it into the corpus folder as the page's bytes plus a `.meta.json` sidecar (its
 * URL, where it was fetched from, the HTTP charset, the fetch time), each written to a
 * temporary name and renamed into place, always inside `links/`. The page is keyed by its
 * canonical URL when that lies on its own site (the host it was fetched from or redirected
 * to), else by the URL it was fetched from: a page cannot claim another site's address. A
 * page already in the archive under that key is updated in place, keeping what a person
 * wrote in its sidecar, but only when it was saved there from the same site. A page with
 * no article text is not saved. Never throws for a page that cannot be added: the result
 * says why, in one line, with no password shown.
 */
export async function addLink(url: string, options: AddLinkOptions): Promise<AddLinkResult> {
  try {
    return await fetchAndSave(url.trim(), options);
  } catch (error) {
    if (error instanceof LinkError) return { ok: false, url: redactUrl(url.trim()), reason: error.reason, message: error.message };
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
  const { corpus, logger } = options;
  const shown = redactUrl(url);
  const info = await stat(corpus).catch(() => undefined);
  if (info && !info.isDirectory()) throw new LinkError('not-a-folder', url, `${shown}: the corpus ${corpus} is a file, not a folder; links are saved into a corpus folder.`);
  const page = await fetchDocument(url, 'page', options.fetch);
  const read = await readPage(page, shown, options);
  const key = archiveKey(page, read.claimedUrl, shown, logger);
  const archive = options.archive ?? (await ArchivedUrls.read(corpus));
  const existing = archive.find(key);
  const linksFolder = path.join(corpus, LINKS_FOLDER);
  if (existing && !cameFromHere(existing, page, linksFolder)) {
    throw new LinkError('archived-from-elsewhere', url, `${shown}: the archive already holds ${key} as ${displayPath(existing.articlePath)}, saved from another place; it is left as it is.`);
  }
  // What a person wrote in an existing sidecar stays; the URL, its origin, the fetch time and the charset are this fetch's.
  const { charset: _previousCharset, fetchedFrom: _previousOrigin, ...kept } = existing?.sidecar ?? {};
  const sidecar = { ...kept, url: key, fetchedFrom: page.url, fetchedAt: page.fetchedAt, ...(page.charset ? { charset: page.charset } : {}) };
  const articlePath = existing?.articlePath ?? savedPathFor(corpus, key);
  const file = displayPath(articlePath);
  const article = read.article && withSidecar(read.article, sidecar);
  if (!article || article.paragraphs.length === 0) throw new LinkError('no-article-text', url, `${shown}: no article text found on the page.`);
  try {
    await mkdir(path.dirname(articlePath), { recursive: true });
    await writeAtomically(articlePath, page.bytes);
    await writeAtomically(sidecarPathOf(articlePath), Buffer.from(`${JSON.stringify(sidecar, null, 2)}\n`));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new LinkError('not-saved', url, `${shown}: it could not be saved into ${corpus} (${code}).`, { cause: error });
  }
  archive.remember(key, { articlePath, sidecar });
  logger.info(`${existing ? 'Updated' : 'Added'} ${key} as ${file}.`, { url: key, file, paragraphs: article.paragraphs.length });
  return { ok: true, status: existing ? 'updated' : 'added', url: key, file, title: article.title, publisher: article.publisher, date: article.date, paragraphs: article.paragraphs.length };
}

/** The page read off this thread; a page that cannot be read fails as a link, named with why. */
async function readPage(page: FetchedDocument, shown: string, options: AddLinkOptions): Promise<ReadPage> {
  try {
    const read = await readPageOffThread({ bytes: page.bytes, charset: page.charset, url: page.url }, options.reading ?? defaultReadingLimits);
    if (read.cutTokens > 0) options.logger.warn(cutTokensWarning(shown, read.cutTokens), { url: shown, cut: read.cutTokens });
    return read;
  } catch (error) {
    if (!(error instanceof ReadingError)) throw error;
    const reason = ({ 'too-slow': 'too-slow-to-read', 'too-large': 'too-large-to-read', unreadable: 'unreadable' } as const)[error.problem];
    throw new LinkError(reason, shown, `${shown}: ${error.message}.`);
  }
}

/**
 * The archive's key for a fetched page: the canonical URL it claims when that lies on a
 * host it was fetched from (or redirected through), else the URL it was fetched from. A
 * claim on another site is refused with a warning.
 */
function archiveKey(page: FetchedDocument, claimed: string | null, shown: string, logger: Logger): string {
  const fetched = canonicalUrl(page.url);
  const canonical = claimed === null ? null : canonicalOrNull(claimed);
  if (canonical === null) return fetched;
  if (hostsOf(page).has(new URL(canonical).hostname)) return canonical;
  logger.warn(`${shown} names ${canonical} as its address, which is not on its own site: it is kept under the address it was fetched from, ${fetched}.`, { url: fetched, claimed: canonical });
  return fetched;
}

/** Whether an archived page may be replaced by this fetch: it lies inside `links/` and was saved from a host this fetch went through. */
function cameFromHere(existing: ArchivedPage, page: FetchedDocument, linksFolder: string): boolean {
  if (!isInside(linksFolder, existing.articlePath)) return false;
  const origin = existing.sidecar['fetchedFrom'] ?? existing.sidecar['url'];
  const savedFrom = typeof origin === 'string' ? canonicalOrNull(origin) : null;
  return savedFrom !== null && hostsOf(page).has(new URL(savedFrom).hostname);
}

function hostsOf(page: FetchedDocument): Set<string> {
  return new Set(page.via.map((url) => new URL(url).hostname));
}

function canonicalOrNull(url: string): string | null {
  try {
    return canonicalUrl(url);
  } catch {
    return null;
  }
}

/** The article as it will be indexed: the sidecar's title, publisher, date and byline win over what was read. */
function withSidecar(article: Article, sidecar: Record<string, unknown>): Article {
  const stated = parseSidecar(JSON.stringify(sidecar)).sidecar ?? {};
  return { ...article, ...stated };
}

function displayPath(file: string): string {
  return path.relative(process.cwd(), file) || file;
}
