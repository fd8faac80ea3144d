import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runRepl } from '../../adapters/repl/repl.js';
import { openArchivist } from '../../src/index.js';
import { SEEDS } from '../helpers.js';

const archivist = await openArchivist({ corpus: SEEDS, indexDir: null });

async function session(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  const done = runRepl(archivist, { input, output });
  input.end(lines.map((line) => `${line}\n`).join(''));
  await done;
  return screen;
}

describe('the REPL', () => {
  it('answers each question with its source, and lists the sources on :sources', async () => {
    const screen = await session(['What sentence is Alan Gross serving?', ':sources']);
    expect(screen).toMatch(/15-year sentence/);
    expect(screen).toMatch(/— "State Department confirms US-Cuba migration talks", Miami Herald/);
    expect(screen).toMatch(/- US and Cuba hold migration talks, BBC, 2009-07-15 \(.*001_91ce6b5ec52b81cd\.txt, \d+ paragraphs\)/);
  });

  it('says it does not know, and hints on an empty line, without stopping', async () => {
    const screen = await session(['', 'What is the weather in Havana today?', 'Who is Marie Harf?']);
    expect(screen).toMatch(/Ask a question/);
    expect(screen).toMatch(/I don't know|Nothing in the articles/);
    expect(screen).toMatch(/Marie Harf/);
  });

  it('stops on :quit', async () => {
    const screen = await session([':quit', 'Who is Marie Harf?']);
    expect(screen).not.toMatch(/spokeswoman/);
  });
});
