/**
 * The Sphinx backend on synthetic corpora, on a local two-shard cluster this script starts
 * and stops. At each size, in child processes of their own:
 * - **load**: the whole corpus from its `.jsonl` onto the empty cluster, with 1 analysis
 *   thread and then with 2 (1M: with 2 only); paragraphs a second, and the CPU it took,
 *   split into the main thread, the analysis threads and the engine;
 * - **restart**: a new process opens the loaded corpus (its saved state and the cluster),
 *   then answers SQuAD questions after a warm-up: open time, answer p50/p99, the bot's RSS.
 *
 *   npm run build && node dist/scripts/benchSphinx.js [--sizes 10000,100000]
 *     [--questions 500] [--threads 1,2] [--out DIR]
 *
 * Prints a markdown table and writes it, with every measure as JSON, to `--out`.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { openArchivist, type Archivist, type BackendSettings } from '../src/index.js';
import { parseAddress } from '../src/search/sphinx/shards.js';
import { freePorts, startLocalCluster, stopLocalCluster, type LocalCluster } from './sphinxCluster.js';
import { SQUAD_DIR } from './squadData.js';
import { readSentencePool, seededRandom, syntheticCorpusFile } from './benchCorpus.js';

const WARM_UP = 50;
/** Corpora at least this large are loaded once, with the most analysis threads. */
const LARGE = 1_000_000;
/** Seed of the synthetic corpora (the same as `npm run bench` uses, so the files are shared). */
const CORPUS_SEED = 20240601;

/** What a load reports. */
interface LoadMeasure {
  threads: number;
  paragraphs: number;
  seconds: number;
  perSecond: number;
  /** CPU seconds of the whole Node process (main thread and workers). */
  processCpuSeconds: number;
  /** CPU seconds of the main thread (reading, dispatching, the ledger). */
  mainCpuSeconds: number;
  peakRssMb: number;
  loadAverage: [number, number];
}

/** What a restart and its answers report. */
interface ServeMeasure {
  paragraphs: number;
  restartSeconds: number;
  questions: number;
  p50: number;
  p99: number;
  mean: number;
  /** CPU milliseconds per question: this process, and the cluster's `searchd` processes. */
  nodeCpuMs: number;
  searchdCpuMs: number;
  /** RSS right after the open, after answering, and the peak (VmHWM) of the bot process. */
  openRssMb: number;
  rssMb: number;
  peakRssMb: number;
  /** RSS once `sources()` has listed every article (the ledger decoded). */
  sourcesRssMb: number;
  loadAverage: [number, number];
}

/** Everything measured at one size. */
interface SizeResult {
  size: number;
  loads: LoadMeasure[];
  /** Seconds the shards took after the last load to merge their chunks (OPTIMIZE, in the background). */
  mergeSeconds: number;
  serve: ServeMeasure | string;
  searchd: { rssMb: number; cpuSecondsPerLoad: number[] };
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    questions: { type: 'string', default: '500' },
    threads: { type: 'string', default: '1,2' },
    out: { type: 'string', default: 'bench-out' },
    // Internal: one measurement, run in a child process.
    measure: { type: 'string' },
    backend: { type: 'string' },
    'searchd-pids': { type: 'string', default: '' },
    corpus: { type: 'string' },
    'index-dir': { type: 'string' },
  },
});

if (values.measure === 'load') await measureLoad();
else if (values.measure === 'serve') await measureServe();
else await main();

