/**
 * One measurement of `npm run bench`, run in a child process of its own so that its peak
 * RSS is its own: `--phase build` builds the index of a corpus from its files and saves it;
 * `--phase serve` loads the saved index and times questions, then (its RSS taken) builds a
 * minisearch index of the same paragraphs, timing that build, and times the same searches
 * on it. Prints one JSON object.
 */
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { analyseQuestion } from '../src/answer/question.js';
import { DEFAULT_MODEL } from '../src/answer/scoring.js';
import { createArchivist, openArchivist } from '../src/archivist.js';
import { silentLogger } from '../src/logger.js';
import { createLiveCorpus } from '../src/search/liveCorpus.js';
import { servedStore } from '../src/search/storeSource.js';
import { ParagraphIndex } from '../src/search/paragraphIndex.js';
import { indexFolderFor } from '../src/search/persist.js';
import { openCorpus } from '../src/search/prepareIndex.js';
import { percentiles, type BuildMeasure, type ServeMeasure } from './benchReport.js';

const WARM_UP = 100;
const BURST = 200;
/** Paragraphs asked of the bare searches. */
const SEARCH_LIMIT = 10;

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(folder)) total += (await stat(path.join(folder, name))).size;
  return total;
}

function rssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function build(corpus: string, indexDir: string): Promise<BuildMeasure> {
  await rm(indexFolderFor(indexDir, corpus), { recursive: true, force: true });
  const stall = monitorEventLoopDelay({ resolution: 5 });
  stall.enable();
  const started = performance.now();
  const archivist = await openArchivist({ corpus, indexDir });
  const buildMs = performance.now() - started;
  stall.disable();
  await archivist.close();
  return {
    buildMs,
    indexBytes: await folderBytes(indexFolderFor(indexDir, corpus)),
    paragraphs: archivist.stats.paragraphs,
    buildStallMs: stall.max / 1e6,
    buildRssMb: rssMb(),
  };
}

async function serve(corpusPath: string, indexDir: string, questions: string[]): Promise<ServeMeasure> {
  const started = performance.now();
  const { corpus, fingerprints } = await openCorpus(corpusPath, indexDir, { logger: silentLogger });
  const loadMs = performance.now() - started;
  const live = createLiveCorpus({ corpusPath, indexDir, logger: silentLogger, fingerprints, corpus });
  const archivist = createArchivist({ current: () => servedStore(live.current()) }, DEFAULT_MODEL, async () => {});
  const time = async (run: (question: string) => Promise<unknown>): Promise<number[]> => {
    for (const question of questions.slice(0, WARM_UP)) await run(question);
    const durations: number[] = [];
    for (const question of questions.slice(WARM_UP)) {
      const at = performance.now();
      await run(question);
      durations.push(performance.now() - at);
    }
    return durations;
  };
  const searchTimes = await time(async (question) => corpus.index.search(analyseQuestion(question).terms, SEARCH_LIMIT));
  const answerTimes = await time((question) => archivist.ask(question));
  const stall = monitorEventLoopDelay({ resolution: 1 });
  stall.enable();
  await Promise.all(questions.slice(0, BURST).map((question) => archivist.ask(question)));
  stall.disable();
  const serveRssMb = rssMb();
  const minisearch = ParagraphIndex.create();
  const minisearchDocuments = Object.values(corpus.store.paragraphs).map(({ id, text }) => ({ id, text }));
  const minisearchStarted = performance.now();
  await minisearch.add(minisearchDocuments);
  const minisearchBuildMs = performance.now() - minisearchStarted;
  const minisearchTimes = await time(async (question) => minisearch.search(analyseQuestion(question).terms, SEARCH_LIMIT));
  return {
    loadMs,
    questions: answerTimes.length,
    answer: percentiles(answerTimes),
    search: percentiles(searchTimes),
    minisearch: percentiles(minisearchTimes),
    minisearchBuildMs,
    burstStallMs: stall.max / 1e6,
    burst: BURST,
    serveRssMb,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { phase: { type: 'string' }, corpus: { type: 'string' }, 'index-dir': { type: 'string' }, questions: { type: 'string' } }, // a JSON file: the questions, warm-up first
  });
  const corpus = values.corpus ?? '';
  const indexDir = values['index-dir'] ?? '';
  const result =
    values.phase === 'build'
      ? await build(corpus, indexDir)
      : await serve(corpus, indexDir, JSON.parse(await readFile(values.questions ?? '', 'utf8')) as string[]);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
