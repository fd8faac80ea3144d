/**
 * Synthetic news corpora of a given size for benchmarks: real sentences from the SQuAD
 * paragraphs, drawn with a fixed-seed PRNG into ~60-word paragraphs, 3 to 12 paragraphs
 * an article, written as a `.jsonl` corpus (`{id, title, text}` a line). The same size
 * and seed always give the same file.
 */
import { createWriteStream } from 'node:fs';
import { access, mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';

const WORDS_PER_PARAGRAPH = 60;

/** A small, fast, seedable PRNG (mulberry32): numbers in [0, 1). */
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

/** The sentences of the SQuAD corpus file (records with `text` and `sentences` offsets). */
export async function squadSentences(corpusFile: string): Promise<string[]> {
  const sentences: string[] = [];
  for (const line of (await readFile(corpusFile, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { text: string; sentences: Array<[number, number]> };
    for (const [start, end] of record.sentences) {
      const sentence = record.text.slice(start, end).trim();
      if (sentence.split(/\s+/).length >= 4) sentences.push(sentence);
    }
  }
  return sentences;
}

/**
 * Writes (once) a corpus of `paragraphs` paragraphs to `folder` and returns its path.
 * An existing file of the same size and seed is reused.
 */
export async function syntheticCorpus(folder: string, paragraphs: number, sentences: readonly string[], seed = 20261123): Promise<string> {
  const file = path.join(folder, `synthetic-${paragraphs}-${seed}.jsonl`);
  if (await access(file).then(() => true, () => false)) return file;
  await mkdir(folder, { recursive: true });
  const random = seededRandom(seed);
  const pick = () => sentences[Math.floor(random() * sentences.length)] ?? '';
  const temporary = `${file}.tmp`;
  const out = createWriteStream(temporary);
  let written = 0;
  for (let article = 0; written < paragraphs; article++) {
    const count = Math.min(paragraphs - written, 3 + Math.floor(random() * 10));
    const texts: string[] = [];
    for (let index = 0; index < count; index++) {
      const parts: string[] = [];
      for (let words = 0; words < WORDS_PER_PARAGRAPH; ) {
        const sentence = pick();
        parts.push(sentence);
        words += sentence.split(/\s+/).length;
      }
      texts.push(parts.join(' '));
    }
    written += count;
    const line = JSON.stringify({ id: `syn-${article}`, title: `Synthetic article ${article}`, text: texts.join('\n\n') });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await rename(temporary, file);
  return file;
}
