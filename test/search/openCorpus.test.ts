import { createHash } from 'node:crypto';
import { appendFile, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { silentLogger } from '../../src/logger.js';
import { SETTLED_MS } from '../../src/search/corpusFile.js';
import { fingerprintsOf, openCorpus } from '../../src/search/prepareIndex.js';
import { temporaryFolder } from '../helpers.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

const record = (id: string, text: string) => `${JSON.stringify({ id, title: `Story ${id}`, text })}\n`;

describe('opening a single-file corpus', () => {
  it('GIVEN an unchanged .jsonl corpus THEN its saved index is used as saved (same fingerprints, same hits); a changed file is read again', async () => {
    const folder = await temporaryFolder();
    cleanup = folder.cleanup;
    const corpus = path.join(folder.dir, 'corpus.jsonl');
    const indexDir = path.join(folder.dir, 'index-data');
    await writeFile(corpus, record('a', 'The ferry to Havana starts in March.') + record('b', 'Talks on migration resumed in July.'));
    const first = await openCorpus(corpus, indexDir, { logger: silentLogger });
    const [name] = await readdir(indexDir);
    const manifest = JSON.parse(await readFile(path.join(indexDir, name ?? '', 'manifest.json'), 'utf8'));
    expect(manifest.corpusDigest).toBe(createHash('sha256').update(await readFile(corpus)).digest('hex'));
    // Written just now: its metadata cannot vouch for its content yet.
    expect(manifest.corpusIdentity).toBeUndefined();

    const again = await openCorpus(corpus, indexDir, { logger: silentLogger });
    expect(again.fingerprints).toEqual(fingerprintsOf(await readCorpus(corpus, silentLogger)));
    expect(again.fingerprints).toEqual(first.fingerprints);
    expect(await again.corpus.index.search(['ferri'], 5)).toEqual(await first.corpus.index.search(['ferri'], 5));

    await appendFile(corpus, record('c', 'A new ferry route to Cienfuegos opens.'));
    const changed = await openCorpus(corpus, indexDir, { logger: silentLogger });
    expect(Object.keys(changed.fingerprints)).toEqual(['#a', '#b', '#c']);
    expect((await changed.corpus.index.search(['cienfuego'], 5)).length).toBe(1);
  });

  it('GIVEN a corpus file left alone THEN its identity is saved, and a same-length edit with its modification time put back is still read again', async () => {
    const folder = await temporaryFolder();
    cleanup = folder.cleanup;
    const corpus = path.join(folder.dir, 'corpus.jsonl');
    const indexDir = path.join(folder.dir, 'index-data');
    await writeFile(corpus, record('a', 'The ferry to Havana starts in March.') + record('b', 'Talks on migration resumed in July.'));
    await sleep(SETTLED_MS + 100);
    const first = await openCorpus(corpus, indexDir, { logger: silentLogger });
    const [name] = await readdir(indexDir);
    const manifest = JSON.parse(await readFile(path.join(indexDir, name ?? '', 'manifest.json'), 'utf8'));
    expect(manifest.corpusIdentity).toMatch(/^\d+:\d+:\d+:\d+:\d+$/);
    const again = await openCorpus(corpus, indexDir, { logger: silentLogger });
    expect(again.fingerprints).toEqual(first.fingerprints);

    const before = await stat(corpus);
    await writeFile(corpus, (await readFile(corpus, 'utf8')).replace('March', 'April'));
    await utimes(corpus, before.atime, before.mtime);
    // Left alone again, so that only the identity (its change time) tells the edit.
    await sleep(SETTLED_MS + 100);
    const edited = await openCorpus(corpus, indexDir, { logger: silentLogger });
    expect(edited.fingerprints).not.toEqual(first.fingerprints);
    expect((await edited.corpus.index.search(['april'], 5)).length).toBe(1);
  });
});
