import { availableParallelism, tmpdir } from 'node:os';
import { readingWarning, type Article, type DroppedText } from '../ingest/article.js';
import type { CorpusEntry } from '../ingest/readCorpus.js';
import type { Logger } from '../logger.js';
import { createStore, removeArticles, type CorpusStore } from './corpusStore.js';
import { addEncodedArticle, encodeAnalysis, type EncodedAnalysis } from './encodedAnalysis.js';
import { spooledParagraphs } from './lazyParagraphs.js';
import { readEntriesOffThread } from './offThreadReader.js';
import { analyseInParallel } from './parallelAnalysis.js';
import { PostingsIndex } from './postings/postingsIndex.js';
import type { IndexedText, SearchBackend } from './searchBackend.js';

/** Progress callback: `done` of `total` entries read into articles (`reading`: the page reader, the slow part for web pages), then indexed. */
export type IndexingProgress = (done: number, total: number, phase: 'reading' | 'indexing') => void;

/** A store and its search index, always changed together. */
export interface SearchableCorpus<Backend extends SearchBackend = SearchBackend> {
  store: CorpusStore;
  index: Backend;
}

/** Paragraphs to analyse at or above which a build analyses them on a pool of worker threads, one per core. */
export const PARALLEL_MIN_PARAGRAPHS = 4000;

/**
 * Builds a fresh store from corpus entries, indexing its paragraphs in `index` (a fresh
 * postings index by default). The paragraphs are analysed on `threads` worker threads
 * while this thread adds them (by default one per core, from `PARALLEL_MIN_PARAGRAPHS`
 * paragraphs), or on this thread alone when `threads` is 1; the result is the same byte
 * for byte either way. Each paragraph is written to a spool file in `spoolDirectory` as it
 * is added (see `spooledParagraphs`), so the build holds no paragraph in memory.
 */
export async function buildCorpus<Backend extends SearchBackend = PostingsIndex>(
  entries: CorpusEntry[],
  logger: Logger,
  progress?: IndexingProgress,
  index: Backend = PostingsIndex.create() as unknown as Backend,
  threads?: number,
  spoolDirectory: string = tmpdir(),
): Promise<SearchableCorpus<Backend>> {
  const corpus = { store: { ...createStore(), paragraphs: spooledParagraphs(spoolDirectory) }, index };
  // The postings index counts each term's paragraphs anyway: the store takes the counts from it once, instead of counting them paragraph by paragraph.
  const countedByIndex = index instanceof PostingsIndex;
  await addEntries(corpus, entries, logger, progress, threads, !countedByIndex);
  if (countedByIndex) corpus.store.documentFrequency = index.documentFrequencies();
  return corpus;
}

/**
 * Brings a saved corpus up to date: entries whose fingerprint changed or vanished are
 * removed, changed and new ones are added. Returns the number of entries touched.
 */
export async function updateCorpus(corpus: SearchableCorpus, saved: Record<string, string>, entries: CorpusEntry[], logger: Logger, progress?: IndexingProgress): Promise<number> {
  const current = new Map(entries.map((entry) => [entry.key, entry.hash]));
  const stale = new Set(Object.keys(saved).filter((key) => current.get(key) !== saved[key]));
  const fresh = entries.filter((entry) => saved[entry.key] !== entry.hash);
  const removed = removeArticles(corpus.store, stale);
  await corpus.index.remove(removed.map((paragraph) => paragraph.id));
  await addEntries(corpus, fresh, logger, progress);
  return stale.size + fresh.filter((entry) => !stale.has(entry.key)).length;
}

/** Reads and adds entries to a corpus (the store's term counts as well, unless `countTerms` is false: the caller sets them afterwards). */
async function addEntries({ store, index }: SearchableCorpus, entries: CorpusEntry[], logger: Logger, progress?: IndexingProgress, threads?: number, countTerms = true): Promise<void> {
  // Read in worker threads, under a deadline and a memory cap: a page the reader cannot take is named and left out, and never stops the rest.
  const reading = progress && ((done: number) => progress(done, entries.length, 'reading'));
  const articles = (await readEntriesOffThread(entries, logger, undefined, reading)).map((read, position) => {
    const file = entries[position]?.source.file ?? entries[position]?.key ?? '?';
    if (read) {
      const warning = readingWarning(file, read);
      if (warning !== null) logger.warn(warning, { file });
      if (read.dropped) logger.warn(droppedWarning(file, read.dropped), { file });
    }
    return read ? read.article : null;
  });
  const count = articles.reduce((sum, article) => sum + (article?.paragraphs.length ?? 0), 0);
  const pool = threads ?? (count >= PARALLEL_MIN_PARAGRAPHS ? availableParallelism() : 1);
  let analyses = pool > 1 ? analyseInParallel(paragraphsOf(articles), count, pool) : undefined;
  try {
    for (const [position, entry] of entries.entries()) {
      const article = articles[position];
      if (article && article.paragraphs.length > 0) {
        let made: EncodedAnalysis[] | undefined;
        try {
          made = analyses && (await take(analyses, article.paragraphs.length));
        } catch {
          // The threads failed: the rest is analysed here, one article at a time, each failure its own.
          await analyses?.return(undefined).catch(() => undefined);
          analyses = undefined;
        }
        const added = addAnalysed(store, entry, article, made, logger, countTerms);
        if (added) await index.add(added);
      }
      // Its text is in the store now (on disk, for a build): the memory goes as the build moves on.
      articles[position] = null;
      progress?.(position + 1, entries.length, 'indexing');
    }
  } finally {
    await analyses?.return(undefined);
  }
}

/** The paragraphs of the articles read, in order. */
function* paragraphsOf(articles: ReadonlyArray<Article | null>): Generator<string> {
  for (const article of articles) if (article) yield* article.paragraphs;
}

/** The next `count` analyses of the worker threads. */
async function take(analyses: AsyncGenerator<EncodedAnalysis>, count: number): Promise<EncodedAnalysis[]> {
  const made: EncodedAnalysis[] = [];
  while (made.length < count) {
    const next = await analyses.next();
    if (next.done) throw new Error('The paragraph analyses ended early.');
    made.push(next.value);
  }
  return made;
}

/** Adds an article to the store (its paragraphs analysed here unless `made`); an article whose analysis fails is skipped with one warning naming it. */
function addAnalysed(store: CorpusStore, entry: CorpusEntry, article: Article, made: EncodedAnalysis[] | undefined, logger: Logger, countTerms: boolean): IndexedText[] | null {
  try {
    return addEncodedArticle(store, entry.key, article, made ?? article.paragraphs.map(encodeAnalysis), countTerms);
  } catch (error) {
    const file = entry.source.file ?? entry.key;
    logger.warn(`Skipped ${file}: analysing its text failed (${error instanceof Error ? error.message : String(error)}).`, { file });
    return null;
  }
}

/** The warning for a file most of whose prose the page cleaner left out: what was kept, of how much. */
function droppedWarning(file: string, { kept, total, droppedShare }: DroppedText): string {
  const count = (value: number) => value.toLocaleString('en-US');
  return `Indexed ${count(kept)} of the ${count(total)} paragraphs of ${file}: the other ${count(total - kept)} (${Math.round(100 * droppedShare)}% of its text) read as web-page junk (navigation, link lists, teasers) or lie outside its main article.`;
}
