/**
 * The paragraphs of a store kept in a file, read from it only when needed: each
 * paragraph's JSON line is read by position, checked against its CRC-32 and parsed on
 * first access (the last few thousand read stay decoded, so one question sees each
 * paragraph as one object). Opening a 100k-paragraph store then reads none of its
 * paragraphs. A line whose bytes no longer match its checksum throws a `DamagedDataError`
 * and is never used. The table behaves as the plain `Record<number, StoredParagraph>` the
 * store declares (a Proxy), so readers need not know.
 *
 * A loaded store's table reads the saved store file; a build's table (`spooledParagraphs`)
 * appends each paragraph's line to a spool file of its own as it is added, so a build holds
 * no paragraph in memory. Once the store is saved, the table reads the saved file instead
 * (`reopenParagraphs`) and lets the one it read before go. The file descriptor keeps the
 * file the table was made from, even when a later save replaces or removes that file, so
 * the offsets always match the bytes they are read from.
 */
import { randomUUID } from 'node:crypto';
import { openSync, unlinkSync, writevSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { DamagedDataError } from './checksum.js';
import { isNotWritable } from './diskErrors.js';
import { EncodedRun, NEWLINE, RUN_BYTES, type LineRun, type ParagraphLine, type RunLine } from './lineRuns.js';
import { closeFile, keepOpen, readKept, readKeptInto, type OpenFile } from './openFiles.js';
import type { StoredParagraph } from './storedParagraph.js';
import type { StoreRecords } from './storeRecords.js';

/** Decoded paragraphs kept, so that one question sees each paragraph as one object. */
const CACHE_SIZE = 4096;
/** Bytes of a spool's lines gathered before they are written. */
const SPOOL_WRITE = 1 << 20;

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
  /** A build's table: its file is a spool that paragraphs are appended to. */
  spool?: Spool;
}

/** The end of a spool file, and the lines appended but not written yet. */
interface Spool {
  end: number;
  pending: Buffer[];
  pendingBytes: number;
}

const tables = new WeakMap<object, Lines>();

/** A lazy paragraph table over the lines of an open store file (`fd`, named `name`) that `records` describes; the table owns the descriptor from now on. */
export function lazyParagraphs(fd: number, name: string, records: StoreRecords): Record<number, StoredParagraph> {
  const lines = emptyLines();
  placeLines(lines, records);
  return tableOf(lines, fd, name);
}

/**
 * An empty table for a build, whose paragraphs are appended as JSON lines to a fresh
 * spool file in `directory` (removed at once: the table's descriptor keeps it until the
 * table is saved, closed or collected), so that the paragraphs take disk, not memory.
 */
export function spooledParagraphs(directory: string): Record<number, StoredParagraph> {
  const file = path.join(directory, `spool-${randomUUID().slice(0, 8)}.jsonl`);
  let fd: number;
  try {
    fd = openSync(file, 'wx+');
  } catch (error) {
    // A disk that refuses the spool: the paragraphs are held in memory (the save, to the same disk, says why it fails).
    if (isNotWritable(error)) return {};
    throw error;
  }
  unlinkSync(file);
  const lines = emptyLines();
  lines.spool = { end: 0, pending: [], pendingBytes: 0 };
  return tableOf(lines, fd, path.basename(file));
}

/**
 * Adds a paragraph given as its JSON line: a build's table appends the line to its spool
 * as it is; any other table holds the paragraph the line decodes to.
 */
export function addParagraphLine(paragraphs: Record<number, StoredParagraph>, paragraph: ParagraphLine): void {
  const lines = tables.get(paragraphs);
  if (lines?.spool) appendLine(lines, lines.spool, paragraph);
  else paragraphs[paragraph.id] = JSON.parse(paragraph.line.toString('utf8')) as StoredParagraph;
}

/**
 * Points a file-backed table (a loaded store's, or a build's) at the store file it was
 * just saved to, whose lines `records` describes, and closes the file it read before
 * (the replaced store, or the spool): paragraphs added since loading are read from the
 * saved file from now on. A table held in memory is left as it is.
 */
export function reopenParagraphs(paragraphs: Record<number, StoredParagraph>, file: string, records: StoreRecords): void {
  const lines = tables.get(paragraphs);
  if (!lines) return;
  const fd = openSync(file, 'r');
  const previous = lines.file;
  // The added paragraphs stay decoded, so a question under way sees the objects it saw.
  for (const [id, paragraph] of lines.added) remember(lines, id, paragraph);
  lines.added.clear();
  delete lines.spool;
  placeLines(lines, records);
  lines.file = keepOpen(paragraphs, fd, path.basename(file));
  closeFile(previous);
}

