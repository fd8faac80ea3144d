/**
 * The articles of a corpus held on a cluster, as this process keeps them: one JSON line
 * per article in one byte buffer (its fingerprint, its sentence count and the store's
 * `StoredArticle`, paragraph ids included), decoded when read. It tells which entries
 * changed, which ids to delete, what `sources()` lists, and it is saved as it is held.
 * A ledger does not change: an update makes a new one.
 */
import type { StoredArticle } from '../corpusStore.js';

/** One article as the ledger keeps it. */
export interface LedgerEntry {
  /** The corpus entry's content hash when the article was indexed. */
  fingerprint: string;
  sentences: number;
  article: StoredArticle;
}

const NEWLINE = 10;

/** The articles of a cluster-held corpus, in the order they were indexed. */
export class ArticleLedger {
  private decoded: StoredArticle[] | null = null;

  private constructor(
    private readonly bytes: Buffer,
    /** Where each line starts; one more entry marks the end of the last. */
    private readonly starts: Uint32Array,
  ) {}

  /** A ledger of no article. */
  static empty(): ArticleLedger {
    return new ArticleLedger(Buffer.alloc(0), new Uint32Array(1));
  }

  /**
   * A ledger over saved lines (each ending with a newline).
   * @throws Error when the bytes do not end with a complete line.
   */
  static fromBytes(bytes: Buffer): ArticleLedger {
    if (bytes.length > 0 && bytes[bytes.length - 1] !== NEWLINE) throw new Error('article list cut short');
    const starts: number[] = [0];
    for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) starts.push(at + 1);
    return new ArticleLedger(bytes, Uint32Array.from(starts));
  }

  /** Number of articles. */
  get count(): number {
    return this.starts.length - 1;
  }

  /** The saved form: one JSON line per article. */
  toBytes(): Buffer {
    return this.bytes;
  }

  /** The articles, decoded once per ledger. */
  articles(): StoredArticle[] {
    this.decoded ??= [...this.entries()].map((entry) => entry.article);
    return this.decoded;
  }

  /** Each entry with its position, decoded as it is reached. */
  *entries(): Generator<LedgerEntry & { position: number }> {
    for (let position = 0; position < this.count; position++) {
      const entry = JSON.parse(this.bytes.toString('utf8', this.starts[position], (this.starts[position + 1] ?? 1) - 1)) as LedgerEntry;
      yield { ...entry, position };
    }
  }

  /** A new ledger without the articles at `removed` and with `added` lines (see `ledgerLine`) after the others. */
  changed(removed: ReadonlySet<number>, added: readonly string[]): ArticleLedger {
    const pieces: Buffer[] = [];
    let runStart = -1;
    for (let position = 0; position <= this.count; position++) {
      const keep = position < this.count && !removed.has(position);
      if (keep && runStart < 0) runStart = position;
      if (!keep && runStart >= 0) {
        pieces.push(this.bytes.subarray(this.starts[runStart], this.starts[position]));
        runStart = -1;
      }
    }
    for (const line of added) pieces.push(Buffer.from(`${line}\n`, 'utf8'));
    return ArticleLedger.fromBytes(Buffer.concat(pieces));
  }
}

/** The ledger's line for an article. */
export function ledgerLine(entry: LedgerEntry): string {
  return JSON.stringify(entry);
}
