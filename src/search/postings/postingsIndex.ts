import { searchTerms } from '../../text/tokens.js';
import type { IndexedText, ParagraphHit, SearchBackend } from '../searchBackend.js';
import { emptyLists, emptyPending, relayPostings, type PendingPostings, type PostingLists } from './postingLists.js';
import { openPostings, readPostings, writePostings } from './postingsFile.js';
import { searchTopK } from './topK.js';

/**
 * BM25+ search over paragraphs in process, the default backend: postings in typed arrays,
 * top-k with early termination, scores and ranking identical to minisearch's (see
 * `topK.ts`), saved and loaded as raw buffers. Added paragraphs wait in a pending list,
 * and removed ones are only marked, until the next search or save lays the postings out
 * again (one pass over them).
 */
export class PostingsIndex implements SearchBackend {
  readonly name = 'postings';
  private pending: PendingPostings = emptyPending();
  /** Whether postings must be laid out again before searching (paragraphs added or removed). */
  private stale = false;

  private constructor(private readonly lists: PostingLists) {}

  /** An empty index. */
  static create(): PostingsIndex {
    return new PostingsIndex(emptyLists());
  }

  /**
   * An index restored from `serialize()` output.
   * @throws Error when the bytes are not a saved postings index.
   */
  static deserialize(bytes: Uint8Array): PostingsIndex {
    return new PostingsIndex(readPostings(bytes));
  }

  /**
   * An index over the `serialize()` output held in the first `size` bytes of an open file
   * (`name` for warnings), which it owns from now on: each term's postings are read, and
   * checked, when the term is first searched.
   * @throws Error when the file does not hold a saved postings index.
   */
  static open(fd: number, size: number, name: string): PostingsIndex {
    return new PostingsIndex(openPostings(fd, size, name));
  }

  /**
   * Indexes paragraphs by their search terms (`counted` or `terms` when given, else those of `text`).
   * @throws Error when an id is already indexed.
   */
  async add(paragraphs: IndexedText[]): Promise<void> {
    const { lists, pending } = this;
    for (const paragraph of paragraphs) {
      const { id } = paragraph;
      this.reserve(id);
      if (lists.lengths[id]! >= 0) throw new Error(`Paragraph ${id} is already in the index.`);
      const { terms, counts } = paragraph.counted ?? countTerms(paragraph.terms ?? searchTerms(paragraph.text));
      pending.ids.push(id);
      pending.starts.push(pending.terms.length);
      for (let at = 0; at < terms.length; at++) {
        pending.terms.push(this.termNumber(terms[at]!));
        pending.freqs.push(counts[at]!);
      }
      // minisearch's running mean, operation for operation.
      const count = lists.documentCount;
      lists.averageLength = (lists.averageLength * count + terms.length) / (count + 1);
      lists.documentCount++;
      lists.lengths[id] = terms.length;
    }
    if (paragraphs.length > 0) this.stale = true;
  }

  /** Removes paragraphs by id (ids not in the index are ignored). */
  async remove(ids: number[]): Promise<void> {
    const { lists } = this;
    for (const id of ids) {
      const length = lists.lengths[id];
      if (length === undefined || length < 0) continue;
      const count = lists.documentCount;
      lists.averageLength = count === 1 ? 0 : (lists.averageLength * count - length) / (count - 1);
      lists.documentCount--;
      lists.lengths[id] = -1;
      this.stale = true;
    }
  }

  /**
   * The `limit` best paragraphs for already-analysed query terms, best first. Terms are
   * OR-ed; each score is multiplied by the number of distinct terms matched, as minisearch does.
   */
  async search(terms: string[], limit: number): Promise<ParagraphHit[]> {
    this.layOut();
    return searchTopK(this.lists, terms, limit);
  }

  /**
   * The number of paragraphs each term occurs in, terms in the order they were first
   * indexed: the counts, in the order, that a store counting each added paragraph's
   * distinct terms holds (a build takes them from here instead).
   */
  documentFrequencies(): Record<string, number> {
    this.layOut();
    const { terms, offsets } = this.lists;
    const frequencies: Record<string, number> = {};
    for (let term = 0; term < terms.length; term++) {
      const count = offsets[term + 1]! - offsets[term]!;
      if (count > 0) frequencies[terms[term]!] = count;
    }
    return frequencies;
  }

  /** Nothing to release: the index lives in memory. */
  async close(): Promise<void> {}

  /** The index as bytes (see `postingsFile.ts`). */
  serialize(): Buffer {
    this.layOut();
    this.lists.unread?.readAll();
    return writePostings(this.lists);
  }

  private layOut(): void {
    if (!this.stale) return;
    this.lists.unread?.readAll();
    relayPostings(this.lists, this.pending);
    this.pending = emptyPending();
    this.stale = false;
  }

  private termNumber(term: string): number {
    let number = this.lists.vocabulary.get(term);
    if (number === undefined) {
      number = this.lists.terms.length;
      this.lists.terms.push(term);
      this.lists.vocabulary.set(term, number);
    }
    return number;
  }

  /** Grows the id → length table to hold `id`. */
  private reserve(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id > 0xfffffffe) throw new Error(`Paragraph ids must be integers from 0 to 2³²-2, not ${id}.`);
    const { lengths } = this.lists;
    if (id < lengths.length) return;
    const larger = new Int32Array(Math.max(id + 1, lengths.length * 2, 1024)).fill(-1);
    larger.set(lengths);
    this.lists.lengths = larger;
  }
}

/** Each distinct term, in order of first occurrence, and how often it occurs. */
export function countTerms(terms: readonly string[]): { terms: string[]; counts: number[] } {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return { terms: [...counts.keys()], counts: [...counts.values()] };
}
