/**
 * `npm run profile:analysis [-- --corpus file.jsonl] [-- --passes 2] [-- --plain]`: where the
 * analysis of a paragraph spends its time (issue #24). Runs the stages of `analyseParagraph`
 * one by one over every paragraph of a `.jsonl` corpus (the SQuAD dev corpus by default),
 * timing each, then adds the analysed articles to a store and a postings index and writes
 * the store to a sink that only counts bytes. Prints, per pass, µs per paragraph and the
 * share of each stage (wall time: the machine is shared, so read the shares), and the
 * process's CPU time per paragraph over the pass. Checks that the stages put together give
 * exactly what `analyseParagraph` gives, so the profile is of the same work. With `--plain`
 * it only runs `analyseParagraph` itself over the corpus (`--passes` times), uninstrumented, for `node --cpu-prof`.
 * With `--compare <dist folder of another build>` it times the CPU per paragraph of this
 * build's `analyseParagraph` and the other's, passes alternated in one process.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import type { Article } from '../src/ingest/article.js';
import { addArticle, analyseParagraph, createStore, type ParagraphAnalysis } from '../src/search/corpusStore.js';
import { PostingsIndex } from '../src/search/postings/postingsIndex.js';
import { writeStore } from '../src/search/storeFile.js';
import type { PlacedEntity, StoredSentence } from '../src/search/storedParagraph.js';
import { tagSentence } from '../src/text/entities.js';
import { splitSentences } from '../src/text/sentences.js';
import { searchTerms, splitWords, termsOf, wordsWithin } from '../src/text/tokens.js';
import { SQUAD_DIR } from './squadData.js';

const STAGES = [
  'sentences and tags (wink-nlp readDoc: SBD + POS)',
  'word splitting (once per paragraph), stop words',
  'entities, roles, date events',
  'stemming (each word of the paragraph once, stop words out)',
  'term counting (store, document frequencies)',
  'postings index add',
  'writing the store (serialising)',
] as const;
type Stage = (typeof STAGES)[number];

/** Accumulates the wall time of each stage (`performance.now` only: a CPU-time reading per stage, a system call, would cost as much as the smaller stages). */
class StageClock {
  readonly spent = new Map<Stage, number>(STAGES.map((stage) => [stage, 0]));

  time<T>(stage: Stage, work: () => T): T {
    const started = performance.now();
    const result = work();
    this.add(stage, started);
    return result;
  }

  async timeAsync(stage: Stage, work: () => Promise<unknown>): Promise<void> {
    const started = performance.now();
    await work();
    this.add(stage, started);
  }

  private add(stage: Stage, started: number): void {
    this.spent.set(stage, (this.spent.get(stage) ?? 0) + performance.now() - started);
  }
}

/** `analyseParagraph`, stage by stage, timed (the same calls in the same order as `analyseParagraph` and `analyseSentence`). */
function analyseTimed(text: string, clock: StageClock): ParagraphAnalysis {
  const knownPeople = new Set<string>();
  const paragraphWords = clock.time('word splitting (once per paragraph), stop words', () => splitWords(text));
  const terms = clock.time('stemming (each word of the paragraph once, stop words out)', () => termsOf(paragraphWords));
  const spans = clock.time('sentences and tags (wink-nlp readDoc: SBD + POS)', () => splitSentences(text));
  const sentences = spans.map((span): StoredSentence => {
    const sentence = text.slice(span.start, span.end);
    const { words, from } = clock.time('word splitting (once per paragraph), stop words', () => wordsWithin(text, paragraphWords, span.start, span.end));
    const wordTerms = clock.time('stemming (each word of the paragraph once, stop words out)', () => (from === undefined ? termsOf(words) : terms.slice(from, from + words.length)));
    const { entities, roles } = clock.time('entities, roles, date events', () => {
      const tagged = tagSentence(sentence, knownPeople, span.tokens);
      const placed = tagged.entities.map((entity): PlacedEntity => {
        const at = words.findIndex((word) => word.end > (entity.start ?? 0));
        return { ...entity, at: at < 0 ? words.length : at, terms: searchTerms(entity.text).join(' ') };
      });
      return { entities: placed, roles: tagged.roles };
    });
    const positions = wordTerms.flatMap((term, index) => (term === undefined ? [] : [index]));
    const sentenceTerms = wordTerms.filter((term) => term !== undefined).join(' ');
    return { start: span.start, end: span.end, terms: sentenceTerms, positions, words: words.length, entities, ...(roles.length > 0 ? { roles } : {}) };
  });
  return { sentences, terms: terms.filter((term) => term !== undefined) };
}

/** The corpus as articles: consecutive lines of the same title make one article. */
async function readArticles(file: string): Promise<Article[]> {
  const articles: Article[] = [];
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const { title, text } = JSON.parse(line) as { title: string; text: string };
    const last = articles[articles.length - 1];
    if (last?.title === title) last.paragraphs.push(text);
    else articles.push({ articleId: title, file: null, title, publisher: null, date: null, byline: null, url: null, paragraphs: [text] });
  }
  return articles;
}

