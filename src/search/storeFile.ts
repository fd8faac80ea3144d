/**
 * The corpus store on disk as JSON lines: a first line with everything but the
 * paragraphs, then one paragraph a line, in id order. Written in pieces, so no single
 * string comes near V8's ~536M-character limit; read lazily (see `lazyParagraphs.ts`): only
 * the first line is parsed at load, each paragraph when it is first read.
 */
import type { ByteSink } from './checksum.js';
import type { CorpusStore } from './corpusStore.js';
import { lazyParagraphs, paragraphLines } from './lazyParagraphs.js';

/** Paragraphs per write. */
const CHUNK = 5000;
const NEWLINE = Buffer.from('\n');

/** Writes a store to an open file or another sink (paragraphs of a lazily read store that did not change are copied as bytes). */
export async function writeStore(handle: ByteSink, store: CorpusStore): Promise<void> {
  const { paragraphs, ...rest } = store;
  await handle.write(Buffer.from(`${JSON.stringify(rest)}\n`));
  let lines: Buffer[] = [];
  for (const line of paragraphLines(paragraphs)) {
    lines.push(typeof line === 'string' ? Buffer.from(line) : line, NEWLINE);
    if (lines.length === 2 * CHUNK) {
      await handle.write(Buffer.concat(lines));
      lines = [];
    }
  }
  if (lines.length > 0) await handle.write(Buffer.concat(lines));
}

/**
 * Reads a store written by `writeStore`; its paragraphs are decoded when first read.
 * @throws Error when the bytes are not such a store, or are cut short.
 */
export function readStore(bytes: Buffer): CorpusStore {
  const end = bytes.indexOf(10);
  if (end < 0) throw new Error('malformed store');
  const store = JSON.parse(bytes.toString('utf8', 0, end)) as Omit<CorpusStore, 'paragraphs'>;
  if (!Array.isArray(store.articles) || typeof store.paragraphCount !== 'number') throw new Error('malformed store');
  const ranges: Array<[number, number]> = [];
  for (let start = end + 1; start < bytes.length; ) {
    const lineEnd = bytes.indexOf(10, start);
    if (lineEnd < 0) throw new Error('truncated store');
    ranges.push([start, lineEnd]);
    start = lineEnd + 1;
  }
  if (ranges.length !== store.paragraphCount) throw new Error(`truncated store (${ranges.length} of ${store.paragraphCount} paragraphs)`);
  return { ...store, paragraphs: lazyParagraphs(bytes, ranges) };
}
