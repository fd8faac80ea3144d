import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchivist, type IndexProgress } from '../../src/index.js';
import { copyOfSeeds, recordingLogger } from '../helpers.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

describe('an index built in a worker thread', () => {
  it('GIVEN a build in a worker THEN progress reaches the bar, timers on the main thread keep firing, and the saved index answers', async () => {
    const seeds = await copyOfSeeds();
    cleanup = seeds.cleanup;
    const indexDir = path.join(seeds.dir, '..', 'index-data');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const progress: Array<IndexProgress & { ticks: number }> = [];
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus: seeds.dir, indexDir, logger, buildInWorker: true, onProgress: (event) => progress.push({ ...event, ticks }) });
    clearInterval(ticker);
    const indexing = progress.filter((event) => event.phase === 'indexing');
    const saved = progress.find((event) => event.phase === 'saving' && event.done === 1);
    expect(indexing.at(-1)).toMatchObject({ done: 5, total: 5 });
    expect(saved).toBeDefined();
    expect((saved?.ticks ?? 0) - (indexing[0]?.ticks ?? 0)).toBeGreaterThan(0);
    expect(logger.warnings).toEqual([]);
    expect((await archivist.ask('Who is Marie Harf?')).answer?.text).toContain('spokeswoman Marie Harf');
    const [folder] = await readdir(indexDir);
    expect(await readdir(path.join(indexDir, folder ?? ''))).toContain('manifest.json');
  });
});
