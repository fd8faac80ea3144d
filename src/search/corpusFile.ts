/**
 * What tells a single-file (`.jsonl`) corpus unchanged since its index was built: its
 * SHA-256, which reads the whole file, or, without reading it, its identity as `stat`
 * gives it (device, inode, size, and the modification and change times in nanoseconds),
 * as git and rsync tell unchanged files. An identity is only taken of a file last written
 * more than `SETTLED_MS` before, so that a write in the same clock tick as the `stat`
 * cannot go unseen (git's "racy" files): such a file is hashed at the next start.
 */
import { stat } from 'node:fs/promises';
import { fileDigest } from '../ingest/readCorpus.js';

/** How long a file must have been left alone before its identity stands for its content. */
export const SETTLED_MS = 1000;

/** What is saved about a single-file corpus with its index, taken before the file was read. */
export interface CorpusFile {
  /** SHA-256 of the file. */
  digest: string;
  /** Its identity (`settledIdentity`), when it had been left alone long enough. */
  identity?: string | undefined;
}

/** The identity of a file left alone for `SETTLED_MS` or more; undefined for a folder, a missing file or one written just now. */
export async function settledIdentity(corpusPath: string): Promise<string | undefined> {
  const info = await stat(corpusPath, { bigint: true }).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const now = BigInt(Date.now()) * 1_000_000n;
  const settled = BigInt(SETTLED_MS) * 1_000_000n;
  if (now - info.mtimeNs < settled || now - info.ctimeNs < settled) return undefined;
  return [info.dev, info.ino, info.size, info.mtimeNs, info.ctimeNs].join(':');
}

/** The identity (taken first) and digest of a single-file corpus; undefined for a folder or an unreadable file. */
export async function corpusFileOf(corpusPath: string): Promise<CorpusFile | undefined> {
  const identity = await settledIdentity(corpusPath);
  const digest = await fileDigest(corpusPath);
  return digest === undefined ? undefined : { digest, identity };
}
