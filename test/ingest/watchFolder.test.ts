/**
 * A watch that survives what deploys and editors do to a corpus folder (issue 14,
 * failure 5): after each, a new file is answerable without a restart.
 */
import { cp, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchFolder } from '../../src/ingest/watchFolder.js';
import { openArchivist, type Archivist } from '../../src/index.js';
import { SEEDS, recordingLogger, temporaryFolder } from '../helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function watched(): Promise<{ root: string; corpus: string; archivist: Archivist; warnings: string[] }> {
  const folder = await temporaryFolder();
  const corpus = path.join(folder.dir, 'seeds');
  await cp(SEEDS, corpus, { recursive: true });
  const logger = recordingLogger();
  const archivist = await openArchivist({ corpus, indexDir: path.join(folder.dir, 'index-data'), watch: true, logger });
  cleanups.push(async () => {
    await archivist.close();
    await folder.cleanup();
  });
  return { root: folder.dir, corpus, archivist, warnings: logger.warnings };
}

/** An article only the given place answers. */
function ferryTo(place: string): string {
  return `Ferry service resumes\n\nA weekly ferry between Key West and ${place} will start on 3 March, the operator said on Monday in a statement about the new route.\n`;
}

async function answersWithin(archivist: Archivist, expected: string, deadlineMs = 8000): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < deadlineMs) {
    if ((await archivist.ask('Where will the weekly ferry from Key West go?')).answer?.text.includes(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no answer naming ${expected} within ${deadlineMs} ms`);
}

describe('GIVEN a watched corpus folder', () => {
  it('WHEN it is deleted and recreated (rm -rf; mkdir; cp) THEN new files are seen again', async () => {
    const { corpus, archivist } = await watched();
    await rm(corpus, { recursive: true });
    await new Promise((resolve) => setTimeout(resolve, 700));
    await mkdir(corpus);
    await cp(SEEDS, corpus, { recursive: true });
    await writeFile(path.join(corpus, 'ferry.txt'), ferryTo('Havana'));
    await answersWithin(archivist, 'Havana');
    await writeFile(path.join(corpus, 'ferry2.txt'), ferryTo('Matanzas'));
    await writeFile(path.join(corpus, 'ferry.txt'), ferryTo('Matanzas'));
    await answersWithin(archivist, 'Matanzas');
  });

  it('WHEN it is replaced (rm -rf; mkdir; cp) and a new file is written 3 s later THEN that file is answerable within 2 s (issue 22: it took 15 s)', async () => {
    const { corpus, archivist } = await watched();
    // Made again at once, the folder often gets its old inode back: only its birth time tells it from the old one.
    await rm(corpus, { recursive: true });
    await mkdir(corpus);
    await cp(SEEDS, corpus, { recursive: true });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await writeFile(path.join(corpus, 'ferry.txt'), ferryTo('Havana'));
    await answersWithin(archivist, 'Havana', 2000);
  });

  it('WHEN it is renamed away and back THEN changes made after are seen', async () => {
    const { corpus, archivist } = await watched();
    await rename(corpus, `${corpus}.old`);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await rename(`${corpus}.old`, corpus);
    await writeFile(path.join(corpus, 'ferry.txt'), ferryTo('Cienfuegos'));
    await answersWithin(archivist, 'Cienfuegos');
  });

  it('WHEN it is replaced by another folder (a deploy\'s swap, a symlink switched) THEN the new folder is watched', async () => {
    const { root, corpus, archivist } = await watched();
    const release = path.join(root, 'release-2');
    await cp(SEEDS, release, { recursive: true });
    await writeFile(path.join(release, 'ferry.txt'), ferryTo('Mariel'));
    await rm(corpus, { recursive: true });
    await symlink(release, corpus);
    await answersWithin(archivist, 'Mariel');
    await writeFile(path.join(release, 'ferry.txt'), ferryTo('Santiago'));
    await answersWithin(archivist, 'Santiago');
  });

  it('WHEN a file is saved atomically (written to a temporary name, renamed over) THEN its new text is seen', async () => {
    const { corpus, archivist, warnings } = await watched();
    await writeFile(path.join(corpus, 'ferry.txt'), ferryTo('Varadero'));
    await answersWithin(archivist, 'Varadero');
    for (const place of ['Trinidad', 'Baracoa']) {
      await writeFile(path.join(corpus, '.ferry.txt.swp'), ferryTo(place));
      await rename(path.join(corpus, '.ferry.txt.swp'), path.join(corpus, 'ferry.txt'));
      await answersWithin(archivist, place);
    }
    expect(warnings).toEqual([]);
  });
});

describe('GIVEN a folder watched by scanning (no file-system events)', () => {
  it('THEN a change is reported after a scan, and a recreated folder is scanned again', async () => {
    const folder = await temporaryFolder();
    cleanups.push(folder.cleanup);
    const corpus = path.join(folder.dir, 'articles');
    await mkdir(corpus);
    await writeFile(path.join(corpus, 'a.txt'), 'one');
    let changes = 0;
    const stop = watchFolder(corpus, () => void changes++, recordingLogger(), { poll: true, pollMs: 100, checkMs: 50, debounceMs: 20 });
    cleanups.push(async () => stop());
    const waitFor = async (count: number) => {
      for (const started = performance.now(); changes < count; ) {
        if (performance.now() - started > 5000) throw new Error(`only ${changes} change(s) seen`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await waitFor(1); // once when the watch is ready
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(changes).toBe(1);
    await writeFile(path.join(corpus, 'b.txt'), 'two');
    await waitFor(2);
    await rm(corpus, { recursive: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await mkdir(corpus);
    await waitFor(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = changes;
    await writeFile(path.join(corpus, 'c.md'), 'three');
    await waitFor(before + 1);
  });
});

describe('GIVEN a watch stopped while it is looking at its folder', () => {
  it('THEN it stays stopped: no new watch, no "watching again" line', async () => {
    const folder = await temporaryFolder();
    cleanups.push(folder.cleanup);
    const lines: string[] = [];
    const logger = { ...recordingLogger(), info: (message: string) => void lines.push(message) };
    for (let round = 0; round < 30; round++) {
      const stop = watchFolder(folder.dir, () => undefined, logger, { checkMs: 1 });
      await new Promise((resolve) => setTimeout(resolve, round % 5));
      stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines).toEqual([]);
  });
});
