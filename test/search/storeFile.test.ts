import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { silentLogger } from '../../src/logger.js';
import { buildCorpus } from '../../src/search/buildIndex.js';
import { removeArticles, type CorpusStore } from '../../src/search/corpusStore.js';
import { readStore, writeStore } from '../../src/search/storeFile.js';
import { SEEDS, temporaryFolder } from '../helpers.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

async function saved(store: CorpusStore, file: string): Promise<Buffer> {
  const handle = await open(file, 'w');
  await writeStore(handle, store);
  await handle.close();
  return readFile(file);
}

/** The store as plain data, paragraphs decoded. */
function plain(store: CorpusStore): unknown {
  return JSON.parse(JSON.stringify({ ...store, paragraphs: { ...store.paragraphs } }));
}

describe('the store file', () => {
  it('GIVEN a store saved and read back THEN it holds the same data; after the same removal both save the same bytes', async () => {
    const folder = await temporaryFolder();
    cleanup = folder.cleanup;
    const built = (await buildCorpus(await readCorpus(SEEDS, silentLogger), silentLogger)).store;
    const loaded = readStore(await saved(built, path.join(folder.dir, 'a.jsonl')));
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
    expect(again.equals(await saved(built, path.join(folder.dir, 'c.jsonl')))).toBe(true);
    expect(plain(readStore(again))).toEqual(plain(built));
  });

  it('refuses bytes that are not a store, or a store cut short', async () => {
    expect(() => readStore(Buffer.from('half a sto'))).toThrow(/malformed/);
    expect(() => readStore(Buffer.from('{"articles":[],"paragraphCount":2}\n{"id":1,"article":0}\n'))).toThrow(/truncated/);
    expect(() => readStore(Buffer.from('{"articles":[],"paragraphCount":1}\n{"text":"x"}\n'))).toThrow(/malformed/);
  });
});