async function main(): Promise<void> {
  const sizes = values.sizes.split(',').map(Number);
  const threadCounts = values.threads.split(',').map(Number);
  const out = path.resolve(values.out);
  const pool = await readSentencePool(path.join(SQUAD_DIR, 'corpus.jsonl'));
  const [sql0 = 0, sql1 = 0, api0 = 0, api1 = 0] = await freePorts(4);
  const dataDir = path.join(out, 'sphinx-data');
  await rm(dataDir, { recursive: true, force: true });
  const cluster = await startLocalCluster({ dataDir, sqlPorts: [sql0, sql1], apiPorts: [api0, api1] });
  const backend: BackendSettings = { kind: 'sphinx', ...cluster.settings };
  const results: SizeResult[] = [];
  try {
    for (const size of sizes) {
      const corpus = await syntheticCorpusFile(out, pool, size, CORPUS_SEED);
      const indexDir = path.join(out, `index-data-${size}`);
      const loads: LoadMeasure[] = [];
      const searchdCpu: number[] = [];
      // A load of a million paragraphs takes many minutes: it is measured with the most threads only.
      for (const threads of size >= LARGE ? [Math.max(...threadCounts)] : threadCounts) {
        process.stderr.write(`${size} paragraphs: loading with ${threads} analysis thread(s)…\n`);
        await rm(indexDir, { recursive: true, force: true });
        const before = await searchdCpuSeconds(cluster);
        const load = await runChild<LoadMeasure>(['--measure', 'load', '--backend', JSON.stringify({ ...backend, threads }), '--corpus', corpus, '--index-dir', indexDir]);
        searchdCpu.push((await searchdCpuSeconds(cluster)) - before);
        if (typeof load !== 'string') loads.push(load);
        else process.stderr.write(`  failed: ${load}\n`);
      }
      process.stderr.write(`${size} paragraphs: waiting for the shards to merge their chunks…\n`);
      const mergeSeconds = await waitForMerges(cluster);
      process.stderr.write(`${size} paragraphs: restarting and answering…\n`);
      const pids = (await searchdPids(cluster)).join(',');
      const serve = await runChild<ServeMeasure>(['--measure', 'serve', '--backend', JSON.stringify(backend), '--corpus', corpus, '--index-dir', indexDir, '--questions', values.questions, '--searchd-pids', pids]);
      results.push({ size, loads, serve, mergeSeconds, searchd: { rssMb: await searchdRssMb(cluster), cpuSecondsPerLoad: searchdCpu } });
    }
  } finally {
    await stopLocalCluster(cluster);
  }
  const table = formatTable(results);
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}`;
  const note = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, two shards on this machine; ${values.questions} SQuAD questions after ${WARM_UP} warm-up. Load averages (1 and 5 min) as each measurement started.`;
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'sphinx-results.md'), `${table}\n\n${note}\n`);
  await writeFile(path.join(out, 'sphinx-results.json'), `${JSON.stringify({ machine, results }, null, 2)}\n`);
  process.stdout.write(`${table}\n\n${note}\n`);
}

function formatTable(results: SizeResult[]): string {
  const rows = [
    '| paragraphs | bot RSS after answering (peak) | restart | answer p50 / p99 | CPU ms a question: bot · engine | loading, paragraphs/s (threads; load average) | load CPU µs/paragraph: main · analysis · engine (threads) | chunk merge after load | searchd RSS (2 nodes) | load average at serve |',
    '|---:|---:|---:|---:|---|---|---|---:|---:|---|',
  ];
  for (const { size, loads, serve, searchd, mergeSeconds } of results) {
    const loading = loads.map((load) => `${Math.round(load.perSecond).toLocaleString('en-US')} (${load.threads}; load avg ${load.loadAverage[0].toFixed(1)})`).join(', ');
    const cpu = loads
      .map((load, index) => {
        const perParagraph = (seconds: number) => Math.round((seconds * 1e6) / Math.max(1, load.paragraphs));
        return `${perParagraph(load.mainCpuSeconds)} · ${perParagraph(load.processCpuSeconds - load.mainCpuSeconds)} · ${perParagraph(searchd.cpuSecondsPerLoad[index] ?? 0)} (${load.threads})`;
      })
      .join(', ');
    if (typeof serve === 'string') {
      rows.push(`| ${size.toLocaleString('en-US')} | failed: ${serve} | | | | ${loading} | ${cpu} | ${mergeSeconds.toFixed(0)} s | ${searchd.rssMb} MB | |`);
      continue;
    }
    rows.push(
      `| ${serve.paragraphs.toLocaleString('en-US')} | ${serve.rssMb} MB (${serve.peakRssMb} MB) | ${serve.restartSeconds.toFixed(2)} s | ${serve.p50.toFixed(1)} / ${serve.p99.toFixed(1)} ms | ${serve.nodeCpuMs.toFixed(1)} · ${serve.searchdCpuMs.toFixed(1)} | ${loading} | ${cpu} | ${mergeSeconds.toFixed(0)} s | ${searchd.rssMb} MB | ${serve.loadAverage[0].toFixed(1)}, ${serve.loadAverage[1].toFixed(1)} |`,
    );
  }
  return rows.join('\n');
}

/** Runs one measurement in a child process; a string says why it failed. */
async function runChild<T>(args: string[]): Promise<T | string> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [process.argv[1] ?? '', ...args], { maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout.trim().split('\n').pop() ?? '') as T;
  } catch (error) {
    const { stderr, signal, code } = error as { stderr?: string; signal?: string; code?: number };
    const reason = (stderr ?? '').split('\n').find((line) => /heap out of memory|RangeError|Error:/.test(line));
    return `${reason?.trim().slice(0, 160) ?? 'exited'} (${signal ?? `exit ${String(code)}`})`;
  }
}

