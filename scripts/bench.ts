/**
 * `npm run bench [-- --large] [-- --sizes 10000,100000] [-- --questions N] [-- --backend sphinx]`: build time,
 * index size, load time, peak RSS, answer and bare-search latency, and event-loop stalls,
 * for the seeds, the SQuAD corpus and synthetic corpora of 10k and 100k paragraphs (500k
 * with `--large`). Each corpus is measured in child processes of its own. Writes
 * `docs/bench/results.md`, `docs/bench/latency.svg` and `docs/bench/results.json`. With
 * `--backend sphinx` it measures a local two-shard Sphinx cluster instead (scripts/benchSphinx.ts:
 * loading rate at 1 and 2 analysis threads, restart, answer p50/p99, bot RSS; 10k and 100k, and 1M with `--large`).
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { readSentencePool, seededRandom, syntheticCorpusFile } from './benchCorpus.js';
import { latencyChart, markdownTable, type BenchRow, type BuildMeasure, type ServeMeasure } from './benchReport.js';
import { SQUAD_DIR } from './squadData.js';

const run = promisify(execFile);
const SEED = 20240601;
const WARM_UP = 100;
/** Heap limit for corpora of `LARGE` paragraphs or more, whose build needs more than Node's default (a higher limit also lets V8 put off collecting, which inflates peak RSS, so smaller corpora keep the default). */
const CHILD_HEAP_MB = 8192;
const LARGE = 300_000;

interface Corpus {
  label: string;
  path: string;
  paragraphs?: number;
}

async function sampleQuestions(count: number, seed: number): Promise<string[]> {
  const questions = (await readFile(path.join(SQUAD_DIR, 'questions.jsonl'), 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { question: string }).question);
  const random = seededRandom(seed);
  for (let index = questions.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [questions[index], questions[other]] = [questions[other] as string, questions[index] as string];
  }
  return questions.slice(0, count);
}

async function measure<T>(phase: 'build' | 'serve', corpus: Corpus, indexDir: string, questionsFile: string): Promise<T> {
  const script = path.join(import.meta.dirname, 'benchSize.js');
  const heap = (corpus.paragraphs ?? 0) >= LARGE ? [`--max-old-space-size=${CHILD_HEAP_MB}`] : [];
  const args = [...heap, script, '--phase', phase, '--corpus', corpus.path, '--index-dir', indexDir, '--questions', questionsFile];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as T;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      large: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      questions: { type: 'string', default: '1000' },
      out: { type: 'string', default: path.join('docs', 'bench') },
      cache: { type: 'string', default: process.env.BENCH_CACHE ?? path.join(tmpdir(), 'archivist-bench') },
      backend: { type: 'string', default: 'embedded' },
    },
  });
  if (values.backend === 'sphinx') {
    // The cluster beside the embedded index, on two local shards: scripts/benchSphinx.ts.
    const sphinxSizes = values.sizes ?? (values.large ? '10000,100000,1000000' : '10000,100000');
    const child = spawn(process.execPath, [fileURLToPath(new URL('benchSphinx.js', import.meta.url)), '--sizes', sphinxSizes, '--questions', values.questions, '--out', values.cache], { stdio: 'inherit' });
    const [code] = (await once(child, 'exit')) as [number | null];
    process.exitCode = code ?? 1;
    return;
  }
  const sizes = values.sizes ? values.sizes.split(',').map(Number) : [10_000, 100_000, ...(values.large ? [500_000] : [])];
  const cache = values.cache;
  const pool = await readSentencePool(path.join(SQUAD_DIR, 'corpus.jsonl'));
  const corpora: Corpus[] = [
    { label: 'seeds', path: 'seeds' },
    { label: 'SQuAD dev', path: path.join(SQUAD_DIR, 'corpus.jsonl') },
  ];
  for (const size of sizes) {
    corpora.push({ label: `synthetic ${size >= 1000 ? `${size / 1000}k` : size}`, path: await syntheticCorpusFile(cache, pool, size, SEED), paragraphs: size });
  }
  const questionsFile = path.join(cache, `questions-${SEED}-${values.questions}.json`);
  await mkdir(cache, { recursive: true });
  await writeFile(questionsFile, JSON.stringify(await sampleQuestions(WARM_UP + Number(values.questions), SEED)));
  const indexDir = path.join(cache, 'index-data');
  const rows: BenchRow[] = [];
  for (const corpus of corpora) {
    process.stderr.write(`${corpus.label}: building…\n`);
    const built = await measure<BuildMeasure>('build', corpus, indexDir, questionsFile);
    process.stderr.write(`${corpus.label}: loading and asking…\n`);
    const served = await measure<ServeMeasure>('serve', corpus, indexDir, questionsFile);
    rows.push({ label: corpus.label, ...built, ...served });
  }
  const table = markdownTable(rows);
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}`;
  const notes = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; ${values.questions} SQuAD questions per corpus after ${WARM_UP} warm-up questions (seed ${SEED}).`,
    'Build: from the corpus files to the saved index (a worker thread builds when 500 entries or more need indexing). Load: opening the saved index (for a `.jsonl` corpus, one hash of the file replaces reading it when it is unchanged; a folder is read file by file).',
    'Answer: the whole `ask` (retrieval, sentence choice, source). Search: the bare search of the postings index answers come from, top 10. Minisearch: the bare minisearch search, top 10, for the same questions over the same paragraphs, in the same process (which ranks identically).',
    'Minisearch build: minisearch indexing the same paragraphs (texts already in memory, the same search terms) in the serve process, after the serving RSS is taken; build ÷ minisearch build is the ratio issue #24 sets a bound on (≤ 2×), both from this one run.',
    'Stall: the longest event-loop delay while 200 questions were in flight at once, and on the main thread during the build.',
  ];
  await mkdir(values.out, { recursive: true });
  await writeFile(path.join(values.out, 'results.md'), `${table}\n\n${notes.join('\n')}\n`);
  await writeFile(path.join(values.out, 'latency.svg'), latencyChart(rows, 'Archivist: latency per question against corpus size'));
  await writeFile(path.join(values.out, 'results.json'), `${JSON.stringify({ machine, rows }, null, 2)}\n`);
  process.stdout.write(`${table}\n`);
}

await main();
