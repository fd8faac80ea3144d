import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { closeSync, openSync } from 'node:fs';
import { ChecksummingSink, DamagedDataError, checksumOf, fileChecksumProblem, openFileChecksumProblem, type FileChecksum } from './checksum.js';
import type { CorpusStore } from './corpusStore.js';
import { BM25_PARAMETERS } from './bm25.js';
import { PostingsIndex } from './postings/postingsIndex.js';
import { reopenParagraphs } from './lazyParagraphs.js';
import { openStore, writeStore } from './storeFile.js';
import { joinIndexFile, readIndexFile, type StoreRecords } from './storeRecords.js';
import { TAGGING_VERSION } from '../text/entities.js';

/** Version of the on-disk format; bump when the stored shapes change. */
export const INDEX_FORMAT_VERSION = 9;

/** How the index was built, in a form that can be written to the manifest and compared: a change forces a rebuild. */
export const INDEX_OPTIONS_SIGNATURE = {
  engine: 'postings',
  fields: ['text'],
  analysis: 'words-stopwords-porter-v2',
  tagging: TAGGING_VERSION,
  bm25: BM25_PARAMETERS,
};

/** What `index-data/` says about the index beside it. */
export interface IndexManifest {
  /** CRC-32 of the manifest as written, with this field's value read as `00000000`: any damage to the manifest shows. */
  checksum: string;
  formatVersion: number;
  options: typeof INDEX_OPTIONS_SIGNATURE;
  /** The corpus path as resolved when the index was built. */
  corpus: string;
  /** SHA-256 of a single-file (`.jsonl`) corpus as it was before it was read for this index: when the file still has it, the index is used without reading the corpus. */
  corpusDigest?: string;
  /** The `stat` identity of that file, taken before its digest, when it had been left alone (see `corpusFile.ts`): when the file still has it, it is not even hashed. */
  corpusIdentity?: string;
  /** Fingerprint of every corpus entry: key → SHA-256. */
  entries: Record<string, string>;
  /** Data files of this snapshot, relative to the manifest (the store as JSON lines; the postings as raw arrays, then where each store line lies with its CRC-32), each with its size and checksum. */
  files: { store: FileChecksum; index: FileChecksum };
  builtAt: string;
  paragraphs: number;
}

/** A saved index, ready to use. */
export interface SavedIndex {
  manifest: IndexManifest;
  store: CorpusStore;
  index: PostingsIndex;
}

/** A saved index that cannot be used, and why (one line). */
export interface UnusableIndex {
  problem: string;
}

/** The manifest of a saved snapshot (the embedded index's, and the cluster state's), beside the data files it names. */
export const MANIFEST = 'manifest.json';
/** How the manifest's checksum is written (its first field), and read back as zeros to check it. */
const CHECKSUM_FIELD = /^\{\s*"checksum": "([0-9a-f]{8})"/;
const UNSET_CHECKSUM = '00000000';

/** The folder that holds the index of one corpus: one per corpus path, so corpora never overwrite each other. */
export function indexFolderFor(indexDir: string, corpusPath: string): string {
  const resolved = path.resolve(corpusPath);
  const name = path.basename(resolved).replace(/[^\w.-]+/g, '_') || 'corpus';
  const digest = createHash('sha256').update(resolved).digest('hex').slice(0, 8);
  return path.join(indexDir, `${name}-${digest}`);
}

/**
 * Reads the manifest of a folder's saved index. Returns `null` when there is none, or an
 * `UnusableIndex` when it is corrupt or was written with another format or options.
 */
export async function readManifest(folder: string): Promise<IndexManifest | UnusableIndex | null> {
  const manifestText = await readFile(path.join(folder, MANIFEST), 'utf8').catch(() => null);
  if (manifestText === null) return null;
  let manifest: IndexManifest;
  try {
    manifest = JSON.parse(manifestText) as IndexManifest;
  } catch {
    return { problem: 'its manifest is not valid JSON' };
  }
  if (manifest === null || typeof manifest !== 'object') return { problem: 'its manifest is not valid JSON' };
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    return { problem: `it has format version ${String(manifest.formatVersion)}, this version reads ${INDEX_FORMAT_VERSION}` };
  }
  const written = CHECKSUM_FIELD.exec(manifestText)?.[1];
  if (written === undefined || checksumOf(manifestText.replace(written, UNSET_CHECKSUM)) !== written) {
    return { problem: 'its manifest does not match its checksum (damaged)' };
  }
  if (JSON.stringify(manifest.options) !== JSON.stringify(INDEX_OPTIONS_SIGNATURE)) {
    return { problem: 'it was built with other index options' };
  }
  return manifest;
}

/** How much of the store a load checks: each paragraph when it is first read (`records`), or the whole file at once as well (`whole`, what `archivist index` does). */
export type StoreCheck = 'records' | 'whole';

/**
 * Loads the data files a usable manifest names, or says why they cannot be used. The index
 * file is checked whole against its checksum (a chunk at a time, into one buffer), and only
 * its small parts are read: the store's record table and the postings' offsets and bounds.
 * Each term's postings and each paragraph are read, and checked, when first needed (see
 * `postingsFile.ts`, `lazyParagraphs.ts`); of the store, only the first line is read now
 * (and, with `check` `whole`, every byte checked). Nothing of a damaged file is ever read as data.
 */