/** The child: load the corpus onto the empty cluster from its `.jsonl`, print one JSON line. */
async function measureLoad(): Promise<void> {
  const { threads, ...backend } = JSON.parse(values.backend ?? '{}') as BackendSettings & { threads: number };
  const loadAverage = firstLoadAverages();
  const cpu = process.cpuUsage();
  const mainCpu = await threadCpuSeconds(`/proc/self/task/${process.pid}/stat`);
  const started = performance.now();
  const archivist = await openArchivist({ corpus: values.corpus ?? '', indexDir: values['index-dir'] ?? null, backend, analysisThreads: threads });
  const seconds = (performance.now() - started) / 1000;
  const mainCpuSeconds = (await threadCpuSeconds(`/proc/self/task/${process.pid}/stat`)) - mainCpu;
  const used = process.cpuUsage(cpu);
  const paragraphs = archivist.stats.paragraphs;
  await archivist.close();
  const result: LoadMeasure = {
    threads,
    paragraphs,
    seconds,
    perSecond: paragraphs / seconds,
    processCpuSeconds: (used.user + used.system) / 1e6,
    mainCpuSeconds,
    peakRssMb: await peakRssMb(),
    loadAverage,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** The child: open the loaded corpus as a restarted bot would, warm up, time the questions, print one JSON line. */
async function measureServe(): Promise<void> {
  const backend = JSON.parse(values.backend ?? '{}') as BackendSettings;
  const loadAverage = firstLoadAverages();
  const started = performance.now();
  const archivist = await openArchivist({ corpus: values.corpus ?? '', indexDir: values['index-dir'] ?? null, backend });
  const restartSeconds = (performance.now() - started) / 1000;
  const openRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  const count = Number(values.questions);
  const questions = await sampleQuestions(WARM_UP + count);
  for (const question of questions.slice(0, WARM_UP)) await archivist.ask(question);
  const searchdFiles = (values['searchd-pids'] ?? '').split(',').filter((pid) => pid !== '').map((pid) => `/proc/${pid}/stat`);
  const cpu = process.cpuUsage();
  const searchdBefore = await threadCpuSeconds(...searchdFiles);
  const times: number[] = [];
  for (const question of questions.slice(WARM_UP)) {
    const start = performance.now();
    await archivist.ask(question);
    times.push(performance.now() - start);
  }
  const used = process.cpuUsage(cpu);
  const searchdSeconds = (await threadCpuSeconds(...searchdFiles)) - searchdBefore;
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))] ?? NaN;
  const result: ServeMeasure = {
    paragraphs: archivist.stats.paragraphs,
    restartSeconds,
    questions: times.length,
    p50: at(0.5),
    p99: at(0.99),
    mean: times.reduce((sum, time) => sum + time, 0) / times.length,
    nodeCpuMs: (used.user + used.system) / 1000 / times.length,
    searchdCpuMs: (searchdSeconds * 1000) / times.length,
    openRssMb,
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    peakRssMb: await peakRssMb(),
    sourcesRssMb: rssAfterListing(archivist),
    loadAverage,
  };
  await archivist.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** RSS in MB once the archivist has listed its articles (as `/sources` does). */
function rssAfterListing(archivist: Archivist): number {
  archivist.sources();
  return Math.round(process.memoryUsage().rss / 2 ** 20);
}

function firstLoadAverages(): [number, number] {
  const [one = 0, five = 0] = loadavg();
  return [one, five];
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

/** Peak RSS of this process (VmHWM), in MB. */
async function peakRssMb(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** Waits until every shard holds at most one disk chunk (the merge a load starts runs in the background); returns the seconds waited. */
async function waitForMerges(cluster: LocalCluster): Promise<number> {
  const started = performance.now();
  for (const node of cluster.nodes) {
    const { host, port } = parseAddress(node.sqlAddress);
    const connection = await mysql.createConnection({ host, port });
    try {
      for (;;) {
        const [rows] = (await connection.query(`SHOW INDEX ${cluster.settings.index}_${node.shard} STATUS`)) as unknown as [Array<{ Variable_name: string; Value: string }>];
        if (Number(rows.find((row) => row.Variable_name === 'disk_chunks')?.Value ?? 0) <= 1) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } finally {
      await connection.end();
    }
  }
  return (performance.now() - started) / 1000;
}

async function searchdPids(cluster: LocalCluster): Promise<string[]> {
  return Promise.all(cluster.nodes.map(async (node) => (await readFile(node.pidFile, 'utf8').catch(() => '')).trim()));
}

async function searchdRssMb(cluster: LocalCluster): Promise<number> {
  let kilobytes = 0;
  for (const pid of await searchdPids(cluster)) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    kilobytes += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return Math.round(kilobytes / 1024);
}

/** CPU seconds (user + system) the cluster's `searchd` processes have used so far. */
async function searchdCpuSeconds(cluster: LocalCluster): Promise<number> {
  return threadCpuSeconds(...(await searchdPids(cluster)).map((pid) => `/proc/${pid}/stat`));
}

/** CPU seconds (user + system) used so far by the processes or threads of these `/proc/…/stat` files. */
async function threadCpuSeconds(...statFiles: string[]): Promise<number> {
  let ticks = 0;
  for (const file of statFiles) {
    const fields = (await readFile(file, 'utf8').catch(() => '')).split(') ').pop()?.split(' ') ?? [];
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks / 100;
}
