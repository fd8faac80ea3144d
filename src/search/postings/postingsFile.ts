/**
 * Postings on disk: a magic tag, the length of a JSON header (terms and counts), the
 * header, then the typed arrays as raw little-endian bytes, each 4-byte aligned: first
 * the small ones (term offsets, score bounds, paragraph lengths, and each term's CRC-32),
 * then the postings themselves (paragraph ids, then frequencies). Read from bytes in
 * memory, the arrays are views on them; opened from a file, only the small arrays are
 * read, and each term's postings are read and checked when it is first searched.
 */
import { crc32 } from 'node:zlib';
import { DamagedDataError } from '../checksum.js';
import { closeFile, keepOpen, readAt, readInto } from '../openFiles.js';
import type { PostingLists, UnreadPostings } from './postingLists.js';

const MAGIC = 'ARPOST02';
const PREFIX = MAGIC.length + 4;

interface Header {
  terms: string[];
  documentCount: number;
  averageLength: number;
  postings: number;
  idSpace: number;
}

/** Where the arrays of a postings file lie. */
interface Layout {
  header: Header;
  /** Start of the arrays, and the length of each (in 4-byte words), in file order. */
  start: number;
  sizes: number[];
}

/** The postings as one buffer (they must be laid out and read: nothing pending or unread). */
export function writePostings(lists: PostingLists): Buffer {
  const header: Header = { terms: lists.terms, documentCount: lists.documentCount, averageLength: lists.averageLength, postings: lists.docs.length, idSpace: lists.lengths.length };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const start = align(PREFIX + headerBytes.length);
  const arrays = [lists.offsets, lists.maxFreq, lists.minLength, lists.lengths, termChecksums(lists), lists.docs, lists.freqs];
  const out = Buffer.alloc(start + arrays.reduce((sum, array) => sum + array.byteLength, 0));
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(out, PREFIX);
  let at = start;
  for (const array of arrays) {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  }
  return out;
}

/**
 * Postings read back from `writePostings` output in memory.
 * @throws Error when the bytes are not such postings, or are cut short.
 */
export function readPostings(input: Uint8Array): PostingLists {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const layout = layoutOf((position, length) => bytes.subarray(position, position + length), bytes.length);
  // Typed-array views need 4-byte alignment in the underlying buffer; copy in the rare case it is not.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  let at = aligned.byteOffset + layout.start;
  const [offsets, maxFreq, minLength, lengths, , docs, freqs] = layout.sizes.map((size) => {
    const view = new Uint32Array(aligned.buffer, at, size);
    at += 4 * size;
    return view;
  }) as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  return listsOf(layout.header, { offsets, maxFreq, minLength, lengths, docs, freqs });
}

/**
 * Postings of an open file (the first `size` bytes of it; `name` for warnings): the small
 * arrays are read now, each term's postings when it is first searched, checked against
 * the term's CRC-32. The lists own `fd` from now on (closed once every term is read, or when they are collected).
 * @throws Error when the file does not hold such postings, or is cut short.
 */