function emptyLines(): Lines {
  return {
    file: { fd: -1, name: '', closed: true },
    starts: new Float64Array(0),
    lengths: new Uint32Array(0),
    crcs: new Uint32Array(0),
    sentences: new Uint32Array(0),
    savedArticle: new Int32Array(0),
    article: new Int32Array(0),
    added: new Map(),
    cache: new Map(),
  };
}

/** Sets the tables of `lines` to the lines `records` describes, and no other. */
function placeLines(lines: Lines, records: StoreRecords): void {
  const size = records.ids.reduce((max, id) => Math.max(max, id), 0) + 1;
  Object.assign(lines, { starts: new Float64Array(size), lengths: new Uint32Array(size), crcs: new Uint32Array(size), sentences: new Uint32Array(size), savedArticle: new Int32Array(size), article: new Int32Array(size) });
  records.ids.forEach((id, at) => {
    lines.starts[id] = records.offsets[at]!;
    lines.lengths[id] = records.lengths[at]!;
    lines.crcs[id] = records.crcs[at]!;
    lines.sentences[id] = records.sentences[at]!;
    lines.savedArticle[id] = records.articles[at]!;
    lines.article[id] = records.articles[at]!;
  });
}

/** Grows the tables of `lines` to hold `id`. */
function reserve(lines: Lines, id: number): void {
  if (id < lines.lengths.length) return;
  const size = Math.max(id + 1, 2 * lines.lengths.length, 1024);
  const grown = <T extends Float64Array | Uint32Array | Int32Array>(array: T, make: new (size: number) => T): T => {
    const larger = new make(size);
    larger.set(array);
    return larger;
  };
  lines.starts = grown(lines.starts, Float64Array);
  lines.lengths = grown(lines.lengths, Uint32Array);
  lines.crcs = grown(lines.crcs, Uint32Array);
  lines.sentences = grown(lines.sentences, Uint32Array);
  lines.savedArticle = grown(lines.savedArticle, Int32Array);
  lines.article = grown(lines.article, Int32Array);
}

/** Appends a paragraph's line to a spool (written a megabyte at a time). */
function appendLine(lines: Lines, spool: Spool, { id, article, sentences, line }: ParagraphLine): void {
  if (!Number.isInteger(id) || id < 0) throw new Error(`Paragraph ids must be non-negative integers, not ${id}.`);
  reserve(lines, id);
  lines.added.delete(id);
  lines.cache.delete(id);
  lines.starts[id] = spool.end;
  lines.lengths[id] = line.length;
  lines.crcs[id] = crc32(line);
  lines.sentences[id] = sentences;
  lines.savedArticle[id] = article;
  lines.article[id] = article;
  spool.pending.push(line, NEWLINE);
  spool.pendingBytes += line.length + 1;
  spool.end += line.length + 1;
  if (spool.pendingBytes >= SPOOL_WRITE) flushSpool(lines);
}

/** Writes the lines a spool still holds to its file. */
function flushSpool(lines: Lines): void {
  const { spool } = lines;
  if (!spool || spool.pendingBytes === 0) return;
  if (lines.file.closed) throw new Error(`${lines.file.name} was closed`);
  let written: number;
  try {
    written = writevSync(lines.file.fd, spool.pending, spool.end - spool.pendingBytes);
  } catch (error) {
    if (!isNotWritable(error)) throw error;
    written = -1;
  }
  // A short write is a disk filling up (the next write would be refused): the unwritten lines are kept from the memory, not read back.
  if (written < spool.pendingBytes) {
    holdInMemory(lines, spool);
    return;
  }
  spool.pending = [];
  spool.pendingBytes = 0;
}

/** A spool the disk stopped taking (a write refused or cut short): its paragraphs are decoded into memory, and those added later stay there. */
function holdInMemory(lines: Lines, spool: Spool): void {
  delete lines.spool;
  const written = spool.end - spool.pendingBytes;
  const pending = Buffer.concat(spool.pending);
  for (let id = 0; id < lines.lengths.length; id++) {
    const start = lines.starts[id]!;
    const length = lines.lengths[id]!;
    if (length === 0) continue;
    const line = start >= written ? pending.subarray(start - written, start - written + length) : readKept(lines.file, start, length);
    const paragraph = JSON.parse(checked(lines, id, line).toString('utf8')) as StoredParagraph;
    lines.added.set(id, paragraph);
    lines.lengths[id] = 0;
  }
}


