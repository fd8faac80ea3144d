import { spawn, spawnSync } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfSeeds, SEEDS, temporaryFolder } from '../helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'bin', 'archivist.js');
const ENV = { ...process.env, SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '', ARCHIVIST_SCORING_MODEL: '', LOG_LEVEL: 'info', NO_COLOR: '' };

let corpus: { dir: string; cleanup: () => Promise<void> };
let indexDir: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  corpus = await copyOfSeeds();
  indexDir = await temporaryFolder();
  await writeFile(path.join(corpus.dir, 'empty.txt'), '');
});
afterAll(async () => {
  await corpus.cleanup();
  await indexDir.cleanup();
});

/** Resolves once `read()` holds `text`, or fails after `ms`. */
async function until(read: () => string, text: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!read().includes(text)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for "${text}" in:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a REPL session as a person sees it', () => {
  it('GIVEN a session in which a file is added THEN no JSON log line shows, the reload is one plain line, and a skipped file is named once', async () => {
    const child = spawn(process.execPath, [BIN, 'repl', '--corpus', corpus.dir, '--index-dir', indexDir.dir], { cwd: ROOT, env: ENV });
    let screen = '';
    child.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await until(() => screen, 'Ask a question');
    await copyFile(path.join(SEEDS, '001_91ce6b5ec52b81cd.txt'), path.join(corpus.dir, 'added.txt'));
    await until(() => screen, 'Reloaded:');
    child.stdin.end('when did talks resume?\n:quit\n');
    await exited;
    expect(screen.split('\n').filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
    expect(screen.match(/Reloaded: .*$/gm)).toEqual(['Reloaded: 1 added, 0 changed, 0 removed.']);
    expect(screen.match(/empty\.txt/g)).toHaveLength(1);
    expect(screen).toContain('July 2009');
  });
});

describe('archivist ask as a person reads it', () => {
  const ask = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [BIN, 'ask', '--corpus', SEEDS, '--index-dir', indexDir.dir, ...args], { cwd: ROOT, env: { ...ENV, ...env }, encoding: 'utf8' }).stdout;

  it('GIVEN no --top THEN one answer and how many others there are; --top N lists them', () => {
    const one = ask(['when did talks resume?']);
    const count = Number(/\((\d+) more answers?: --top (\d+) lists them\)/.exec(one)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(one).not.toContain('Also (2)');
    expect(ask(['--top', String(count + 1), 'when did talks resume?']).match(/^Also \(\d\): /gm)).toHaveLength(count);
  });

  it('GIVEN a terminal THEN the answer phrase is bold, unless NO_COLOR is set; never on a pipe', () => {
    const onTerminal = (env: string) => spawnSync('script', ['-qec', `${env} ${process.execPath} ${BIN} ask --corpus ${SEEDS} --index-dir ${indexDir.dir} "When did the OAS suspend Cuba?"`, '/dev/null'], { cwd: ROOT, env: ENV, encoding: 'utf8' }).stdout;
    expect(onTerminal('')).toContain('\u001b[1m1962\u001b[22m');
    expect(onTerminal('NO_COLOR=1')).toContain('1962');
    expect(onTerminal('NO_COLOR=1')).not.toContain('\u001b[1m');
    expect(ask(['When did the OAS suspend Cuba?'])).not.toContain('\u001b[');
  });
});
