import { open, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { silentLogger } from '../../src/logger.js';
import { buildCorpus } from '../../src/search/buildIndex.js';
import { createStore, removeArticles, type CorpusStore } from '../../src/search/corpusStore.js';
import { DamagedDataError } from '../../src/search/checksum.js';
import { addParagraphLine, spooledParagraphs } from '../../src/search/lazyParagraphs.js';
import { openStore, writeStore } from '../../src/search/storeFile.js';
import { decodeRecords, encodeRecords, recordsOf, type StoreRecords } from '../../src/search/storeRecords.js';
import { SEEDS, temporaryFolder } from '../helpers.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

async function saved(store: CorpusStore, file: string): Promise<{ bytes: Buffer; records: StoreRecords }> {
  const handle = await open(file, 'w');
  const records = await writeStore(handle, store);
  await handle.close();
  return { bytes: await readFile(file), records };
}

async function reopened(store: CorpusStore, file: string): Promise<CorpusStore> {
  const { bytes, records } = await saved(store, file);
  // Through the record table's bytes, as the index file holds it.
  return openStore(file, bytes.length, decodeRecords(encodeRecords(records)));
}

/** The store as plain data, paragraphs decoded. */
function plain(store: CorpusStore): unknown {
  return JSON.parse(JSON.stringify({ ...store, paragraphs: { ...store.paragraphs } }));
}

describe('the store file', () => {
  it('GIVEN a build spool of several megabytes saved, read back and saved again THEN the same bytes; a damaged line stops the save, a damaged line end does not reach it', async () => {
    const folder = await temporaryFolder();
    cleanup = folder.cleanup;
    const paragraphs = spooledParagraphs(folder.dir);
    const lines = Array.from({ length: 1500 }, (_, at) => JSON.stringify({ id: at + 1, article: 0, index: at, text: `Paragraph ${at + 1} ${'y'.repeat(1000 + (at % 700))}`, sentences: [] }));
    lines.forEach((line, at) => addParagraphLine(paragraphs, { id: at + 1, article: 0, sentences: 0, line: Buffer.from(line) }));
    const store: CorpusStore = { ...createStore(), paragraphs, paragraphCount: lines.length, nextParagraphId: lines.length + 1 };
    const first = await saved(store, path.join(folder.dir, 'a.jsonl'));
    expect(first.bytes.length).toBeGreaterThan(2 << 20);
    expect(first.bytes.toString().split('\n').slice(1, -1)).toEqual(lines);
    const file = path.join(folder.dir, 'a.jsonl');
    const loaded = () => openStore(file, first.bytes.length, first.records);
    expect((await saved(loaded(), path.join(folder.dir, 'b.jsonl'))).bytes.equals(first.bytes)).toBe(true);

    const lineEnd = first.records.offsets[1000]! - 1;
    await writeFile(file, Buffer.concat([first.bytes.subarray(0, lineEnd), Buffer.from(' '), first.bytes.subarray(lineEnd + 1)]));
    expect((await saved(loaded(), path.join(folder.dir, 'c.jsonl'))).bytes.equals(first.bytes)).toBe(true);

    const inLine = first.records.offsets[1200]! + 20;
    await writeFile(file, Buffer.concat([first.bytes.subarray(0, inLine), Buffer.from('z'), first.bytes.subarray(inLine + 1)]));
    await expect(saved(loaded(), path.join(folder.dir, 'd.jsonl'))).rejects.toThrow(DamagedDataError);
  });

  it('GIVEN a store saved and read back THEN it holds the same data; after the same removal both save the same bytes', async () => {
    const folder = await temporaryFolder();
    cleanup = folder.cleanup;
    const built = (await buildCorpus(await readCorpus(SEEDS, silentLogger), silentLogger)).store;
    const loaded = await reopened(built, path.join(folder.dir, 'a.jsonl'));
    expect(plain(loaded)).toEqual(plain(built));
    const firstId = built.articles[1]?.paragraphIds[0] ?? -1;
    expect(loaded.paragraphs[firstId]).toBe(loaded.paragraphs[firstId]);
    expect(firstId in loaded.paragraphs).toBe(true);

    const key = built.articles[0]?.key ?? '';
    const removedBuilt = removeArticles(built, new Set([key]));
    const removedLoaded = removeArticles(loaded, new Set([key]));
    expect(removedLoaded.map((paragraph) => paragraph.id)).toEqual(removedBuilt.map((paragraph) => paragraph.id));
    expect(removedBuilt[0]?.id ?? -1).not.toBe(-1);
    expect(loaded.paragraphs[removedBuilt[0]?.id ?? -1]).toBeUndefined();
    expect(loaded.paragraphs[firstId]?.article).toBe(0);
    expect(plain(loaded)).toEqual(plain(built));
    const again = await saved(loaded, path.join(folder.dir, 'b.jsonl'));
    expect(again.bytes.equals((await saved(built, path.join(folder.dir, 'c.jsonl'))).bytes)).toBe(true);
    expect(plain(await reopened(loaded, path.join(folder.dir, 'd.jsonl')))).toEqual(plain(built));
  });

  it('refuses a file of another size than saved, a damaged first line, or one that is not a store', async () => {
    const folder = await temporaryFolder();
    cleanup = folder.cleanup;
    const file = path.join(folder.dir, 'a.jsonl');
    const header = Buffer.from('{"articles":[],"paragraphCount":0}\n');
    await writeFile(file, header);
    const records = recordsOf(header.length, crc32(header), []);
    expect(openStore(file, header.length, records).paragraphCount).toBe(0);
    expect(() => openStore(file, header.length + 1, records)).toThrow(/has \d+ bytes, its manifest says \d+/);
    await writeFile(file, header.toString().replace('0', '1'));
    expect(() => openStore(file, header.length, records)).toThrow(/does not match its checksum/);
    const other = Buffer.from('{"text":"x"}\n');
    await writeFile(file, other);
    const size = (await stat(file)).size;
    expect(() => openStore(file, size, recordsOf(other.length, crc32(other), []))).toThrow(/not a store/);
  });
});
