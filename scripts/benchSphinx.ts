/**
 * The Sphinx backend beside the embedded index on the same synthetic corpora: load throughput
 * (paragraphs a second, the whole open from the `.jsonl`) and answer latency (p50/p99 of
 * whole `archivist.ask` calls, SQuAD questions, after a warm-up), at each size, on a
 * local two-shard cluster this script starts and stops.
 *
 *   npm run build && node dist/scripts/benchSphinx.js [--sizes 100000,1000000]
 *     [--questions 500] [--backends embedded,sphinx] [--heap-mb 8192] [--out bench-out]
 *
 * Each measurement runs in its own Node process, so one that runs out of memory is
 * reported as such and the others still run.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { openArchivist, type BackendSettings } from '../src/index.js';
import { freePorts, startLocalCluster, stopLocalCluster } from './sphinxCluster.js';
import { SQUAD_DIR } from './squadData.js';
import { readSentencePool, seededRandom, syntheticCorpusFile } from './benchCorpus.js';

const WARM_UP = 50;
/** Seed of the synthetic corpora (the same as `npm run bench` uses, so the files are shared). */
const CORPUS_SEED = 20240601;

/** What one measurement reports. */
interface Measurement {
  backend: string;
  paragraphs: number;
  loadSeconds: number;
  paragraphsPerSecond: number;
  questions: number;
  p50: number;
  p99: number;
  mean: number;
  rssMb: number;
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000' },
    questions: { type: 'string', default: '500' },
    backends: { type: 'string', default: 'embedded,sphinx' },
    'heap-mb': { type: 'string', default: '8192' },
    out: { type: 'string', default: 'bench-out' },
    // Internal: one measurement, run in a child process.
    measure: { type: 'string' },
    corpus: { type: 'string' },
  },
});

if (values.measure !== undefined) await measureOne();
else await main();

async function main(): Promise<void> {
  const sizes = values.sizes.split(',').map(Number);
  const backends = values.backends.split(',');
  const questionCount = Number(values.questions);
  const out = path.resolve(values.out);
  const pool = await readSentencePool(path.join(SQUAD_DIR, 'corpus.jsonl'));
  const [sql0 = 0, sql1 = 0, api0 = 0, api1 = 0] = await freePorts(4);
  const cluster = backends.includes('sphinx') ? await startLocalCluster({ dataDir: path.join(out, 'sphinx-data'), sqlPorts: [sql0, sql1], apiPorts: [api0, api1] }) : null;
  const rows = ['| paragraphs | backend | load s | load paragraphs/s | ask p50 ms | ask p99 ms | ask mean ms | RSS MB (node + searchd) |', '|---|---|---|---|---|---|---|---|'];
  try {
    for (const size of sizes) {
      const corpus = await syntheticCorpusFile(out, pool, size, CORPUS_SEED);
      for (const backend of backends) {
        const settings: BackendSettings = backend === 'sphinx' && cluster ? { kind: 'sphinx', ...cluster.settings } : { kind: 'embedded' };
        process.stderr.write(`measuring ${backend} at ${size} paragraphs…\n`);
        const result = await runChild(settings, corpus, questionCount);
        if (typeof result === 'string') {
          rows.push(`| ${size} | ${backend} | failed: ${result} | | | | | |`);
          continue;
        }
        const searchdMb = cluster ? await searchdRssMb(cluster.nodes.map((node) => node.pidFile)) : 0;
        const rss = backend === 'sphinx' ? `${result.rssMb} + ${searchdMb}` : `${result.rssMb}`;
        rows.push(`| ${result.paragraphs} | ${backend} | ${result.loadSeconds.toFixed(1)} | ${Math.round(result.paragraphsPerSecond)} | ${result.p50.toFixed(1)} | ${result.p99.toFixed(1)} | ${result.mean.toFixed(1)} | ${rss} |`);
      }
    }
  } finally {
    if (cluster) await stopLocalCluster(cluster);
  }
  process.stdout.write(`${rows.join('\n')}\n\n${questionCount} questions after ${WARM_UP} warm-up; one run each, on a shared 2-core machine: provisional figures.\n`);
}

/** Runs one measurement in a child process; a string says why it failed. */
async function runChild(settings: BackendSettings, corpus: string, questions: number): Promise<Measurement | string> {
  const args = [`--max-old-space-size=${values['heap-mb']}`, process.argv[1] ?? '', '--measure', JSON.stringify(settings), '--corpus', corpus, '--questions', String(questions)];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout.trim().split('\n').pop() ?? '') as Measurement;
  } catch (error) {
    const { stderr, signal, code } = error as { stderr?: string; signal?: string; code?: number };
    const reason = (stderr ?? '').split('\n').find((line) => /heap out of memory|Invalid string length|RangeError|Error:/.test(line));
    return `${reason?.trim().slice(0, 120) ?? 'exited'} (${signal ?? `exit ${String(code)}`})`;
  }
}

/** The child: open the corpus, warm up, time the questions, print one JSON line. */
async function measureOne(): Promise<void> {
  const settings = JSON.parse(values.measure ?? '{}') as BackendSettings;
  const started = performance.now();
  const archivist = await openArchivist({ corpus: values.corpus ?? '', indexDir: null, backend: settings });
  const loadSeconds = (performance.now() - started) / 1000;
  const count = Number(values.questions);
  const questions = await sampleQuestions(WARM_UP + count);
  for (const question of questions.slice(0, WARM_UP)) await archivist.ask(question);
  const times: number[] = [];
  for (const question of questions.slice(WARM_UP)) {
    const start = performance.now();
    await archivist.ask(question);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))] ?? NaN;
  const result: Measurement = {
    backend: settings.kind,
    paragraphs: archivist.stats.paragraphs,
    loadSeconds,
    paragraphsPerSecond: archivist.stats.paragraphs / loadSeconds,
    questions: times.length,
    p50: at(0.5),
    p99: at(0.99),
    mean: times.reduce((sum, time) => sum + time, 0) / times.length,
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
  await archivist.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** SQuAD questions in a fixed pseudo-random order. */
async function sampleQuestions(count: number): Promise<string[]> {
  const lines = (await readFile(path.join(SQUAD_DIR, 'questions.jsonl'), 'utf8')).split('\n').filter((line) => line.trim() !== '');
  const random = seededRandom(7);
  const chosen: string[] = [];
  for (let taken = 0; taken < count && lines.length > 0; taken++) {
    const [line] = lines.splice(Math.floor(random() * lines.length), 1);
    chosen.push((JSON.parse(line ?? '{}') as { question: string }).question);
  }
  return chosen;
}

async function searchdRssMb(pidFiles: string[]): Promise<number> {
  let kilobytes = 0;
  for (const pidFile of pidFiles) {
    const pid = (await readFile(pidFile, 'utf8').catch(() => '')).trim();
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    kilobytes += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return Math.round(kilobytes / 1024);
}