function tableOf(lines: Lines, fd: number, name: string): Record<number, StoredParagraph> {
  const table = new Proxy({} as Record<number, StoredParagraph>, {
    get: (_, key) => (typeof key === 'string' ? paragraphOf(lines, Number(key)) : undefined),
    has: (_, key) => typeof key === 'string' && holds(lines, Number(key)),
    set: (_, key, value: StoredParagraph) => {
      const id = Number(key);
      if (lines.spool) {
        appendLine(lines, lines.spool, encodeParagraph(value));
        return true;
      }
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
 * The paragraphs of a table as JSON lines, in id order, in runs of about a megabyte: for a
 * lazy table, consecutive lines still as they lie in its file (a build's spool, or the store
 * it was loaded from) are copied as bytes, read a run at a time into one buffer and each
 * line checked, without decoding; other lines are encoded. A run's bytes are overwritten by
 * the next run: write them before asking for it.
 * @throws DamagedDataError when a line to copy does not match its checksum.
 */
export function* paragraphRuns(paragraphs: Record<number, StoredParagraph>): Generator<LineRun> {
  const lines = tables.get(paragraphs);
  const encoded = new EncodedRun();
  if (!lines) {
    for (const paragraph of Object.values(paragraphs)) if (encoded.add(encodeParagraph(paragraph))) yield encoded.take();
    if (!encoded.empty()) yield encoded.take();
    return;
  }
  flushSpool(lines);
  let block = Buffer.alloc(0);
  const ids = idsOf(lines);
  for (let at = 0; at < ids.length; ) {
    const id = ids[at]!;
    if (lines.added.has(id) || lines.article[id] !== lines.savedArticle[id]) {
      if (encoded.add(encodeParagraph(paragraphOf(lines, id)!))) yield encoded.take();
      at++;
      continue;
    }
    if (!encoded.empty()) yield encoded.take();
    // The run: this line and the unchanged ones right after it in the file, up to a megabyte (or this line alone).
    const start = lines.starts[id]!;
    let end = start + lines.lengths[id]! + 1;
    let last = at + 1;
    for (; last < ids.length; last++) {
      const next = ids[last]!;
      if (lines.added.has(next) || lines.article[next] !== lines.savedArticle[next] || lines.starts[next] !== end) break;
      if (end + lines.lengths[next]! + 1 - start > RUN_BYTES) break;
      end += lines.lengths[next]! + 1;
    }
    if (block.length < end - start) block = Buffer.allocUnsafe(Math.max(RUN_BYTES, end - start));
    const bytes = block.subarray(0, readKeptInto(lines.file, block.subarray(0, end - start), start));
    const run: RunLine[] = [];
    for (; at < last; at++) {
      const copied = ids[at]!;
      const from = lines.starts[copied]! - start;
      const length = lines.lengths[copied]!;
      checked(lines, copied, bytes.subarray(from, from + length));
      // The newline is this table's to write, not the file's to say.
      if (from + length < bytes.length) bytes[from + length] = 0x0a;
      run.push({ id: copied, article: lines.article[copied]!, sentences: lines.sentences[copied]!, length, crc: lines.crcs[copied]! });
    }
    yield { bytes, lines: run };
  }
  if (!encoded.empty()) yield encoded.take();
}

function holds(lines: Lines, id: number): boolean {
  return lines.added.has(id) || (Number.isInteger(id) && id >= 0 && id < lines.lengths.length && lines.lengths[id] !== 0);
}

function paragraphOf(lines: Lines, id: number): StoredParagraph | undefined {
  // Lines are read from the file: what a spool holds is written first (or, when the disk refuses it, held in memory from here on).
  flushSpool(lines);
  const added = lines.added.get(id);
  if (added) return added;
  if (!holds(lines, id)) return undefined;
  let paragraph = lines.cache.get(id);
  if (!paragraph) {
    const line = checked(lines, id, readKept(lines.file, lines.starts[id]!, lines.lengths[id]!));
    paragraph = JSON.parse(line.toString('utf8')) as StoredParagraph;
    paragraph.article = lines.article[id] ?? paragraph.article;
    remember(lines, id, paragraph);
  }
  return paragraph;
}

/** Keeps a decoded paragraph (the oldest kept is let go when the cache is full). */
function remember(lines: Lines, id: number, paragraph: StoredParagraph): void {
  if (lines.cache.size >= CACHE_SIZE) lines.cache.delete(lines.cache.keys().next().value as number);
  lines.cache.set(id, paragraph);
}

/** A paragraph as its JSON line. */
function encodeParagraph(paragraph: StoredParagraph): ParagraphLine {
  return { id: paragraph.id, article: paragraph.article, sentences: paragraph.sentences.length, line: Buffer.from(JSON.stringify(paragraph)) };
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
