import type { StoredArticle } from '../corpusStore.js';
import { scoreBm25Plus } from '../bm25Plus.js';
import { lastSentenceOf, type FoundParagraph, type RetrievedParagraphs, type SentenceBefore, type ServedCorpus, type TermStatistics } from '../paragraphSource.js';
import type { StoredParagraph } from '../storedParagraph.js';
import type { ClusterRow, SphinxClient } from './clusterClient.js';
import { rowTerms } from './clusterRows.js';
import type { ClusterState } from './clusterState.js';

/**
 * Candidates fetched from the engine per question (its `bm25` ranker), then ranked with
 * the embedded index's BM25+ over corpus-wide statistics, so both backends order paragraphs alike.
 */
const CANDIDATE_POOL = 100;

/**
 * A corpus held on a Sphinx cluster, served to the answer stage: each question is one
 * round trip, which brings the candidates' terms and, with them, the records the answer
 * stage reads. This process holds only the state (article ledger, term statistics), which
 * an update replaces in one step.
 */
export class ClusterCorpus implements ServedCorpus {
  constructor(
    readonly client: SphinxClient,
    /** The current state; replaced whole by an update. */
    public state: ClusterState,
  ) {}

  get statistics(): TermStatistics {
    return this.state.statistics;
  }

  async retrieve(terms: string[], limit: number): Promise<RetrievedParagraphs> {
    const rows = await this.client.search(terms, Math.max(CANDIDATE_POOL, limit));
    const candidates = rows.map((row) => ({ id: row.id, terms: rowTerms(row.terms) }));
    const ranked = scoreBm25Plus(terms, candidates, this.state.statistics).slice(0, limit);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return retrievedFrom(ranked.flatMap(({ id, score }) => {
      const row = byId.get(id);
      return row ? [{ row, score }] : [];
    }));
  }

  articles(): readonly StoredArticle[] {
    return this.state.ledger.articles();
  }

  counts(): { articles: number; paragraphs: number; sentences: number } {
    return { articles: this.state.ledger.count, paragraphs: this.state.statistics.paragraphCount, sentences: this.state.sentences };
  }
}

/** The records of the ranked rows, decoded, and what each tells about its neighbours. */
function retrievedFrom(ranked: Array<{ row: ClusterRow; score: number }>): RetrievedParagraphs {
  const articles = new Map<StoredParagraph, StoredArticle>();
  const following = new Map<StoredParagraph, StoredParagraph>();
  const before = new Map<StoredParagraph, SentenceBefore>();
  const hits = ranked.map(({ row, score }): FoundParagraph => {
    const paragraph = decode<StoredParagraph>(row.paragraph);
    const article = decode<StoredArticle>(row.article);
    articles.set(paragraph, article);
    if (row.before.length > 0) before.set(paragraph, decode<SentenceBefore>(row.before));
    if (row.next.length > 0) {
      const next = decode<StoredParagraph>(row.next);
      articles.set(next, article);
      following.set(paragraph, next);
      const last = lastSentenceOf(paragraph);
      if (last) before.set(next, last);
    }
    return { paragraph, score };
  });
  return {
    hits,
    articleOf: (paragraph) => articles.get(paragraph),
    nextOf: (paragraph) => following.get(paragraph),
    sentenceBefore: (paragraph) => before.get(paragraph),
  };
}

function decode<T>(json: Buffer): T {
  return JSON.parse(json.toString('utf8')) as T;
}
