import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'dist', 'bin', 'archivist.js');
/** The front door and every page behind it. */
const PAGES = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => path.join('docs', name))];
const text = (page: string) => readFileSync(path.join(ROOT, page), 'utf8');
/** A page without its fenced code blocks (links and commands inside examples are not links). */
const prose = (page: string) => text(page).replace(/^```[\s\S]*?^```/gm, '');

/** GitHub's anchor for each heading of a page. */
function anchorsOf(page: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading = ''] of prose(page).matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = heading.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

describe('the README and docs/', () => {
  it.each(PAGES)('GIVEN %s THEN every relative link leads to a file that exists, and every #anchor to a heading there', (page) => {
    const broken: string[] = [];
    for (const [, target = ''] of prose(page).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const [file = '', anchor] = target.split('#');
      const linked = file === '' ? page : path.join(path.dirname(page), file);
      if (!existsSync(path.join(ROOT, linked))) broken.push(`${target}: no file ${linked}`);
      else if (anchor !== undefined && linked.endsWith('.md') && !anchorsOf(linked).has(anchor)) broken.push(`${target}: no heading #${anchor} in ${linked}`);
    }
    expect(broken).toEqual([]);
  });

  it.each(PAGES)('GIVEN %s THEN every `npm run` command it names is a script of package.json', (page) => {
    const scripts = Object.keys((JSON.parse(text('package.json')) as { scripts: Record<string, string> }).scripts);
    const named = [...text(page).matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1] ?? '');
    expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
  });
});

/** One example of a `console` block: the command after `$ `, the lines typed at the REPL (`> …`), and what it prints. */
interface Example {
  page: string;
  command: string;
  typed: string[];
  printed: string;
}

/** The examples of the `console` blocks of every page: `$ npx archivist …` and the lines after it, up to the next `$`. */
function examples(): Example[] {
  const found: Example[] = [];
  for (const page of PAGES) {
    for (const [, block = ''] of text(page).matchAll(/^```console\n([\s\S]*?)^```/gm)) {
      for (const chunk of block.split(/^(?=\$ )/m).filter((part) => part.startsWith('$ '))) {
        const [first = '', ...rest] = chunk.trimEnd().split('\n');
        const command = first.slice(2);
        if (!command.startsWith('npx archivist ')) continue;
        const typed = rest.filter((line) => line.startsWith('> ')).map((line) => line.slice(2));
        found.push({ page, command, typed, printed: rest.join('\n') });
      }
    }
  }
  return found;
}

describe("the docs' examples are what the program prints", () => {
  let indexDir: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    indexDir = await temporaryFolder();
  });
  afterAll(async () => {
    await indexDir.cleanup();
  });

  const found = examples();
  it('GIVEN the README THEN it shows examples to check', () => {
    expect(found.filter((example) => example.page === 'README.md').length).toBeGreaterThan(1);
  });

  it.each(found.map((example) => [`${example.page}: ${example.command}`, example] as const))('%s', (_name, example) => {
    const env = { ...process.env, ARCHIVIST_CORPUS: 'seeds', ARCHIVIST_INDEX_DIR: indexDir.dir, SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '', ARCHIVIST_SCORING_MODEL: '', NO_COLOR: '1', LOG_LEVEL: 'warn' };
    const command = example.command.replace(/^npx archivist /, `"${process.execPath}" "${BIN}" `);
    const input = example.typed.map((line) => `${line}\n`).join('');
    const result = spawnSync('bash', ['-c', command], { cwd: ROOT, env, input, encoding: 'utf8', timeout: 60_000 });
    let printed = result.stdout.trimEnd();
    if (example.typed.length > 0) {
      // A REPL on a pipe echoes nothing: put each typed line after its prompt, as a terminal shows it, and drop the greeting and the last prompt.
      const turns = result.stdout.replace(/\n> $/, '\n').split(/^> /m).slice(1);
      printed = turns
        .map((turn, index) => (index < example.typed.length ? `> ${example.typed[index]}\n${turn}` : ''))
        .join('')
        .trimEnd();
    }
    expect(printed).toBe(example.printed);
  });
});
