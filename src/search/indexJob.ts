/**
 * What an index build is asked to do and how it reports its progress, shared by the
 * thread that asks and the worker that builds.
 */
import type { CorpusEntry } from '../ingest/readCorpus.js';
import type { CorpusFile } from './corpusFile.js';
import type { IndexManifest } from './persist.js';

/** Progress of an index build, reported file by file. */
export interface IndexProgress {
  phase: 'reading' | 'indexing' | 'saving';
  done: number;
  total: number;
}

/** A corpus to bring into a saved index folder. */
export interface RefreshJob {
  /** The corpus path as the user gave it (resolved into the manifest). */
  corpusPath: string;
  folder: string;
  entries: CorpusEntry[];
  /** The manifest of the saved index to update, or null to build from scratch. */
  base: IndexManifest | null;
  /** Digest and identity of a single-file corpus, taken before it was read (see `IndexManifest.corpusDigest`). */
  corpusFile?: CorpusFile | undefined;
}
