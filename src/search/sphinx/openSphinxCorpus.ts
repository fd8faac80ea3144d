import { CorpusError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { IndexProgress } from '../indexJob.js';
import { SphinxClient, type SphinxSettings } from './clusterClient.js';
import { ClusterCorpus } from './clusterCorpus.js';
import { withIndexLock } from '../indexLock.js';
import { emptyState, loadState, savedChecksum, saveState, stateFolderFor, type ClusterState } from './clusterState.js';
import { fileSignature, streamCorpus, type FileSignature } from './streamCorpus.js';
import { syncCorpus } from './syncCorpus.js';

/** How to open a corpus on a Sphinx cluster. */
export interface SphinxCorpusOptions {
  corpus: string;
  /** Where the state is saved; `null` keeps it in memory (and loads the whole corpus onto the cluster at each open). */
  indexDir: string | null;
  settings: SphinxSettings;
  logger: Logger;
  onProgress?: ((progress: IndexProgress) => void) | undefined;
  /** Worker threads that analyse paragraphs while loading. @default one per core */
  threads?: number | undefined;
}

/** A corpus on a cluster that follows its files. */
export interface LiveClusterCorpus {
  /** The corpus questions are answered from. */
  current(): ClusterCorpus;
  /**
   * Reads the corpus and applies what changed since it was last read, and sends shards
   * that lost rows their articles again; resolves once the change is answerable and saved,
   * with the number of entries added, changed or removed. Syncs run one at a time.
   * @throws CorpusError when the corpus cannot be read; SearchUnavailableError when the cluster cannot be reached.
   */
  sync(): Promise<number>;
  /** As `sync`, but a failure is logged (one warning) instead of thrown: for hot reloads while answering. */
  reload(): Promise<number>;
  /** Waits for a running sync to finish. */
  settle(): Promise<void>;
  /** Waits for a running sync, then closes the connections. */
  close(): Promise<void>;
}

/** An opened corpus, and whether it may lag behind its files until `sync` runs. */
export interface OpenedClusterCorpus {
  live: LiveClusterCorpus;
  /** True when the corpus was opened from its saved state without reading the corpus (or with shards to send again). */
  needsSync: boolean;
}

/**
 * Opens a corpus held on a Sphinx cluster. With a usable saved state (ledger, term
 * statistics) this reads no corpus file: it checks the cluster's layout and what each
 * shard holds, and the corpus answers at once (`sync` then catches up with the files and
 * sends shards that lost rows their articles again). Without one, the whole corpus is
 * loaded onto the cluster first.
 * @throws SearchUnavailableError or ConfigError when the cluster cannot be used; CorpusError when the corpus cannot be read or holds no text.
 */
export async function openSphinxCorpus(options: SphinxCorpusOptions): Promise<OpenedClusterCorpus> {
  const { logger, indexDir, corpus: corpusPath } = options;
  const client = await SphinxClient.connect(options.settings, logger);
  try {
    const folder = indexDir === null ? null : stateFolderFor(indexDir, corpusPath);
    // One process at a time reads or writes the saved state and syncs the cluster with it (the lock of the embedded index, on this folder).
    const locked = <T>(work: () => Promise<T>): Promise<T> => (folder === null ? work() : withIndexLock(folder, logger, work));
    /** The checksum of the saved state this process holds: another process's save since then is taken in before syncing. */
    let held: string | null = null;
    const saved =
      folder === null
        ? null
        : await locked(async () => {
            held = await savedChecksum(folder);
            return loadState(folder);
          });
    if (saved && 'problem' in saved) logger.warn(`Loading ${corpusPath} onto the Sphinx cluster again: the saved state in ${folder ?? ''} cannot be used (${saved.problem}).`, { folder });
    let usable = saved && !('problem' in saved) ? saved : null;
    if (usable && usable.shards.length !== client.shardCount) {
      logger.info(`The Sphinx cluster has ${client.shardCount} shards, the saved state ${usable.shards.length}: loading ${corpusPath} onto it again.`);
      usable = null;
    }
    /** The shards that do not hold what a state places there (they missed a write, kept stale rows, or were wiped): they are sent their articles again. */
    const shardsOutOfStep = async (state: ClusterState): Promise<Set<number>> => {
      const out = new Set<number>();
      for (const [shard, holds] of (await client.shardContents()).entries()) {
        const wanted = state.shards[shard] ?? { count: 0, maxId: 0 };
        if (holds.count === wanted.count && holds.maxId === wanted.maxId) continue;
        logger.info(`Sphinx shard ${shard} holds ${holds.count} paragraphs, the saved store places ${wanted.count} there: sending them again.`, { shard });
        out.add(shard);
      }
      return out;
    };
    let emptied = usable ? await shardsOutOfStep(usable) : new Set<number>();
    const corpus = new ClusterCorpus(client, usable ?? emptyState(client.shardCount));
    let running: Promise<unknown> = Promise.resolve();
    /** Takes in the state another process saved since this one last read or wrote it (it synced the cluster meanwhile). */
    const adoptNewerSave = async (): Promise<void> => {
      if (folder === null) return;
      const now = await savedChecksum(folder);
      if (now === null || now === held) return;
      const fresh = await loadState(folder);
      if (fresh && !('problem' in fresh) && fresh.shards.length === client.shardCount) {
        corpus.state = fresh;
        emptied = await shardsOutOfStep(fresh);
      }
      held = now;
    };
    const apply = (): Promise<number> => locked(() => applyLocked());
    const applyLocked = async (): Promise<number> => {
      await adoptNewerSave();
      const signature = await fileSignature(corpusPath);
      if (emptied.size === 0 && sameFile(signature, corpus.state.corpusFile)) return 0;
      const stream = await streamCorpus(corpusPath, logger);
      const total = (done: number) => Math.max(done, Math.round(done / Math.max(stream.progress(), 1e-6)));
      const onProgress = (done: number) => options.onProgress?.({ phase: 'indexing', done, total: total(done) });
      const publish = (state: ClusterState) => void (corpus.state = { ...state, corpusFile: signature });
      const result = await syncCorpus(corpus.state, stream.entries, { emptied }, publish, { client, logger, threads: options.threads, onProgress });
      emptied = new Set();
      if (folder !== null) {
        options.onProgress?.({ phase: 'saving', done: 0, total: 1 });
        held = await saveState(folder, corpusPath, corpus.state);
        options.onProgress?.({ phase: 'saving', done: 1, total: 1 });
      }
      return result.changed;
    };
    const sync = () => {
      const next = running.then(apply);
      running = next.catch(() => undefined);
      return next;
    };
    const live: LiveClusterCorpus = {
      current: () => corpus,
      sync,
      reload: () =>
        sync().catch((error: unknown) => {
          logger.warn(`Could not reload ${corpusPath}: ${error instanceof Error ? error.message : String(error)}`, { error });
          return 0;
        }),
      settle: async () => {
        await running;
      },
      close: async () => {
        await running;
        await client.close();
      },
    };
    if (usable) return { live, needsSync: true };
    emptied = new Set(Array.from({ length: client.shardCount }, (_, shard) => shard));
    await sync();
    if (corpus.state.statistics.paragraphCount === 0) throw new CorpusError('CORPUS_EMPTY', corpusPath, `No article text found in ${corpusPath}.`);
    return { live, needsSync: false };
  } catch (error) {
    await client.close();
    throw error;
  }
}

/** Whether a single-file corpus still has the size and modification time it was read with. */
function sameFile(now: FileSignature | undefined, then: FileSignature | undefined): boolean {
  return now !== undefined && then !== undefined && now.size === then.size && now.mtimeMs === then.mtimeMs;
}
