/**
 * A build's paragraphs go to a spool file as they are added (issue 24: bounded build
 * memory); a disk that stops taking the spool mid-build loses no paragraph: they are held
 * in memory from then on, as they were before there was a spool.
 */
import { describe, expect, it, vi } from 'vitest';
import { addParagraphLine, paragraphRuns, spooledParagraphs } from '../../src/search/lazyParagraphs.js';
import type { StoredParagraph } from '../../src/search/storedParagraph.js';
import { temporaryFolder } from '../helpers.js';

/** `full`: every write refused; `short`: a write takes only the first half of its first piece (as a disk filling up mid-write does). */
const disk = vi.hoisted(() => ({ full: false, short: false }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const writevSync: typeof fs.writevSync = (...args) => {
    if (disk.full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const [fd, pieces, position] = args;
    const first = pieces[0];
    if (disk.short && first) return fs.writeSync(fd, first, 0, Math.floor(first.byteLength / 2), position);
    return fs.writevSync(...args);
  };
  return { ...fs, default: { ...fs, writevSync }, writevSync };
});

/** The lines a save of the table writes (each run read before the next overwrites it). */
function savedLines(table: Record<number, StoredParagraph>): string[] {
  const lines: string[] = [];
  for (const run of paragraphRuns(table)) lines.push(...run.bytes.toString().split('\n').slice(0, -1));
  return lines;
}

function paragraph(id: number): StoredParagraph {
  return { id, article: Math.floor(id / 10), index: id % 10, text: `Paragraph ${id} ${'x'.repeat(3000)}`, sentences: [] };
}

describe('a build spool', () => {
  it.each([
    ['refuses the spool', 'full'],
    ['takes only part of a write', 'short'],
  ] as const)('GIVEN paragraphs added past a megabyte, then a disk that %s THEN every paragraph reads back as added, and saves as the same lines', async (_, failure) => {
    const folder = await temporaryFolder();
    try {
      const table = spooledParagraphs(folder.dir);
      const added = Array.from({ length: 800 }, (_, at) => paragraph(at + 1));
      for (const [at, item] of added.entries()) {
        disk[failure] = at >= 500; // the first megabytes are written, the rest refused or cut short
        addParagraphLine(table, { id: item.id, article: item.article, sentences: 0, line: Buffer.from(JSON.stringify(item)) });
      }
      disk[failure] = false;
      expect(Object.keys(table)).toHaveLength(800);
      expect(table[1]).toEqual(added[0]);
      expect(Object.values(table)).toEqual(added);
      expect(savedLines(table)).toEqual(added.map((item) => JSON.stringify(item)));
    } finally {
      disk[failure] = false;
      await folder.cleanup();
    }
  });

  it('GIVEN lines still waiting to be written when a paragraph is read, and a disk that refuses them THEN the paragraph reads back as added', async () => {
    const folder = await temporaryFolder();
    try {
      const table = spooledParagraphs(folder.dir);
      const added = Array.from({ length: 20 }, (_, at) => paragraph(at + 1));
      for (const item of added) addParagraphLine(table, { id: item.id, article: item.article, sentences: 0, line: Buffer.from(JSON.stringify(item)) });
      disk.full = true;
      expect(table[20]).toEqual(added[19]);
      expect(Object.values(table)).toEqual(added);
    } finally {
      disk.full = false;
      await folder.cleanup();
    }
  });
});
