/**
 * A corpus read as a stream of entries, for loading a cluster with bounded memory. A
 * `.jsonl` corpus is read a chunk at a time and gives exactly the entries `readCorpus`
 * gives (keys, hashes, sources, warnings; a test holds the two together). A folder is read
 * with `readCorpus`, whole: its entries are then handed out one by one.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CorpusError } from '../../errors.js';
import { corpusNotFound, jsonlLineEntry, readCorpus, type CorpusEntry } from '../../ingest/readCorpus.js';
import type { Logger } from '../../logger.js';

/** A corpus being read: its entries, and how far the reading has come. */
export interface CorpusStream {
  entries: AsyncGenerator<CorpusEntry>;
  /** Share of the corpus read so far, from 0 to 1. */
  progress(): number;
}

/** Size and modification time of a single-file corpus: while both stay, the file is taken as unchanged. */
export interface FileSignature {
  size: number;
  mtimeMs: number;
}

/** The signature of a single-file corpus, or undefined for a folder or a path that cannot be read. */
export async function fileSignature(corpusPath: string): Promise<FileSignature | undefined> {
  const info = await stat(corpusPath).catch(() => undefined);
  return info?.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
}

/**
 * Streams the entries of a corpus.
 * @throws CorpusError (from the first step of `entries`) when the corpus is missing, unreadable or holds no readable article.
 */
export async function streamCorpus(corpusPath: string, logger: Logger): Promise<CorpusStream> {
  const info = await stat(corpusPath).catch(() => undefined);
  if (!info) throw corpusNotFound(corpusPath);
  if (info.isDirectory()) {
    const entries: Array<CorpusEntry | undefined> = await readCorpus(corpusPath, logger);
    const total = entries.length;
    let done = 0;
    return {
      entries: (async function* () {
        while (done < total) {
          const entry = entries[done] as CorpusEntry;
          // Let go of each entry as it is handed out (by index: `shift` is quadratic on a large folder, 5 s for 100k files).
          entries[done++] = undefined;
          yield entry;
        }
      })(),
      progress: () => done / Math.max(1, total),
    };
  }
  let read = 0;
  return { entries: jsonlEntries(corpusPath, logger, (bytes) => (read += bytes)), progress: () => (info.size === 0 ? 1 : read / info.size) };
}

/** The entries of a `.jsonl` corpus, read in 1 MB chunks. */
async function* jsonlEntries(file: string, logger: Logger, onRead: (bytes: number) => void): AsyncGenerator<CorpusEntry> {
  let lineIndex = 0;
  let found = 0;
  let rest: Buffer = Buffer.alloc(0);
  const lineEntry = (lineBytes: Buffer): CorpusEntry | null => {
    lineIndex++;
    const entry = jsonlLineEntry(lineBytes, lineIndex, file, logger);
    if (entry) found++;
    return entry;
  };
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      onRead((chunk as Buffer).length);
      const bytes = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
      let start = 0;
      for (let newline = bytes.indexOf(10); newline >= 0; newline = bytes.indexOf(10, start)) {
        const entry = lineEntry(bytes.subarray(start, newline));
        start = newline + 1;
        if (entry) yield entry;
      }
      rest = Buffer.from(bytes.subarray(start));
    }
  } catch (error) {
    if (error instanceof CorpusError) throw error;
    throw new CorpusError('CORPUS_UNREADABLE', file, `Cannot read corpus ${file}.`, { cause: error });
  }
  const last = lineEntry(rest);
  if (last) yield last;
  if (found === 0) throw new CorpusError('CORPUS_EMPTY', file, `No readable article in ${file}.`);
}
