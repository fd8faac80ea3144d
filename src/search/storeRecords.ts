/**
 * Where each paragraph of a saved store lies in the store file, and the CRC-32 of its
 * line: saved after the postings in the index file, so that loading reads the postings
 * and this table (a few MB at 100k paragraphs) and no paragraph, and each paragraph is
 * read by position and checked when it is first needed (see `lazyParagraphs.ts`).
 *
 * Layout: a magic tag, the record count, the first line's length and CRC-32, then six
 * little-endian arrays of one entry per paragraph in file order (offsets as float64, then
 * ids, article indices, lengths, CRC-32s and sentence counts as 32-bit integers).
 */

import { readAt } from './openFiles.js';

const MAGIC = 'ARREC001';
const HEAD = MAGIC.length + 12;

/** The lines of a saved store: the first (everything but the paragraphs), then one per paragraph, in file order. */
export interface StoreRecords {
  headerLength: number;
  headerCrc: number;
  offsets: Float64Array;
  ids: Uint32Array;
  /** The article index each line holds. */
  articles: Int32Array;
  lengths: Uint32Array;
  crcs: Uint32Array;
  /** Number of sentences of each paragraph (what `counts()` reads, without decoding a line). */
  sentences: Uint32Array;
}

/** One paragraph line of a store, as `writeStore` lays it down. */
export interface StoreRecord {
  id: number;
  article: number;
  offset: number;
  length: number;
  crc: number;
  sentences: number;
}

/** The table of records written in order. */
export function recordsOf(headerLength: number, headerCrc: number, records: readonly StoreRecord[]): StoreRecords {
  // Filled in one loop: `TypedArray.from` with a mapping function took ~180 ms per save at 100k paragraphs.
  const count = records.length;
  const table: StoreRecords = {
    headerLength,
    headerCrc,
    offsets: new Float64Array(count),
    ids: new Uint32Array(count),
    articles: new Int32Array(count),
    lengths: new Uint32Array(count),
    crcs: new Uint32Array(count),
    sentences: new Uint32Array(count),
  };
  records.forEach((record, at) => {
    table.offsets[at] = record.offset;
    table.ids[at] = record.id;
    table.articles[at] = record.article;
    table.lengths[at] = record.length;
    table.crcs[at] = record.crc;
    table.sentences[at] = record.sentences;
  });
  return table;
}

/** The table as bytes. */
export function encodeRecords(records: StoreRecords): Buffer {
  const { offsets, ids, articles, lengths, crcs, sentences } = records;
  const head = Buffer.alloc(HEAD);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(ids.length, MAGIC.length);
  head.writeUInt32LE(records.headerLength, MAGIC.length + 4);
  head.writeUInt32LE(records.headerCrc >>> 0, MAGIC.length + 8);
  const arrays = [offsets, ids, articles, lengths, crcs, sentences];
  return Buffer.concat([head, ...arrays.map((array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength))]);
}

/**
 * A table read back from `encodeRecords` output (copied, so it holds no view on `bytes`).
 * @throws Error when the bytes are not such a table, or are cut short.
 */
export function decodeRecords(bytes: Uint8Array): StoreRecords {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < HEAD || buffer.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a record table');
  const count = buffer.readUInt32LE(MAGIC.length);
  if (buffer.length !== HEAD + count * 28) throw new Error('truncated record table');
  let at = HEAD;
  const take = (width: number) => {
    // A copy into a fresh ArrayBuffer: aligned for any typed array, whatever `bytes` was.
    const copy = Uint8Array.prototype.slice.call(buffer, at, at + count * width).buffer;
    at += count * width;
    return copy;
  };
  return {
    headerLength: buffer.readUInt32LE(MAGIC.length + 4),
    headerCrc: buffer.readUInt32LE(MAGIC.length + 8),
    offsets: new Float64Array(take(8)),
    ids: new Uint32Array(take(4)),
    articles: new Int32Array(take(4)),
    lengths: new Uint32Array(take(4)),
    crcs: new Uint32Array(take(4)),
    sentences: new Uint32Array(take(4)),
  };
}

/** The index file's bytes: the postings, the record table, then the table's length (4 bytes), so either can be found. */
export function joinIndexFile(postings: Buffer, records: StoreRecords): Buffer[] {
  const table = encodeRecords(records);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(table.length);
  return [postings, table, length];
}

/**
 * The size of the postings and the record table of an open index file `size` bytes long, written from `joinIndexFile`.
 * @throws Error when the file is cut short.
 */
export function readIndexFile(fd: number, size: number): { postingsSize: number; records: StoreRecords } {
  const length = size < 4 ? -1 : readAt(fd, size - 4, 4).readUInt32LE(0);
  const tableStart = size - 4 - length;
  if (length < 0 || tableStart < 0) throw new Error('truncated index file');
  return { postingsSize: tableStart, records: decodeRecords(readAt(fd, tableStart, length)) };
}
