import { lstat, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { ARTICLE_EXTENSIONS } from '../ingest/readCorpus.js';
import { sidecarPathOf } from '../ingest/sidecar.js';
import { canonicalUrl } from './archivedUrls.js';

/** An article to remove: its key (its path in the corpus folder, as `archivist list` shows it) or its web address. */
export interface ArchiveArticle {
  key: string;
  url: string | null;
}

/** The outcome of removing one article. */
export type RemoveResult =
  | { ok: true; target: string; file: string; sidecar: boolean }
  | { ok: false; target: string; message: string };

/**
 * Removes articles from a corpus folder: each target is a key (the article file's path
 * in the folder) or a web address that one of `articles` (the index's) has. The article
 * file and its `.meta.json` sidecar are deleted; a watching bot's reload then takes the
 * article out of its index. A key that leads outside the folder (`..`, an absolute path,
 * a folder linked from elsewhere), that is not an article file, or that is not there is
 * refused, as is a web address no article has. Never throws for a target: the result says why.
 */
export async function removeArticles(corpus: string, targets: readonly string[], articles: readonly ArchiveArticle[]): Promise<RemoveResult[]> {
  const folder = await realpath(corpus).catch(() => null);
  const results: RemoveResult[] = [];
  for (const target of targets) {
    if (folder === null || !(await lstat(folder)).isDirectory()) {
      results.push({ ok: false, target, message: `${target}: the corpus ${corpus} is not a folder; remove works on a corpus folder (edit a .jsonl corpus instead).` });
      continue;
    }
    const key = /^https?:\/\//i.test(target) ? keyOfUrl(target, articles) : target;
    results.push(key === null ? { ok: false, target, message: `${target}: no article in the index has this address (see archivist list).` } : await removeKey(folder, corpus, target, key));
  }
  return results;
}

function keyOfUrl(url: string, articles: readonly ArchiveArticle[]): string | null {
  const wanted = canonicalOrSelf(url);
  return articles.find((article) => article.url !== null && canonicalOrSelf(article.url) === wanted)?.key ?? null;
}

async function removeKey(folder: string, corpus: string, target: string, key: string): Promise<RemoveResult> {
  const articlePath = path.resolve(folder, key);
  const refuse = (why: string): RemoveResult => ({ ok: false, target, message: `${target}: ${why}` });
  if (path.isAbsolute(key) || !isInside(folder, articlePath)) return refuse(`it is outside the corpus folder ${corpus}; give a key as archivist list shows it.`);
  if (!ARTICLE_EXTENSIONS.includes(path.extname(articlePath).toLowerCase())) return refuse(`it is not an article file (${ARTICLE_EXTENSIONS.join(', ')}).`);
  const parent = await realpath(path.dirname(articlePath)).catch(() => null);
  if (parent === null || !isInside(folder, parent)) return refuse(parent === null ? 'there is no such article in the corpus folder.' : `it lies outside the corpus folder ${corpus} (through a linked folder).`);
  const info = await lstat(articlePath).catch(() => null);
  if (info === null || info.isDirectory()) return refuse('there is no such article in the corpus folder.');
  await rm(articlePath);
  const sidecar = await rm(sidecarPathOf(articlePath)).then(
    () => true,
    () => false,
  );
  return { ok: true, target, file: path.relative(process.cwd(), articlePath) || articlePath, sidecar };
}

/** Whether `candidate` is `folder` or lies under it. */
function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

function canonicalOrSelf(url: string): string {
  try {
    return canonicalUrl(url);
  } catch {
    return url;
  }
}
