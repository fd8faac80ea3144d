/**
 * The postings of a paragraph index in columns of typed arrays: for each term number,
 * the ids of the paragraphs that hold it (ascending) and how often. Few objects, so a
 * 500k-paragraph index is a handful of buffers that save and load as raw bytes.
 */
import { GrowableUint32 } from './growable.js';

/** Term-major postings, ready to search. Typed arrays are indexed without bound checks in hot loops. */
export interface PostingLists {
  /** Term → term number. */
  vocabulary: Map<string, number>;
  /** Term number → term. */
  terms: string[];
  /** Postings of term `t` are `docs[offsets[t]]` to `docs[offsets[t + 1] - 1]`; terms numbered beyond have none yet. */
  offsets: Uint32Array;
  docs: Uint32Array;
  freqs: Uint32Array;
  /** Per term: its highest frequency in a paragraph, and the fewest distinct terms of a paragraph holding it (for score bounds). */
  maxFreq: Uint32Array;
  minLength: Uint32Array;
  /** Paragraph id → number of distinct terms; -1 for ids not in the index. */
  lengths: Int32Array;
  /** Paragraphs in the index. */
  documentCount: number;
  /** Mean of `lengths` over the paragraphs, kept as minisearch keeps it (a running mean), so that scores are identical. */
  averageLength: number;
  /** Postings still in their file (an index opened from disk): `docs` and `freqs` hold a term's only once it is read. */
  unread?: UnreadPostings;
}

/** How the postings of an index opened from disk are read into its arrays. */
export interface UnreadPostings {
  /**
   * Reads the postings of one term, unless read already.
   * @throws DamagedDataError when they do not match the checksum saved for them.
   */
  read(term: number): void;
  /**
   * Reads every term's postings (before the postings are laid out again or saved).
   * @throws DamagedDataError when any does not match the checksum saved for it.
   */
  readAll(): void;
}

/** Paragraphs added since the postings were last laid out: per paragraph, its term numbers and frequencies. */
export interface PendingPostings {
  ids: GrowableUint32;
  /** Where each paragraph's entries start in `terms`/`freqs`. */
  starts: GrowableUint32;
  terms: GrowableUint32;
  freqs: GrowableUint32;
}

/** Empty postings. */
export function emptyLists(): PostingLists {
  const none = new Uint32Array(0);
  return { vocabulary: new Map(), terms: [], offsets: new Uint32Array(1), docs: none, freqs: none, maxFreq: none, minLength: none, lengths: new Int32Array(0), documentCount: 0, averageLength: 0 };
}

/** An empty pending list. */
export function emptyPending(): PendingPostings {
  return { ids: new GrowableUint32(), starts: new GrowableUint32(), terms: new GrowableUint32(), freqs: new GrowableUint32() };
}

/**
 * Lays out the postings again: those of paragraphs no longer in the index (`lengths` -1)
 * dropped, the pending ones merged in, each term's postings in ascending id order.
 * Updates `lists` in place; the pending list is left for the caller to clear.
 */
export function relayPostings(lists: PostingLists, pending: PendingPostings): void {
  const { offsets, docs, freqs, lengths } = lists;
  const termCount = lists.terms.length;
  const frozenTerms = offsets.length - 1;
  const ids = pending.ids.view();
  const starts = pending.starts.view();
  const pendingTerms = pending.terms.view();
  const pendingFreqs = pending.freqs.view();
  const live = (id: number) => id < lengths.length && lengths[id]! >= 0;

  const counts = new Uint32Array(termCount + 1);
  for (let term = 0; term < frozenTerms; term++) {
    for (let at = offsets[term]!; at < offsets[term + 1]!; at++) if (live(docs[at]!)) counts[term]!++;
  }
  for (let paragraph = 0; paragraph < ids.length; paragraph++) {
    if (!live(ids[paragraph]!)) continue;
    const end = paragraph + 1 < ids.length ? starts[paragraph + 1]! : pendingTerms.length;
    for (let at = starts[paragraph]!; at < end; at++) counts[pendingTerms[at]!]!++;
  }
  const nextOffsets = new Uint32Array(termCount + 1);
  for (let term = 0; term < termCount; term++) nextOffsets[term + 1] = nextOffsets[term]! + counts[term]!;
  const total = nextOffsets[termCount]!;
  const nextDocs = new Uint32Array(total);
  const nextFreqs = new Uint32Array(total);
  const fill = nextOffsets.slice(0, termCount);
  for (let term = 0; term < frozenTerms; term++) {
    for (let at = offsets[term]!; at < offsets[term + 1]!; at++) {
      const id = docs[at]!;
      if (!live(id)) continue;
      const to = fill[term]!++;
      nextDocs[to] = id;
      nextFreqs[to] = freqs[at]!;
    }
  }
  for (let paragraph = 0; paragraph < ids.length; paragraph++) {
    const id = ids[paragraph]!;
    if (!live(id)) continue;
    const end = paragraph + 1 < ids.length ? starts[paragraph + 1]! : pendingTerms.length;
    for (let at = starts[paragraph]!; at < end; at++) {
      const to = fill[pendingTerms[at]!]!++;
      nextDocs[to] = id;
      nextFreqs[to] = pendingFreqs[at]!;
    }
  }
  const maxFreq = new Uint32Array(termCount);
  const minLength = new Uint32Array(termCount);
  for (let term = 0; term < termCount; term++) {
    sortIfNeeded(nextDocs, nextFreqs, nextOffsets[term]!, nextOffsets[term + 1]!);
    let most = 0;
    let fewest = 0xffffffff;
    for (let at = nextOffsets[term]!; at < nextOffsets[term + 1]!; at++) {
      most = Math.max(most, nextFreqs[at]!);
      fewest = Math.min(fewest, lengths[nextDocs[at]!]!);
    }
    maxFreq[term] = most;
    minLength[term] = most === 0 ? 0 : fewest;
  }
  Object.assign(lists, { offsets: nextOffsets, docs: nextDocs, freqs: nextFreqs, maxFreq, minLength });
}

/** Sorts one term's postings by id when paragraphs were added out of id order (rare: ids grow as paragraphs are added). */
function sortIfNeeded(docs: Uint32Array, freqs: Uint32Array, start: number, end: number): void {
  let sorted = true;
  for (let at = start + 1; at < end && sorted; at++) sorted = docs[at - 1]! < docs[at]!;
  if (sorted) return;
  const order = Array.from({ length: end - start }, (_, index) => start + index).sort((a, b) => docs[a]! - docs[b]!);
  const sortedDocs = order.map((at) => docs[at]!);
  const sortedFreqs = order.map((at) => freqs[at]!);
  docs.set(sortedDocs, start);
  freqs.set(sortedFreqs, start);
}
