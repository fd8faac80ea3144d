/**
 * A paragraph as the store keeps it: its text, its sentences and their tagged entities,
 * everything the answer stage reads, computed once at index time.
 */
import type { Entity } from '../text/entities.js';
import type { RoleLink } from '../text/namedEntities.js';

/** An entity of a sentence and where it sits among the sentence's terms. */
export interface PlacedEntity extends Entity {
  /** Index among the sentence's words (stop words included) of the first word at or after the entity. */
  at: number;
  /** The entity's own search terms, joined by spaces ('' for bare numbers). */
  terms: string;
}

/**
 * A sentence of an indexed paragraph, with everything the answer stage needs precomputed
 * at index time, so that answering runs no text analysis over the corpus.
 */
export interface StoredSentence {
  start: number;
  end: number;
  /** The sentence's search terms (stems, stop words out), in order, joined by spaces. */
  terms: string;
  /** For each term, its index among the sentence's words (stop words included). */
  positions: number[];
  /** Number of words, stop words included. */
  words: number;
  entities: PlacedEntity[];
  /** People linked by a role phrase to what they lead or speak for (absent when none). */
  roles?: RoleLink[];
}

/** A paragraph as indexed: its text, its article, its sentences. */
export interface StoredParagraph {
  /** Numeric id shared with the search index. */
  id: number;
  /** Index into `CorpusStore.articles`. */
  article: number;
  /** Position among the article's paragraphs. */
  index: number;
  text: string;
  sentences: StoredSentence[];
}