export function openPostings(fd: number, size: number, name: string): PostingLists {
  const layout = layoutOf((position, length) => readAt(fd, position, length), size);
  const [termWords = 0, , , idSpace = 0, , postings = 0] = layout.sizes;
  const small = new Uint32Array(termWords + 3 * (termWords - 1) + idSpace);
  if (readInto(fd, new Uint8Array(small.buffer), layout.start) !== small.byteLength) throw new Error('truncated postings file');
  const termCount = termWords - 1;
  const offsets = small.subarray(0, termWords);
  const maxFreq = small.subarray(termWords, termWords + termCount);
  const minLength = small.subarray(termWords + termCount, termWords + 2 * termCount);
  const lengths = small.subarray(termWords + 2 * termCount, termWords + 2 * termCount + idSpace);
  const checksums = small.subarray(termWords + 2 * termCount + idSpace);
  // Zero-filled and untouched: the memory is taken only as terms are read.
  const docs = new Uint32Array(postings);
  const freqs = new Uint32Array(postings);
  const lists = listsOf(layout.header, { offsets, maxFreq, minLength, lengths, docs, freqs });
  const docsAt = layout.start + small.byteLength;
  const file = keepOpen(lists, fd, name);
  const read = new Uint8Array(termCount);
  const bytesOf = (array: Uint32Array, term: number) => new Uint8Array(array.buffer, 4 * offsets[term]!, 4 * (offsets[term + 1]! - offsets[term]!));
  const check = (term: number) => {
    if (crc32(bytesOf(freqs, term), crc32(bytesOf(docs, term))) === checksums[term]) return;
    // Nothing read from the file counts as checked any more: every term is read again, and found damaged again, until the index is rebuilt.
    read.fill(0);
    throw new DamagedDataError(`the postings of term ${term} in ${name} do not match their checksum (damaged)`);
  };
  const unread: UnreadPostings = {
    read: (term) => {
      if (read[term] === 1) return;
      if (file.closed) throw new Error(`${name} was closed`);
      readInto(fd, bytesOf(docs, term), docsAt + 4 * offsets[term]!);
      readInto(fd, bytesOf(freqs, term), docsAt + 4 * (postings + offsets[term]!));
      check(term);
      read[term] = 1;
    },
    readAll: () => {
      if (file.closed) throw new Error(`${name} was closed`);
      readInto(fd, new Uint8Array(docs.buffer), docsAt);
      readInto(fd, new Uint8Array(freqs.buffer), docsAt + 4 * postings);
      for (let term = 0; term < termCount; term++) check(term);
      closeFile(file);
      delete lists.unread;
    },
  };
  lists.unread = unread;
  return lists;
}

/**
 * Where the arrays of postings `size` bytes long lie, read through `read`.
 * @throws Error when the bytes are not such postings, or are cut short.
 */
function layoutOf(read: (position: number, length: number) => Buffer, size: number): Layout {
  const prefix = read(0, PREFIX);
  if (prefix.length < PREFIX || prefix.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a postings file');
  const headerLength = prefix.readUInt32LE(MAGIC.length);
  const header = JSON.parse(read(PREFIX, headerLength).toString('utf8')) as Header;
  const termCount = header.terms.length;
  const start = align(PREFIX + headerLength);
  const sizes = [termCount + 1, termCount, termCount, header.idSpace, termCount, header.postings, header.postings];
  if (size !== start + 4 * sizes.reduce((sum, words) => sum + words, 0)) throw new Error('truncated postings file');
  return { header, start, sizes };
}

function listsOf(header: Header, arrays: Pick<PostingLists, 'offsets' | 'maxFreq' | 'minLength' | 'docs' | 'freqs'> & { lengths: Uint32Array }): PostingLists {
  const { lengths, ...rest } = arrays;
  return {
    vocabulary: new Map(header.terms.map((term, number) => [term, number])),
    terms: header.terms,
    ...rest,
    lengths: new Int32Array(lengths.buffer, lengths.byteOffset, lengths.length),
    documentCount: header.documentCount,
    averageLength: header.averageLength,
  };
}

/** The CRC-32 of each term's postings (its ids, then its frequencies). */
function termChecksums(lists: PostingLists): Uint32Array {
  const { offsets, docs, freqs } = lists;
  const termCount = lists.terms.length;
  const docBytes = new Uint8Array(docs.buffer, docs.byteOffset, docs.byteLength);
  const freqBytes = new Uint8Array(freqs.buffer, freqs.byteOffset, freqs.byteLength);
  const checksums = new Uint32Array(termCount);
  for (let term = 0; term < termCount; term++) {
    const start = 4 * offsets[term]!;
    const end = 4 * offsets[term + 1]!;
    checksums[term] = crc32(freqBytes.subarray(start, end), crc32(docBytes.subarray(start, end)));
  }
  return checksums;
}

function align(offset: number): number {
  return Math.ceil(offset / 4) * 4;
}
