/**
 * The paragraphs of a loaded store, read from its file only when needed: the store file
 * stays open, and each paragraph's JSON line is read by position, checked against its
 * CRC-32 and parsed on first access (the last few thousand read stay decoded, so one
 * question sees each paragraph as one object). Opening a 100k-paragraph store then reads
 * none of its paragraphs. A line whose bytes no longer match its checksum throws a
 * `DamagedDataError` and is never used. The table behaves as the plain
 * `Record<number, StoredParagraph>` the store declares (a Proxy), so readers need not know.
 *
 * The file descriptor keeps the file the table was made from, even when a later save
 * replaces or removes that file, so the offsets always match the bytes they are read from.
 */
import { crc32 } from 'node:zlib';
import { DamagedDataError } from './checksum.js';
import { closeFile, keepOpen, readKept, type OpenFile } from './openFiles.js';
import type { StoredParagraph } from './storedParagraph.js';
import type { StoreRecords } from './storeRecords.js';

/** Decoded paragraphs kept, so that one question sees each paragraph as one object. */
const CACHE_SIZE = 4096;
/** Bytes read at once when every line is copied in order (a save). */
const BLOCK = 1 << 20;

/** Where the paragraphs' lines are, and what changed since they were read. */
interface Lines {
  file: OpenFile;
  /** Per id: start, length (0: no line), CRC-32 and sentence count of its line in the file. */
  starts: Float64Array;
  lengths: Uint32Array;
  crcs: Uint32Array;
  sentences: Uint32Array;
  /** Per id: the article index its line holds, and the current one (articles are renumbered when some are removed). */
  savedArticle: Int32Array;
  article: Int32Array;
  /** Paragraphs added or replaced since loading. */
  added: Map<number, StoredParagraph>;
  cache: Map<number, StoredParagraph>;
}

/** A paragraph of a table as a JSON line, ready to be saved. */
export interface ParagraphLine {
  id: number;
  article: number;
  sentences: number;
  line: Buffer;
}

const tables = new WeakMap<object, Lines>();

/** A lazy paragraph table over the lines of an open store file (`fd`, named `name`) that `records` describes; the table owns the descriptor from now on. */
export function lazyParagraphs(fd: number, name: string, records: StoreRecords): Record<number, StoredParagraph> {
  const highest = records.ids.reduce((max, id) => Math.max(max, id), 0);
  const lines: Lines = {
    file: { fd, name, closed: false },
    starts: new Float64Array(highest + 1),
    lengths: new Uint32Array(highest + 1),
    crcs: new Uint32Array(highest + 1),
    sentences: new Uint32Array(highest + 1),
    savedArticle: new Int32Array(highest + 1),
    article: new Int32Array(highest + 1),
    added: new Map(),
    cache: new Map(),
  };
  records.ids.forEach((id, at) => {
    lines.starts[id] = records.offsets[at]!;
    lines.lengths[id] = records.lengths[at]!;
    lines.crcs[id] = records.crcs[at]!;
    lines.sentences[id] = records.sentences[at]!;
    lines.savedArticle[id] = records.articles[at]!;
    lines.article[id] = records.articles[at]!;
  });
  const table = new Proxy({} as Record<number, StoredParagraph>, {
    get: (_, key) => (typeof key === 'string' ? paragraphOf(lines, Number(key)) : undefined),
    has: (_, key) => typeof key === 'string' && holds(lines, Number(key)),
    set: (_, key, value: StoredParagraph) => {
      const id = Number(key);
      lines.added.set(id, value);
      lines.cache.delete(id);
      if (id < lines.lengths.length) lines.lengths[id] = 0;
      return true;
    },
    deleteProperty: (_, key) => {
      const id = Number(key);
      lines.added.delete(id);
      lines.cache.delete(id);
      if (id < lines.lengths.length) lines.lengths[id] = 0;
      return true;
    },
    ownKeys: () => idsOf(lines).map(String),
    getOwnPropertyDescriptor: (_, key) => {
      const paragraph = typeof key === 'string' ? paragraphOf(lines, Number(key)) : undefined;
      return paragraph ? { value: paragraph, writable: true, enumerable: true, configurable: true } : undefined;
    },
  });
  tables.set(table, lines);
  lines.file = keepOpen(table, fd, name);
  return table;
}

