/**
 * Synthetic corpora for the benchmark: real sentences (the SQuAD paragraphs, cut at their
 * own gold sentence offsets) sampled with a fixed-seed PRNG into ~60-word paragraphs,
 * grouped into articles. The same seed always gives the same corpus, byte for byte.
 */
import { createWriteStream } from 'node:fs';
import { access, mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';

/** One line of a `.jsonl` corpus. */
export interface CorpusRecord {
  id: string;
  title: string;
  text: string;
}

/** Where sentences and titles are sampled from. */
export interface SentencePool {
  sentences: string[];
  titles: string[];
}

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same sequence of floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Reads the sentences (at their gold offsets) and titles of the SQuAD corpus file. */
export async function readSentencePool(squadCorpusFile: string): Promise<SentencePool> {
  const sentences: string[] = [];
  const titles = new Set<string>();
  for (const line of (await readFile(squadCorpusFile, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { title: string; text: string; sentences: Array<[number, number]> };
    titles.add(record.title.replace(/_/g, ' '));
    for (const [start, end] of record.sentences) {
      const sentence = record.text.slice(start, end).replace(/\s+/g, ' ').trim();
      if (sentence.split(' ').length >= 4) sentences.push(sentence);
    }
  }
  return { sentences, titles: [...titles] };
}

/** Words per synthetic paragraph (sentences are added until it holds at least this many). */
const PARAGRAPH_WORDS = 60;
/** Paragraphs per article: from 4 to 12. */
const MIN_ARTICLE_PARAGRAPHS = 4;
const MAX_EXTRA_PARAGRAPHS = 8;

/**
 * Generates `paragraphs` paragraphs of sampled sentences, grouped into articles (one record
 * each, paragraphs separated by blank lines). Deterministic for a pool and a seed.
 */
export function* syntheticArticles(pool: SentencePool, paragraphs: number, seed: number): Generator<CorpusRecord> {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  let made = 0;
  for (let article = 0; made < paragraphs; article++) {
    const count = Math.min(paragraphs - made, MIN_ARTICLE_PARAGRAPHS + Math.floor(random() * (MAX_EXTRA_PARAGRAPHS + 1)));
    const body: string[] = [];
    for (let index = 0; index < count; index++) {
      const sentences: string[] = [];
      let words = 0;
      while (words < PARAGRAPH_WORDS) {
        const sentence = pick(pool.sentences);
        sentences.push(sentence);
        words += sentence.split(' ').length;
      }
      body.push(sentences.join(' '));
    }
    made += count;
    yield { id: `a${article}`, title: `${pick(pool.titles)} (${article})`, text: body.join('\n\n') };
  }
}

/**
 * The path of a synthetic corpus of `paragraphs` paragraphs in `cacheDir`, written there
 * first when it is not yet (to a temporary name, then renamed, so a partial file is never reused).
 */
export async function syntheticCorpusFile(cacheDir: string, pool: SentencePool, paragraphs: number, seed: number): Promise<string> {
  const file = path.join(cacheDir, `synthetic-${paragraphs}-seed${seed}.jsonl`);
  if (await access(file).then(() => true, () => false)) return file;
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const out = createWriteStream(temporary);
  for (const record of syntheticArticles(pool, paragraphs, seed)) {
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await rename(temporary, file);
  return file;
}