export async function loadSnapshot(folder: string, manifest: IndexManifest, check: StoreCheck = 'records'): Promise<SavedIndex | UnusableIndex> {
  let fd: number | undefined;
  try {
    const { store, index } = manifest.files;
    fd = openSync(path.join(folder, index.name), 'r');
    const damage = openFileChecksumProblem(fd, index) ?? (check === 'whole' ? fileChecksumProblem(path.join(folder, store.name), store) : null);
    if (damage !== null) return { problem: `its data files are damaged: ${damage}` };
    const { postingsSize, records } = readIndexFile(fd, index.bytes);
    const postings = PostingsIndex.open(fd, postingsSize, index.name);
    fd = undefined;
    return { manifest, index: postings, store: openStore(path.join(folder, store.name), store.bytes, records) };
  } catch (error) {
    if (error instanceof DamagedDataError) return { problem: `its data files are damaged: ${error.problem}` };
    return { problem: `its data files are missing or corrupt (${(error as Error).message.split('\n')[0] ?? 'unreadable'})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether a load result is an index that cannot be used. */
export function isUnusable<T extends object>(result: T | UnusableIndex | null): result is UnusableIndex {
  return result !== null && 'problem' in result;
}

/**
 * Saves an index snapshot: data files under fresh names, flushed to disk, then the
 * manifest written to a temporary file, flushed, and renamed over the old one, so a crash
 * mid-write never leaves a manifest pointing at half-written data. Older snapshots (and
 * leftovers of an interrupted save) are removed afterwards, and a store whose paragraphs
 * are read from a file (a loaded one, or a build's spool) reads them from the new store
 * file from now on, letting the old one go (see `reopenParagraphs`).
 */
export async function saveIndex(folder: string, manifest: Omit<IndexManifest, 'files' | 'formatVersion' | 'options' | 'checksum'>, store: CorpusStore, index: PostingsIndex): Promise<void> {
  await mkdir(folder, { recursive: true });
  const snapshot = randomUUID().slice(0, 8);
  const names = { store: `store-${snapshot}.jsonl`, index: `index-${snapshot}.postings` };
  let records: StoreRecords | undefined;
  try {
    // The store is flushed to the disk while the postings are laid out and written: the two flushes overlap.
    const storeFile = await writeChecksummed(path.join(folder, names.store), async (sink) => {
      records = await writeStore(sink, store);
    });
    const indexFile = await writeChecksummed(path.join(folder, names.index), async (sink) => {
      for (const part of joinIndexFile(index.serialize(), records!)) await sink.write(part);
    }).catch(async (error: unknown) => {
      await storeFile.flushed.catch(() => undefined);
      throw error;
    });
    await Promise.all([storeFile.flushed, indexFile.flushed]);
    const files = { store: storeFile.checksum, index: indexFile.checksum };
    const unsigned = JSON.stringify({ checksum: UNSET_CHECKSUM, formatVersion: INDEX_FORMAT_VERSION, options: INDEX_OPTIONS_SIGNATURE, ...manifest, files }, null, 2);
    const signed = unsigned.replace(UNSET_CHECKSUM, checksumOf(unsigned));
    await publishManifest(folder, snapshot, signed, [names.store, names.index]);
  } catch (error) {
    // A save the disk refused leaves the previous snapshot as it was, and none of this one's files.
    await Promise.all([names.store, names.index, `${MANIFEST}.${snapshot}.tmp`].map((name) => rm(path.join(folder, name), { force: true }).catch(() => undefined)));
    throw error;
  }
  try {
    reopenParagraphs(store.paragraphs, path.join(folder, names.store), records!);
  } catch {
    // The new file could not be opened: the store keeps reading the file it read, which it holds open.
  }
}

/**
 * Puts a snapshot's manifest (`manifest.json`) in place: written to a temporary file,
 * flushed, and renamed over the old one; then every file of the folder but the manifest
 * and the snapshot's `dataFiles` (older snapshots, leftovers of an interrupted save) is removed.
 */
export async function publishManifest(folder: string, snapshot: string, text: string, dataFiles: readonly string[]): Promise<void> {
  const temporary = path.join(folder, `${MANIFEST}.${snapshot}.tmp`);
  await writeDurably(temporary, (handle) => handle.writeFile(text));
  await rename(temporary, path.join(folder, MANIFEST));
  const keep = new Set([MANIFEST, ...dataFiles]);
  for (const name of await readdir(folder)) {
    if (!keep.has(name)) await rm(path.join(folder, name), { force: true });
  }
}

/**
 * Writes a file through a checksumming sink: returns its name, size and checksum once
 * written, and the flush of it to the disk (then closed) under way. `flushed` never goes
 * unawaited as a rejection: a failed flush rejects only when awaited.
 */
async function writeChecksummed(file: string, write: (sink: ChecksummingSink) => Promise<void>): Promise<{ checksum: FileChecksum; flushed: Promise<void> }> {
  const handle = await open(file, 'w');
  let sink: ChecksummingSink;
  try {
    sink = new ChecksummingSink(handle);
    await write(sink);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const flushed = handle.sync().finally(() => handle.close());
  flushed.catch(() => undefined);
  return { checksum: sink.describe(path.basename(file)), flushed };
}

/** Writes a file with `write` and flushes it to the disk before returning. */
export async function writeDurably(file: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await write(handle);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
