/**
 * What this process keeps of a corpus held on a cluster, and its saved form beside the
 * index: the article ledger, the term statistics, and what each shard should hold. No
 * paragraph is kept: the cluster has them. Every file is written under a fresh name and
 * flushed, then the manifest is renamed into place; each carries a SHA-256 that is checked
 * before its contents are used.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { INDEX_FORMAT_VERSION, INDEX_OPTIONS_SIGNATURE, indexFolderFor, MANIFEST, publishManifest, writeDurably } from '../persist.js';
import { ArticleLedger } from './articleLedger.js';
import type { ShardContents } from './clusterClient.js';
import type { FileSignature } from './streamCorpus.js';
import { TermTable } from './termTable.js';

/** Version of the cluster state's files; bump when their shapes change. */
const STATE_VERSION = 1;

/** A corpus's state as this process holds it. */
export interface ClusterState {
  ledger: ArticleLedger;
  statistics: TermTable;
  /** What each shard holds when the cluster is in step with this state. */
  shards: ShardContents[];
  nextParagraphId: number;
  sentences: number;
  /** The single-file corpus as it was when last read (absent for a folder). */
  corpusFile?: FileSignature | undefined;
}

/** The saved manifest. */
interface StateManifest {
  stateVersion: number;
  /** The embedded index's format version: the stored records have its shapes. */
  formatVersion: number;
  analysis: string;
  /** The version of the sentence tagging the stored records hold. */
  tagging: number;
  corpus: string;
  corpusFile?: FileSignature;
  shards: ShardContents[];
  nextParagraphId: number;
  sentences: number;
  files: { articles: string; terms: string };
  /** SHA-256 of each data file. */
  checksums: { articles: string; terms: string };
  savedAt: string;
  /** SHA-256 of this manifest without this field. */
  checksum: string;
}

/** A fresh state: no article, no paragraph. */
export function emptyState(shardCount: number): ClusterState {
  return { ledger: ArticleLedger.empty(), statistics: TermTable.empty(), shards: Array.from({ length: shardCount }, () => ({ count: 0, maxId: 0 })), nextParagraphId: 1, sentences: 0 };
}

/** The folder of a corpus's state when it is held on a cluster: beside the embedded index's, never mixed with it. */
export function stateFolderFor(indexDir: string, corpusPath: string): string {
  return `${indexFolderFor(indexDir, corpusPath)}-sphinx`;
}

/** Loads a saved state; `null` when there is none, or why it cannot be used. */
export async function loadState(folder: string): Promise<ClusterState | { problem: string } | null> {
  const text = await readFile(path.join(folder, MANIFEST), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const { checksum, ...manifest } = JSON.parse(text) as StateManifest;
    if (checksum !== sha256(JSON.stringify(manifest))) return { problem: 'its manifest is damaged (checksum mismatch)' };
    if (manifest.stateVersion !== STATE_VERSION || manifest.formatVersion !== INDEX_FORMAT_VERSION || manifest.analysis !== INDEX_OPTIONS_SIGNATURE.analysis || manifest.tagging !== INDEX_OPTIONS_SIGNATURE.tagging) {
      return { problem: 'it was saved by another version' };
    }
    const [articles, terms] = await Promise.all([readFile(path.join(folder, manifest.files.articles)), readFile(path.join(folder, manifest.files.terms))]);
    if (sha256(articles) !== manifest.checksums.articles || sha256(terms) !== manifest.checksums.terms) return { problem: 'its files are damaged (checksum mismatch)' };
    const state: ClusterState = {
      ledger: ArticleLedger.fromBytes(articles),
      statistics: TermTable.deserialize(terms),
      shards: manifest.shards,
      nextParagraphId: manifest.nextParagraphId,
      sentences: manifest.sentences,
      corpusFile: manifest.corpusFile,
    };
    return state;
  } catch (error) {
    return { problem: `its files are missing or corrupt (${(error as Error).message.split('\n')[0] ?? 'unreadable'})` };
  }
}

/** The checksum of the state saved in a folder (what tells one save from another), or null when there is none. */
export async function savedChecksum(folder: string): Promise<string | null> {
  const text = await readFile(path.join(folder, MANIFEST), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const { checksum } = JSON.parse(text) as Partial<StateManifest>;
    return typeof checksum === 'string' ? checksum : null;
  } catch {
    return null;
  }
}

/**
 * Saves a state: data files under fresh names, flushed, then the manifest renamed over the
 * old one (never half-written); older files are removed. Resolves with the saved checksum.
 */
export async function saveState(folder: string, corpusPath: string, state: ClusterState): Promise<string> {
  await mkdir(folder, { recursive: true });
  const snapshot = randomUUID().slice(0, 8);
  const files = { articles: `articles-${snapshot}.jsonl`, terms: `terms-${snapshot}.bin` };
  const articles = state.ledger.toBytes();
  const terms = state.statistics.serialize();
  await writeDurably(path.join(folder, files.articles), (handle) => handle.writeFile(articles));
  await writeDurably(path.join(folder, files.terms), (handle) => handle.writeFile(terms));
  const manifest: Omit<StateManifest, 'checksum'> = {
    stateVersion: STATE_VERSION,
    formatVersion: INDEX_FORMAT_VERSION,
    analysis: INDEX_OPTIONS_SIGNATURE.analysis,
    tagging: INDEX_OPTIONS_SIGNATURE.tagging,
    corpus: path.resolve(corpusPath),
    ...(state.corpusFile ? { corpusFile: state.corpusFile } : {}),
    shards: state.shards,
    nextParagraphId: state.nextParagraphId,
    sentences: state.sentences,
    files,
    checksums: { articles: sha256(articles), terms: sha256(terms) },
    savedAt: new Date().toISOString(),
  };
  const checksum = sha256(JSON.stringify(manifest));
  await publishManifest(folder, snapshot, JSON.stringify({ ...manifest, checksum }, null, 2), [files.articles, files.terms]);
  return checksum;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
