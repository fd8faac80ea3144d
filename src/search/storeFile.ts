/**
 * The corpus store on disk as JSON lines: a first line with everything but the
 * paragraphs, then one paragraph a line, in id order. Written in pieces, so no single
 * string comes near V8's ~536M-character limit, with a record table (`storeRecords.ts`)
 * that says where each line lies; read lazily (see `lazyParagraphs.ts`): only the first
 * line is read at load, each paragraph when it is first needed.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { DamagedDataError, type ByteSink } from './checksum.js';
import type { CorpusStore } from './corpusStore.js';
import { lazyParagraphs, paragraphRuns } from './lazyParagraphs.js';
import { readAt } from './openFiles.js';
import { recordsOf, type StoreRecord, type StoreRecords } from './storeRecords.js';

/**
 * Writes a store to an open file or another sink (paragraphs of a lazily read store that
 * did not change are copied as bytes, each checked). Returns where each line was written.
 * @throws DamagedDataError when a line to copy from the store's file is damaged.
 */
export async function writeStore(handle: ByteSink, store: CorpusStore): Promise<StoreRecords> {
  const { paragraphs, ...rest } = store;
  const header = Buffer.from(`${JSON.stringify(rest)}\n`);
  await handle.write(header);
  const records: StoreRecord[] = [];
  let offset = header.length;
  for (const run of paragraphRuns(paragraphs)) {
    for (const { id, article, sentences, length, crc } of run.lines) {
      records.push({ id, article, offset, length, crc, sentences });
      offset += length + 1;
    }
    await handle.write(run.bytes);
  }
  return recordsOf(header.length, crc32(header), records);
}

/**
 * Opens a store written by `writeStore` whose lines `records` describes: reads and checks
 * its first line only, and keeps the file open for its paragraphs, read when first needed.
 * @throws DamagedDataError when the file is not `bytes` long or its first line does not match its checksum; Error when it is not a store's.
 */
export function openStore(file: string, bytes: number, records: StoreRecords): CorpusStore {
  const name = path.basename(file);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size !== bytes) throw new DamagedDataError(`${name} has ${size} bytes, its manifest says ${bytes}`);
    const header = readAt(fd, 0, records.headerLength);
    if (header.length !== records.headerLength || crc32(header) !== records.headerCrc) throw new DamagedDataError(`${name} does not match its checksum (damaged)`);
    const store = JSON.parse(header.toString('utf8')) as Omit<CorpusStore, 'paragraphs'>;
    if (!Array.isArray(store.articles) || typeof store.paragraphCount !== 'number') throw new Error(`${name} is not a store`);
    if (records.ids.length !== store.paragraphCount) throw new Error(`${name} has ${records.ids.length} of ${store.paragraphCount} paragraphs`);
    return { ...store, paragraphs: lazyParagraphs(fd, name, records) };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
