/**
 * The CLI on a terminal (issue 22, item 6): `ask` logs plain lines, never JSON, and a
 * build shows its progress through the slow part, reading the pages, not only after it.
 * `script` gives the command a terminal.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyOfSeeds, HTML_FIXTURES, temporaryFolder } from '../helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'bin', 'archivist.js');
const ENV = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', TERM: 'xterm' };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Runs the command with stdin, stdout and stderr on a terminal; returns what the terminal showed, escape sequences out. */
function onTerminal(args: string[]): string {
  const command = [process.execPath, BIN, ...args].map((part) => `'${part}'`).join(' ');
  const { stdout } = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: ENV, encoding: 'utf8', timeout: 60_000 });
  return stdout.replace(/\u001b(?:\[[0-9;?]*[A-Za-z]|[78])/g, '');
}

describe('archivist on a terminal', () => {
  it('GIVEN a changed corpus WHEN `ask` runs on a terminal THEN its log lines are plain lines, never JSON', async () => {
    const corpus = await copyOfSeeds();
    const index = await temporaryFolder();
    cleanups.push(corpus.cleanup, index.cleanup);
    const args = ['--corpus', corpus.dir, '--index-dir', index.dir];
    onTerminal(['index', ...args]);
    await writeFile(path.join(corpus.dir, 'ferry.txt'), 'Ferry service resumes\n\nA weekly ferry between Key West and Havana will start on 3 March, the operator said on Monday.\n');
    await writeFile(path.join(corpus.dir, 'empty.txt'), '');
    const screen = onTerminal(['ask', ...args, 'When will the ferry between Key West and Havana start?']);
    expect(screen).toContain('Updated the index for 1 changed file(s).');
    expect(screen).toMatch(/warning: Skipped .*empty\.txt: it is empty\./);
    expect(screen).toContain('3 March');
    expect(screen.split(/\r?\n/).filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
  });

  it('GIVEN many web pages WHEN they are indexed on a terminal THEN the bar counts the pages while they are read, then while they are indexed', async () => {
    const corpus = await temporaryFolder();
    const index = await temporaryFolder();
    cleanups.push(corpus.cleanup, index.cleanup);
    const pages = (await readdir(HTML_FIXTURES)).filter((name) => name.endsWith('.html'));
    for (let copy = 0; copy < 12; copy++) for (const page of pages) await copyFile(path.join(HTML_FIXTURES, page), path.join(corpus.dir, `${copy}-${page}`));
    const total = 12 * pages.length;
    const screen = onTerminal(['index', '--corpus', corpus.dir, '--index-dir', index.dir]);
    const shown = [...screen.matchAll(/(\d+)\/(\d+) files \| (reading articles|indexing paragraphs)/g)].map(([, done, of, phase]) => ({ done: Number(done), of: Number(of), phase }));
    expect(shown.every((step) => step.of === total)).toBe(true);
    // Part-way through the reading, before any indexing: the slow part is not a silent wait.
    expect(shown.findIndex((step) => step.phase === 'reading articles' && step.done > 0 && step.done < total)).toBeGreaterThanOrEqual(0);
    expect(shown.findIndex((step) => step.phase === 'reading articles' && step.done > 0 && step.done < total)).toBeLessThan(shown.findIndex((step) => step.phase === 'indexing paragraphs'));
    expect(screen).toContain(`Indexed ${total} articles`);
  });
});
