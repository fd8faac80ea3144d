import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildArticle, type SidecarMetadata } from '../ingest/article.js';
import { decodeBytes } from '../ingest/decode.js';
import { extractHtmlArticle } from '../ingest/html/htmlArticle.js';
import { SIDECAR_SUFFIX, sidecarPathOf } from '../ingest/sidecar.js';
import type { Logger } from '../logger.js';
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
}

/** The folder of the corpus that added pages go to. */
const LINKS_FOLDER = 'links';
/** Query parameters that only track where a reader came from; they never name another page. */
const TRACKING_PARAMETER = /^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$/i;

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

async function fetchAndSave(url: string, options: AddLinkOptions): Promise<AddedLink> {
  const { corpus } = options;
  const info = await stat(corpus).catch(() => undefined);
  if (info && !info.isDirectory()) throw new LinkError('not-a-folder', url, `${url}: the corpus ${corpus} is a file, not a folder; links are saved into a corpus folder.`);
  const page = await fetchDocument(url, 'page', options.fetch);
  const decoded = decodeBytes(page.bytes, { declaredCharset: page.charset ?? undefined, html: true });
  const canonical = canonicalUrl((decoded && extractHtmlArticle(decoded.text, page.url).metadata.url) ?? page.url);
  const existing = await findByUrl(corpus, canonical);
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
  options.logger.info(`${existing ? 'Updated' : 'Added'} ${canonical} as ${file}.`, { url: canonical, file, paragraphs: article.paragraphs.length });
  return { ok: true, status: existing ? 'updated' : 'added', url: canonical, file, title: article.title, publisher: article.publisher, date: article.date, paragraphs: article.paragraphs.length };
}

/** The URL that names a page: fragment and tracking parameters dropped. */
function canonicalUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  for (const name of [...parsed.searchParams.keys()]) if (TRACKING_PARAMETER.test(name)) parsed.searchParams.delete(name);
  return parsed.href;
}

/** `HOST/slug-HASH.html`: readable, and one file per canonical URL. */
function fileNameFor(url: string): string {
  const parsed = new URL(url);
  const last = parsed.pathname.split('/').filter(Boolean).pop() ?? '';
  const slug = last.replace(/\.[a-z0-9]+$/i, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'index';
  const digest = createHash('sha256').update(url).digest('hex').slice(0, 8);
  return path.join(parsed.hostname.toLowerCase(), `${slug}-${digest}.html`);
}

/** The article in the corpus whose sidecar names `url`, with that sidecar; undefined when none does. */
async function findByUrl(corpus: string, url: string): Promise<{ articlePath: string; sidecar: Record<string, unknown> } | undefined> {
  const entries = await readdir(corpus, { recursive: true, withFileTypes: true }).catch(() => []);
  const names = new Set(entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)));
  for (const sidecarPath of [...names].filter((name) => name.endsWith(SIDECAR_SUFFIX)).sort()) {
    let sidecar: unknown;
    try {
      sidecar = JSON.parse(await readFile(sidecarPath, 'utf8'));
    } catch {
      continue;
    }
    if (typeof sidecar !== 'object' || sidecar === null || typeof (sidecar as { url?: unknown }).url !== 'string') continue;
    if (sameUrl((sidecar as { url: string }).url, url)) {
      const stem = sidecarPath.slice(0, -SIDECAR_SUFFIX.length);
      const articlePath = ['.html', '.htm', '.txt', '.md'].map((extension) => stem + extension).find((candidate) => names.has(candidate));
      if (articlePath) return { articlePath, sidecar: sidecar as Record<string, unknown> };
    }
  }
  return undefined;
}

function sameUrl(a: string, b: string): boolean {
  try {
    return canonicalUrl(a) === canonicalUrl(b);
  } catch {
    return false;
  }
}
