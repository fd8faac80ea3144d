import { createHash } from 'node:crypto';
import path from 'node:path';
import { LinkError } from './linkError.js';

/** The folder of the corpus that added pages go to. */
export const LINKS_FOLDER = 'links';

/**
 * Where a page keyed by `url` is saved in a corpus: `links/HOST/slug-HASH.html`, every part
 * made of safe characters only (a host of `..` becomes `__`), and the result proved to lie
 * inside the corpus's `links/` folder.
 * @throws LinkError when the path would lie outside it (which the sanitizing should make impossible).
 */
export function savedPathFor(corpus: string, url: string): string {
  const parsed = new URL(url);
  const host = safeSegment(parsed.hostname.toLowerCase()) || 'site';
  const last = parsed.pathname.split('/').filter(Boolean).pop() ?? '';
  const slug = safeSegment(last.replace(/\.[a-z0-9]+$/i, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60)) || 'index';
  const digest = createHash('sha256').update(url).digest('hex').slice(0, 8);
  const target = path.join(corpus, LINKS_FOLDER, host, `${slug}-${digest}.html`);
  if (!isInside(path.join(corpus, LINKS_FOLDER), target)) throw new LinkError('bad-url', url, `${url}: its address cannot name a file inside the archive's ${LINKS_FOLDER}/ folder.`);
  return target;
}

/** Whether `target` lies strictly inside `folder` (both resolved). */
export function isInside(folder: string, target: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(target));
  return relative !== '' && relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative);
}

/** A path segment of letters, digits, dots, dashes and underscores that is never `.` or `..` (leading dots become `_`). */
function safeSegment(text: string): string {
  return text.replace(/[^a-z0-9._-]+/g, '_').replace(/^\.+/, (dots) => '_'.repeat(dots.length));
}
