/**
 * Postings on disk: a magic tag, the length of a JSON header (terms and counts), the
 * header, then the typed arrays as raw little-endian bytes, each 4-byte aligned. Loading
 * parses only the header; the arrays are views on the file's bytes.
 */
import type { PostingLists } from './postingLists.js';

const MAGIC = 'ARPOST01';

interface Header {
  terms: string[];
  documentCount: number;
  averageLength: number;
  postings: number;
  idSpace: number;
}

/** The postings as one buffer (they must be laid out: nothing pending). */
export function writePostings(lists: PostingLists): Buffer {
  const header: Header = { terms: lists.terms, documentCount: lists.documentCount, averageLength: lists.averageLength, postings: lists.docs.length, idSpace: lists.lengths.length };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const start = align(MAGIC.length + 4 + headerBytes.length);
  const arrays = [lists.offsets, lists.docs, lists.freqs, lists.maxFreq, lists.minLength, lists.lengths];
  const out = Buffer.alloc(start + arrays.reduce((sum, array) => sum + array.byteLength, 0));
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(out, MAGIC.length + 4);
  let at = start;
  for (const array of arrays) {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  }
  return out;
}

/**
 * Postings read back from `writePostings` output.
 * @throws Error when the bytes are not such postings, or are cut short.
 */
export function readPostings(input: Uint8Array): PostingLists {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length < MAGIC.length + 4 || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a postings file');
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as Header;
  const termCount = header.terms.length;
  const start = align(MAGIC.length + 4 + headerLength);
  const sizes = [termCount + 1, header.postings, header.postings, termCount, termCount, header.idSpace];
  if (bytes.length !== start + 4 * sizes.reduce((sum, size) => sum + size, 0)) throw new Error('truncated postings file');
  // Typed-array views need 4-byte alignment in the underlying buffer; copy in the rare case it is not.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  let at = aligned.byteOffset + start;
  const [offsets, docs, freqs, maxFreq, minLength, lengthWords] = sizes.map((size) => {
    const view = new Uint32Array(aligned.buffer, at, size);
    at += 4 * size;
    return view;
  }) as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  return {
    vocabulary: new Map(header.terms.map((term, number) => [term, number])),
    terms: header.terms,
    offsets,
    docs,
    freqs,
    maxFreq,
    minLength,
    lengths: new Int32Array(lengthWords.buffer, lengthWords.byteOffset, lengthWords.length),
    documentCount: header.documentCount,
    averageLength: header.averageLength,
  };
}

function align(offset: number): number {
  return Math.ceil(offset / 4) * 4;
}