async function profilePass(articles: Article[], clock: StageClock): Promise<ParagraphAnalysis[]> {
  const store = createStore();
  const index = PostingsIndex.create();
  const all: ParagraphAnalysis[] = [];
  for (const [position, article] of articles.entries()) {
    const analyses = article.paragraphs.map((text) => analyseTimed(text, clock));
    all.push(...analyses);
    const added = clock.time('term counting (store, document frequencies)', () => addArticle(store, `article-${position}`, article, analyses));
    await clock.timeAsync('postings index add', () => index.add(added));
  }
  let bytes = 0;
  await clock.timeAsync('writing the store (serialising)', () =>
    writeStore(
      {
        write: async (data) => {
          bytes += data.byteLength;
        },
      },
      store,
    ),
  );
  process.stderr.write(`store: ${(bytes / 1e6).toFixed(1)} MB\n`);
  return all;
}

/** The table of one pass; `cpuUs`, the process's CPU time over the pass, gives the CPU per paragraph beside the wall time. */
function report(clock: StageClock, paragraphs: number, cpuUs: number, title: string): string {
  const totalMs = [...clock.spent.values()].reduce((sum, spent) => sum + spent, 0);
  const lines = [title, '', '| stage | µs / paragraph (wall) | share |', '|---|---:|---:|'];
  for (const [stage, spent] of clock.spent) {
    lines.push(`| ${stage} | ${((1000 * spent) / paragraphs).toFixed(0)} | ${((100 * spent) / totalMs).toFixed(1)}% |`);
  }
  lines.push(`| **total** | **${((1000 * totalMs) / paragraphs).toFixed(0)}** (CPU of the process over the pass: ${(cpuUs / paragraphs).toFixed(0)}) | 100% |`);
  return lines.join('\n');
}

/**
 * CPU time per paragraph of this build's `analyseParagraph` and of another build's (`dist`:
 * its compiled folder), over the same texts in one process, passes alternated (so both see
 * the same load of a shared machine): one cold pass each, then `passes` warm rounds.
 */
async function compareCpu(texts: string[], dist: string, passes: number): Promise<void> {
  const other = (await import(pathToFileURL(path.resolve(dist, 'src', 'search', 'corpusStore.js')).href)) as { analyseParagraph: (text: string) => unknown };
  const builds = [
    { name: 'this build', analyse: analyseParagraph as (text: string) => unknown, warm: [] as number[] },
    { name: dist, analyse: other.analyseParagraph, warm: [] as number[] },
  ];
  const pass = (analyse: (text: string) => unknown): number => {
    const cpu = process.cpuUsage();
    for (const text of texts) analyse(text);
    const { user, system } = process.cpuUsage(cpu);
    return (user + system) / texts.length;
  };
  const cold = builds.map((build) => pass(build.analyse));
  for (let round = 0; round < passes; round++) {
    for (const build of round % 2 === 0 ? builds : [...builds].reverse()) build.warm.push(pass(build.analyse));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  process.stdout.write('| build | cold pass | warm passes (median) | warm passes (min) | warm ÷ the other build (median of rounds) |\n|---|---:|---:|---:|---:|\n');
  builds.forEach((build, index) => {
    const ratios = build.warm.map((cpu, round) => cpu / (builds[1 - index]?.warm[round] ?? NaN));
    process.stdout.write(`| ${build.name} | ${cold[index]?.toFixed(0)} µs | ${median(build.warm).toFixed(0)} µs | ${Math.min(...build.warm).toFixed(0)} µs | ${median(ratios).toFixed(2)} |\n`);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: path.join(SQUAD_DIR, 'corpus.jsonl') },
      passes: { type: 'string', default: '2' },
      plain: { type: 'boolean', default: false },
      compare: { type: 'string' },
    },
  });
  const articles = await readArticles(values.corpus);
  const paragraphs = articles.reduce((sum, article) => sum + article.paragraphs.length, 0);
  const loading = performance.now();
  splitSentences('Models load on first use.');
  process.stdout.write(`${paragraphs} paragraphs of ${values.corpus}; wink-nlp model loaded in ${(performance.now() - loading).toFixed(0)} ms (not counted below)\n\n`);
  const texts = articles.flatMap((article) => article.paragraphs);
  if (values.plain) {
    for (let pass = 1; pass <= Number(values.passes); pass++) {
      const started = performance.now();
      for (const text of texts) analyseParagraph(text);
      process.stdout.write(`analyseParagraph, pass ${pass}: ${((1000 * (performance.now() - started)) / paragraphs).toFixed(0)} µs / paragraph (wall)\n`);
    }
    return;
  }
  if (values.compare !== undefined) {
    await compareCpu(texts, values.compare, Number(values.passes));
    return;
  }
  let analysed: ParagraphAnalysis[] = [];
  for (let pass = 1; pass <= Number(values.passes); pass++) {
    const clock = new StageClock();
    const cpu = process.cpuUsage();
    analysed = await profilePass(articles, clock);
    const { user, system } = process.cpuUsage(cpu);
    process.stdout.write(`${report(clock, paragraphs, user + system, `Pass ${pass}${pass === 1 ? ' (cold: first sight of each word by the stem cache and V8)' : ''}`)}\n\n`);
  }
  const differing = texts.filter((text, position) => !isDeepStrictEqual(analyseParagraph(text), analysed[position])).length;
  if (differing > 0) {
    process.stderr.write(`${differing} paragraphs analysed differently from analyseParagraph: the stages above no longer match it\n`);
    process.exitCode = 1;
  } else process.stdout.write('The stages together give exactly what analyseParagraph gives, for every paragraph.\n');
}

await main();
