/**
 * Where a build's CPU goes (issue #24): builds a corpus on this thread with the analysis
 * pool (`--threads`, 2 by default), saves it, and prints this thread's CPU per paragraph
 * (receiving the analyses, writing the store, counting terms, saving) against the whole
 * process's (the pool's analysis besides), with the peak RSS. Linux only: this thread's CPU
 * is read from /proc/thread-self/stat.
 *
 *   node dist/scripts/benchBuildCpu.js --corpus <corpus.jsonl> --index-dir <folder>
 */
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readCorpus } from '../src/ingest/readCorpus.js';
import { silentLogger } from '../src/logger.js';
import { buildCorpus } from '../src/search/buildIndex.js';
import { saveIndex } from '../src/search/persist.js';
import { PostingsIndex } from '../src/search/postings/postingsIndex.js';

/** CPU time of this thread, in ms (user and system; the kernel counts in ticks of 10 ms). */
function threadCpuMs(): number {
  const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  return 10 * (Number(fields[11]) + Number(fields[12]));
}

function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const { values } = parseArgs({ options: { corpus: { type: 'string' }, 'index-dir': { type: 'string' }, threads: { type: 'string', default: '2' } } });
const indexDir = values['index-dir'] ?? '';
const entries = await readCorpus(values.corpus ?? '', silentLogger);
await rm(indexDir, { recursive: true, force: true });
await mkdir(indexDir, { recursive: true });
const started = { thread: threadCpuMs(), process: processCpuMs(), wall: performance.now() };
const { store, index } = await buildCorpus(entries, silentLogger, undefined, PostingsIndex.create(), Number(values.threads), indexDir);
const built = { thread: threadCpuMs(), process: processCpuMs(), wall: performance.now() };
await saveIndex(path.join(indexDir, 'corpus'), { corpus: 'corpus', entries: {}, builtAt: '', paragraphs: store.paragraphCount }, store, index);
const saved = { thread: threadCpuMs(), process: processCpuMs(), wall: performance.now() };
const perParagraph = (ms: number) => Math.round((1000 * ms) / store.paragraphCount);
process.stdout.write(
  `${JSON.stringify({
    paragraphs: store.paragraphCount,
    buildS: Number(((built.wall - started.wall) / 1000).toFixed(1)),
    saveS: Number(((saved.wall - built.wall) / 1000).toFixed(1)),
    thisThreadBuildUs: perParagraph(built.thread - started.thread),
    thisThreadSaveUs: perParagraph(saved.thread - built.thread),
    processUs: perParagraph(saved.process - started.process),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
