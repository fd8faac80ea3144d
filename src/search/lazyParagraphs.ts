/**
 * The paragraphs of a loaded store, decoded only when read: the store file's bytes stay in
 * memory and each paragraph's JSON line is parsed on first access (the last few thousand
 * read stay decoded, so one question sees each paragraph as one object). Opening a 100k-paragraph store then
 * costs one scan for line ends instead of creating millions of objects. The table behaves
 * as the plain `Record<number, StoredParagraph>` the store declares (a Proxy), so readers
 * need not know.
 */
import type { StoredParagraph } from './storedParagraph.js';

/** Decoded paragraphs kept, so that one question sees each paragraph as one object. */
const CACHE_SIZE = 4096;
const PREFIX = Buffer.from('{"id":');
const ARTICLE = Buffer.from(',"article":');

/** Where the paragraphs' lines are, and what changed since they were read. */
interface Lines {
  bytes: Buffer;
  /** Per id: start and end of its line in `bytes` (end 0: no line). */
  starts: Uint32Array;
  ends: Uint32Array;
  /** Per id: the article index its line holds, and the current one (articles are renumbered when some are removed). */
  savedArticle: Int32Array;
  article: Int32Array;
  /** Paragraphs added or replaced since loading. */
  added: Map<number, StoredParagraph>;
  cache: Map<number, StoredParagraph>;
}

const tables = new WeakMap<object, Lines>();

/**
 * A lazy paragraph table over the lines `[start, end)` of `bytes`, each a paragraph as
 * JSON beginning `{"id":N,"article":M,`.
 * @throws Error when a line does not begin that way.
 */
export function lazyParagraphs(bytes: Buffer, ranges: Array<[number, number]>): Record<number, StoredParagraph> {
  let highest = 0;
  const parsed = ranges.map(([start, end]) => {
    const id = readNumberAfter(bytes, start, PREFIX);
    const article = readNumberAfter(bytes, id.next, ARTICLE);
    highest = Math.max(highest, id.value);
    return { id: id.value, article: article.value, start, end };
  });
  const lines: Lines = {
    bytes,
    starts: new Uint32Array(highest + 1),
    ends: new Uint32Array(highest + 1),
    savedArticle: new Int32Array(highest + 1),
    article: new Int32Array(highest + 1),
    added: new Map(),
    cache: new Map(),
  };
  for (const { id, article, start, end } of parsed) {
    lines.starts[id] = start;
    lines.ends[id] = end;
    lines.savedArticle[id] = article;
    lines.article[id] = article;
  }
  const table = new Proxy({} as Record<number, StoredParagraph>, {
    get: (_, key) => (typeof key === 'string' ? paragraphOf(lines, Number(key)) : undefined),
    has: (_, key) => typeof key === 'string' && holds(lines, Number(key)),
    set: (_, key, value: StoredParagraph) => {
      const id = Number(key);
      lines.added.set(id, value);
      lines.cache.delete(id);
      if (id < lines.ends.length) lines.ends[id] = 0;
      return true;
    },
    deleteProperty: (_, key) => {
      const id = Number(key);
      lines.added.delete(id);
      lines.cache.delete(id);
      if (id < lines.ends.length) lines.ends[id] = 0;
      return true;
    },
    ownKeys: () => idsOf(lines).map(String),
    getOwnPropertyDescriptor: (_, key) => {
      const paragraph = typeof key === 'string' ? paragraphOf(lines, Number(key)) : undefined;
      return paragraph ? { value: paragraph, writable: true, enumerable: true, configurable: true } : undefined;
    },
  });
  tables.set(table, lines);
  return table;
}

/**
 * Sets the article index of a paragraph. For a lazy table this does not decode the
 * paragraph (renumbering after a removal touches every later paragraph).
 */
export function setParagraphArticle(paragraphs: Record<number, StoredParagraph>, id: number, article: number): void {
  const lines = tables.get(paragraphs);
  if (!lines || lines.added.has(id)) {
    const paragraph = paragraphs[id];
    if (paragraph) paragraph.article = article;
    return;
  }
  if (id < lines.ends.length && lines.ends[id] !== 0) lines.article[id] = article;
  const cached = lines.cache.get(id);
  if (cached) cached.article = article;
}

/**
 * Each paragraph of a table as a JSON line, in id order: for a lazy table, lines still as
 * they were read are copied as bytes, without decoding.
 */
export function* paragraphLines(paragraphs: Record<number, StoredParagraph>): Generator<string | Buffer> {
  const lines = tables.get(paragraphs);
  if (!lines) {
    for (const paragraph of Object.values(paragraphs)) yield JSON.stringify(paragraph);
    return;
  }
  for (const id of idsOf(lines)) {
    const raw = !lines.added.has(id) && lines.article[id] === lines.savedArticle[id];
    yield raw ? lines.bytes.subarray(lines.starts[id], lines.ends[id]) : JSON.stringify(paragraphOf(lines, id));
  }
}

function holds(lines: Lines, id: number): boolean {
  return lines.added.has(id) || (Number.isInteger(id) && id >= 0 && id < lines.ends.length && lines.ends[id] !== 0);
}

function paragraphOf(lines: Lines, id: number): StoredParagraph | undefined {
  const added = lines.added.get(id);
  if (added) return added;
  if (!holds(lines, id)) return undefined;
  let paragraph = lines.cache.get(id);
  if (!paragraph) {
    paragraph = JSON.parse(lines.bytes.toString('utf8', lines.starts[id], lines.ends[id])) as StoredParagraph;
    paragraph.article = lines.article[id] ?? paragraph.article;
    if (lines.cache.size >= CACHE_SIZE) lines.cache.delete(lines.cache.keys().next().value as number);
    lines.cache.set(id, paragraph);
  }
  return paragraph;
}

/** The ids held, ascending (as a plain object lists integer keys). */
function idsOf(lines: Lines): number[] {
  const ids: number[] = [];
  for (let id = 0; id < lines.ends.length; id++) if (lines.ends[id] !== 0 && !lines.added.has(id)) ids.push(id);
  return [...ids, ...lines.added.keys()].sort((a, b) => a - b);
}

/** The non-negative integer right after `tag` at `at`, and where it ends. */
function readNumberAfter(bytes: Buffer, at: number, tag: Buffer): { value: number; next: number } {
  if (bytes.compare(tag, 0, tag.length, at, at + tag.length) !== 0) throw new Error('malformed store line');
  let next = at + tag.length;
  let value = 0;
  while (next < bytes.length && bytes[next]! >= 48 && bytes[next]! <= 57) value = value * 10 + bytes[next++]! - 48;
  if (next === at + tag.length) throw new Error('malformed store line');
  return { value, next };
}
