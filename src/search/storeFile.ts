/**
 * The corpus store on disk as JSON lines: a first line with everything but the
 * paragraphs, then one paragraph a line. Written and read in pieces, so no single string
 * comes near V8's ~536M-character limit (a 500k-paragraph store is ~470M characters as one
 * JSON text), and parsed faster than v8's deserializer manages for this many small objects.
 */
import type { FileHandle } from 'node:fs/promises';
import type { CorpusStore, StoredParagraph } from './corpusStore.js';

/** Paragraphs per write. */
const CHUNK = 5000;

/** Writes a store to an open file. */
export async function writeStore(handle: FileHandle, store: CorpusStore): Promise<void> {
  const { paragraphs, ...rest } = store;
  await handle.write(`${JSON.stringify(rest)}\n`);
  let lines: string[] = [];
  for (const paragraph of Object.values(paragraphs)) {
    lines.push(JSON.stringify(paragraph));
    if (lines.length === CHUNK) {
      await handle.write(`${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length > 0) await handle.write(`${lines.join('\n')}\n`);
}

/**
 * Reads a store written by `writeStore`.
 * @throws Error when the bytes are not such a store.
 */
export function readStore(bytes: Buffer): CorpusStore {
  let end = bytes.indexOf(10);
  if (end < 0) throw new Error('malformed store');
  const store = JSON.parse(bytes.toString('utf8', 0, end)) as CorpusStore;
  if (!Array.isArray(store.articles)) throw new Error('malformed store');
  const paragraphs: Record<number, StoredParagraph> = {};
  let count = 0;
  for (let start = end + 1; start < bytes.length; start = end + 1) {
    end = bytes.indexOf(10, start);
    if (end < 0) throw new Error('truncated store');
    // Many paragraphs a parse: far fewer calls than one a line, and still short strings.
    const batchEnd = nthNewline(bytes, end, CHUNK);
    for (const paragraph of JSON.parse(`[${bytes.toString('utf8', start, batchEnd).replaceAll('\n', ',')}]`) as StoredParagraph[]) {
      paragraphs[paragraph.id] = paragraph;
      count++;
    }
    end = batchEnd;
  }
  if (count !== store.paragraphCount) throw new Error(`truncated store (${count} of ${store.paragraphCount} paragraphs)`);
  return { ...store, paragraphs };
}

/** The offset of the newline `count - 1` lines after the one at `from` (or the last one found). */
function nthNewline(bytes: Buffer, from: number, count: number): number {
  let at = from;
  for (let seen = 1; seen < count; seen++) {
    const next = bytes.indexOf(10, at + 1);
    if (next < 0) break;
    at = next;
  }
  return at;
}
