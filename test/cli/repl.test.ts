import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runRepl } from '../../adapters/repl/repl.js';
import { createReplLog } from '../../adapters/repl/replLog.js';
import { openArchivist } from '../../src/index.js';
import { SEEDS } from '../helpers.js';

const archivist = await openArchivist({ corpus: SEEDS, indexDir: null });

async function session(lines: string[], options: { bold?: boolean } = {}): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  const done = runRepl(archivist, { input, output, ...options });
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
    expect(screen).toContain('Nothing in the archive answers that.');
    expect(screen).toMatch(/Marie Harf/);
  });

  it('stops on :quit', async () => {
    const screen = await session([':quit', 'Who is Marie Harf?']);
    expect(screen).not.toMatch(/spokeswoman/);
  });

  it('reads a follow-up with the previous question and says how; a new topic or :new starts afresh', async () => {
    const screen = await session(['Who is Alan Gross?', 'How long is his sentence?', 'Who is Jose Pertierra?', 'Who is Alan Gross?', ':new', 'How long is his sentence?']);
    const answers = screen.split(/\n(?=\S)/);
    expect(screen).toContain("(Taking 'his' as Alan Gross)");
    expect(screen).toMatch(/Taking 'his' as Alan Gross\)\n.*15(?:-year| years)/);
    expect(screen.match(/Taking/g)).toHaveLength(1);
    expect(screen).toContain('Starting a new topic.');
    expect(answers.some((line) => line.includes('Pertierra'))).toBe(true);
  });

  it('shows the phrase that answers the question in bold on a terminal', async () => {
    const screen = await session(['When did the OAS suspend Cuba?'], { bold: true });
    expect(screen).toContain('The OAS suspended Cuba in \u001b[1m1962\u001b[22m after');
    expect(await session(['When did the OAS suspend Cuba?'])).not.toContain('\u001b[1m');
  });

  it('shows one answer with the count of the others, and :more lists them', async () => {
    const screen = await session(['when did talks resume?', ':more']);
    const [answer = '', more = ''] = screen.split(/\n> /).slice(0, 3).slice(1);
    const count = Number(/\((\d+) more answers?: type :more\)/.exec(answer)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(answer).not.toContain('Also (2)');
    expect(more.match(/^Also \(\d\): /gm)).toHaveLength(count);
    expect(more).toMatch(/— ".+", .* · confidence \d\.\d\d/);
  });

  it('GIVEN no confident answer THEN it lists the closest passages with their answer phrase in bold, and :more lists the others', async () => {
    const screen = await session(['where was the North Korean ship going?', ':more'], { bold: true });
    const [hedged = '', more = ''] = screen.split(/\n> /).slice(1, 3);
    expect(hedged).toMatch(/^Not sure — the closest passages:\n1\. .*bound for North Korea.*\n  — "Cuba-US Migration Talks Held Despite NK Boat Seizure", Havana Times/);
    expect(hedged).toContain('\u001b[1m');
    const shown = hedged.match(/^\d\. /gm)?.length ?? 0;
    expect(shown).toBeGreaterThanOrEqual(1);
    const count = Number(/\((\d+) more answers?: type :more\)/.exec(hedged)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(more.match(/^Also \(\d\): /gm)).toHaveLength(count);
    expect(more).toContain(`Also (${shown + 1}): `);
  });

  it('GIVEN "Nothing in the archive answers that." THEN :more still lists the passages ranked best, for whoever wants to look', async () => {
    const screen = await session(['What is the weather in Havana today?', ':more']);
    const [nothing = '', more = ''] = screen.split(/\n> /).slice(1, 3);
    expect(nothing.trim()).toBe('Nothing in the archive answers that.');
    expect(more).toMatch(/^Also \(1\): .+\n  — ".+"/);
  });

  it('says so when :more has nothing to show', async () => {
    expect(await session([':more'])).toContain('No other answers to the last question.');
  });

  it('GIVEN a log line while a question is half typed on a terminal THEN it is written above the prompt and the half-typed question is redrawn after it', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const errors = new PassThrough();
    let screen = '';
    output.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    errors.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    const log = createReplLog(errors);
    const done = runRepl(archivist, { input, output, terminal: true, log });
    input.write('when did the tal');
    await new Promise((resolve) => setImmediate(resolve));
    const before = screen.length;
    log.write('Reloaded: 1 added, 0 changed, 0 removed.');
    // What the terminal shows, its cursor movements aside.
    const after = screen.slice(before).replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
    expect(after).toBe('Reloaded: 1 added, 0 changed, 0 removed.\n> when did the tal');
    input.end('ks resume?\n');
    await done;
    expect(screen).toContain('July 2009');
  });
});
