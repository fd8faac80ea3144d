/**
 * The pages already in the archive, by canonical URL: every sidecar in the corpus folder
 * that names a `url`. Read once for a command or a feed poll that adds many links (not once
 * a link, which costs every sidecar of the archive for each page added), and kept current
 * as pages are saved.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ARTICLE_EXTENSIONS } from '../ingest/readCorpus.js';
import { SIDECAR_SUFFIX } from '../ingest/sidecar.js';

/** A saved page: its article file and what its sidecar says. */
export interface ArchivedPage {
  articlePath: string;
  sidecar: Record<string, unknown>;
}

/** Query parameters that only track where a reader came from; they never name another page. */
const TRACKING_PARAMETER = /^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$/i;

/**
 * The URL that names a page: credentials, fragment and tracking parameters dropped.
 * @throws TypeError when `url` is not a URL.
 */
export function canonicalUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  for (const name of [...parsed.searchParams.keys()]) if (TRACKING_PARAMETER.test(name)) parsed.searchParams.delete(name);
  return parsed.href;
}

/** The archive's pages by canonical URL. */
export class ArchivedUrls {
  private constructor(private readonly pages: Map<string, ArchivedPage>) {}

  /**
   * Reads every sidecar of a corpus folder once. Sidecars that cannot be read, are not JSON,
   * name no URL, or have no article file beside them are passed over (the corpus reader
   * warns about them); when two name the same page, the first by path wins.
   */
  static async read(corpus: string): Promise<ArchivedUrls> {
    const entries = await readdir(corpus, { recursive: true, withFileTypes: true }).catch(() => []);
    const files = new Set(entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)));
    const pages = new Map<string, ArchivedPage>();
    for (const sidecarPath of [...files].filter((name) => name.endsWith(SIDECAR_SUFFIX)).sort()) {
      const sidecar = await readSidecar(sidecarPath);
      const key = typeof sidecar?.['url'] === 'string' ? canonicalOrNull(sidecar['url']) : null;
      if (sidecar === undefined || key === null || pages.has(key)) continue;
      const stem = sidecarPath.slice(0, -SIDECAR_SUFFIX.length);
      const articlePath = ARTICLE_EXTENSIONS.map((extension) => stem + extension).find((candidate) => files.has(candidate));
      if (articlePath) pages.set(key, { articlePath, sidecar });
    }
    return new ArchivedUrls(pages);
  }

  /** The page saved under this canonical URL, if any. */
  find(url: string): ArchivedPage | undefined {
    return this.pages.get(url);
  }

  /** Records a page just saved, so that a later link to the same page updates it. */
  remember(url: string, page: ArchivedPage): void {
    this.pages.set(url, page);
  }
}

async function readSidecar(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function canonicalOrNull(url: string): string | null {
  try {
    return canonicalUrl(url);
  } catch {
    return null;
  }
}
