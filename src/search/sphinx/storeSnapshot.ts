import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ChecksummingSink, checksumProblem, type FileChecksum } from '../checksum.js';
import type { CorpusStore } from '../corpusStore.js';
import { INDEX_FORMAT_VERSION, INDEX_OPTIONS_SIGNATURE, indexFolderFor, writeDurably } from '../persist.js';
import { readStore, writeStore } from '../storeFile.js';

/**
 * The corpus store of a corpus whose search index lives on a Sphinx cluster, saved
 * locally (the answer stage reads paragraphs, sentences and tags from it in process).
 * It has its own folder beside the embedded index's, so switching backends never mixes them.
 */
export interface StoreManifest {
  formatVersion: number;
  /** The text analysis the stored term statistics were made with. */
  analysis: string;
  corpus: string;
  /** Fingerprint of every corpus entry: key → SHA-256. */
  entries: Record<string, string>;
  store: string;
  /** Size and checksum of the store file: a damaged store is rebuilt, never read. */
  storeChecksum: FileChecksum;
  builtAt: string;
  paragraphs: number;
}

/** A saved store, ready to use, or why it cannot be used. */
export type SavedStore = { manifest: StoreManifest; store: CorpusStore } | { problem: string };

const MANIFEST = 'manifest.json';

/** The folder of a corpus's store when it is indexed on Sphinx. */
export function storeFolderFor(indexDir: string, corpusPath: string): string {
  return `${indexFolderFor(indexDir, corpusPath)}-sphinx`;
}

/** Loads a saved store; `null` when there is none. */
export async function loadStore(folder: string): Promise<SavedStore | null> {
  const text = await readFile(path.join(folder, MANIFEST), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const manifest = JSON.parse(text) as StoreManifest;
    if (manifest.formatVersion !== INDEX_FORMAT_VERSION || manifest.analysis !== INDEX_OPTIONS_SIGNATURE.analysis) {
      return { problem: 'it was saved by another version' };
    }
    if (!manifest.storeChecksum) return { problem: 'it was saved by another version' };
    const bytes = await readFile(path.join(folder, manifest.store));
    const damage = checksumProblem(bytes, manifest.storeChecksum);
    if (damage !== null) return { problem: `its store is damaged: ${damage}` };
    return { manifest, store: readStore(bytes) };
  } catch (error) {
    return { problem: `its files are missing or corrupt (${(error as Error).message.split('\n')[0] ?? 'unreadable'})` };
  }
}

/** Saves a store (in the embedded index's store format) under a fresh name, flushed, then renames the manifest over the old one (never half-written). */
export async function saveStore(folder: string, manifest: Omit<StoreManifest, 'formatVersion' | 'analysis' | 'store' | 'storeChecksum'>, store: CorpusStore): Promise<void> {
  await mkdir(folder, { recursive: true });
  const snapshot = randomUUID().slice(0, 8);
  const storeFile = `store-${snapshot}.jsonl`;
  let storeChecksum: FileChecksum = { name: storeFile, bytes: 0, crc32: '' };
  await writeDurably(path.join(folder, storeFile), async (handle) => {
    const sink = new ChecksummingSink(handle);
    await writeStore(sink, store);
    storeChecksum = sink.describe(storeFile);
  });
  const full: StoreManifest = { formatVersion: INDEX_FORMAT_VERSION, analysis: INDEX_OPTIONS_SIGNATURE.analysis, ...manifest, store: storeFile, storeChecksum };
  const temporary = path.join(folder, `${MANIFEST}.${snapshot}.tmp`);
  await writeDurably(temporary, (handle) => handle.writeFile(JSON.stringify(full, null, 2)));
  await rename(temporary, path.join(folder, MANIFEST));
  for (const name of await readdir(folder)) {
    if (name !== MANIFEST && name !== storeFile) await rm(path.join(folder, name), { force: true });
  }
}
