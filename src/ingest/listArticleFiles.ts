import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { CorpusError } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * Documents a person may drop into a corpus expecting them read, in formats Archivist does
 * not read: each is named in a warning. Other files (images, sidecars, hidden files) are
 * left alone without a word, as the page assets and notes that sit beside articles.
 */
const UNREAD_DOCUMENTS = new Set(['.doc', '.docx', '.odt', '.rtf', '.pages', '.epub', '.mht', '.mhtml', '.xps', '.djvu', '.wpd']);

/**
 * The article files under a corpus folder, as paths relative to it, sorted. Subfolders
 * are read recursively and symbolic links are followed (to files and to folders); a
 * folder already read (a link looping back, or a second link to it) is not read twice. A
 * subfolder that cannot be read, and a link that leads nowhere, are skipped with a
 * warning naming them.
 * @throws CorpusError when the corpus folder itself cannot be read.
 */
export async function listArticleFiles(folder: string, extensions: ReadonlySet<string>, logger: Logger): Promise<string[]> {
  const found: string[] = [];
  const root = await stat(folder);
  const visited = new Set([folderKey(root)]);
  const pending = [''];
  const shown = (relative: string) => path.join(path.relative(process.cwd(), folder) || folder, relative);
  for (let relative = pending.pop(); relative !== undefined; relative = pending.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(folder, relative), { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      if (relative === '') throw new CorpusError('CORPUS_UNREADABLE', folder, `Cannot read corpus ${folder} (${code}).`, { cause: error });
      logger.warn(`Skipped the folder ${shown(relative)}: cannot read it (${code}).`, { folder: shown(relative) });
      continue;
    }
    for (const entry of entries) {
      const name = path.join(relative, entry.name);
      const extension = path.extname(entry.name).toLowerCase();
      const isArticle = extensions.has(extension);
      if (entry.isFile()) {
        if (isArticle) found.push(name);
        else if (UNREAD_DOCUMENTS.has(extension)) logger.warn(`Skipped ${shown(name)}: ${extension} documents are not read (save it as PDF, HTML or plain text).`, { file: shown(name) });
        continue;
      }
      if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
      const target = await stat(path.join(folder, name)).catch((error: NodeJS.ErrnoException) => error);
      if (target instanceof Error) {
        logger.warn(`Skipped ${shown(name)}: it is a link to nothing readable (${target.code ?? 'error'}).`, { file: shown(name) });
      } else if (target.isFile()) {
        if (isArticle) found.push(name);
      } else if (target.isDirectory()) {
        const key = folderKey(target);
        if (!visited.has(key)) {
          visited.add(key);
          pending.push(name);
        } else if (entry.isSymbolicLink()) {
          logger.warn(`Skipped the link ${shown(name)}: it leads to a folder already read (a loop, or a second link to it).`, { folder: shown(name) });
        }
      }
    }
  }
  return found.sort();
}

function folderKey(info: { dev: number; ino: number }): string {
  return `${info.dev}:${info.ino}`;
}