/** Closes the file of a lazy table now (a worker that saved it and ends); reading it afterwards throws. */
export function closeParagraphs(paragraphs: Record<number, StoredParagraph>): void {
  const lines = tables.get(paragraphs);
  if (lines) closeFile(lines.file);
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
  if (holds(lines, id)) lines.article[id] = article;
  const cached = lines.cache.get(id);
  if (cached) cached.article = article;
}

/** The number of sentences of all paragraphs of a table (for a lazy table, without reading its lines). */
export function sentenceTotal(paragraphs: Record<number, StoredParagraph>): number {
  const lines = tables.get(paragraphs);
  if (!lines) return Object.values(paragraphs).reduce((sum, paragraph) => sum + paragraph.sentences.length, 0);
  let total = 0;
  for (let id = 0; id < lines.lengths.length; id++) if (lines.lengths[id] !== 0) total += lines.sentences[id]!;
  for (const paragraph of lines.added.values()) total += paragraph.sentences.length;
  return total;
}

/**
 * Each paragraph of a table as a JSON line, in id order: for a lazy table, lines still as
 * they were read are copied as bytes (read in order, a block at a time, each checked), without decoding.
 * @throws DamagedDataError when a line to copy does not match its checksum.
 */
export function* paragraphLines(paragraphs: Record<number, StoredParagraph>): Generator<ParagraphLine> {
  const lines = tables.get(paragraphs);
  const encode = (paragraph: StoredParagraph): ParagraphLine => ({ id: paragraph.id, article: paragraph.article, sentences: paragraph.sentences.length, line: Buffer.from(JSON.stringify(paragraph)) });
  if (!lines) {
    for (const paragraph of Object.values(paragraphs)) yield encode(paragraph);
    return;
  }
  let block: Buffer = Buffer.alloc(0);
  let blockStart = 0;
  for (const id of idsOf(lines)) {
    if (lines.added.has(id) || lines.article[id] !== lines.savedArticle[id]) {
      yield encode(paragraphOf(lines, id)!);
      continue;
    }
    const start = lines.starts[id]!;
    const length = lines.lengths[id]!;
    if (start < blockStart || start + length > blockStart + block.length) {
      // A fresh block each time: the lines already yielded may still be waiting to be written.
      block = readKept(lines.file, start, Math.max(BLOCK, length));
      blockStart = start;
    }
    yield { id, article: lines.article[id]!, sentences: lines.sentences[id]!, line: checked(lines, id, block.subarray(start - blockStart, start - blockStart + length)) };
  }
}

function holds(lines: Lines, id: number): boolean {
  return lines.added.has(id) || (Number.isInteger(id) && id >= 0 && id < lines.lengths.length && lines.lengths[id] !== 0);
}

function paragraphOf(lines: Lines, id: number): StoredParagraph | undefined {
  const added = lines.added.get(id);
  if (added) return added;
  if (!holds(lines, id)) return undefined;
  let paragraph = lines.cache.get(id);
  if (!paragraph) {
    const line = checked(lines, id, readKept(lines.file, lines.starts[id]!, lines.lengths[id]!));
    paragraph = JSON.parse(line.toString('utf8')) as StoredParagraph;
    paragraph.article = lines.article[id] ?? paragraph.article;
    if (lines.cache.size >= CACHE_SIZE) lines.cache.delete(lines.cache.keys().next().value as number);
    lines.cache.set(id, paragraph);
  }
  return paragraph;
}

/**
 * The line of paragraph `id`, when its bytes are whole and match the checksum saved for them.
 * @throws DamagedDataError otherwise.
 */
function checked(lines: Lines, id: number, line: Buffer): Buffer {
  if (line.length !== lines.lengths[id] || crc32(line) !== lines.crcs[id]) {
    throw new DamagedDataError(`paragraph ${id} of ${lines.file.name} does not match its checksum (damaged)`);
  }
  return line;
}

/** The ids held, ascending (as a plain object lists integer keys). */
function idsOf(lines: Lines): number[] {
  const ids: number[] = [];
  for (let id = 0; id < lines.lengths.length; id++) if (lines.lengths[id] !== 0 && !lines.added.has(id)) ids.push(id);
  return [...ids, ...lines.added.keys()].sort((a, b) => a - b);
}
