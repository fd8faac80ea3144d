/**
 * A small in-memory memory of recent answers, so the buttons under an answer can show its
 * alternatives or log feedback about it without asking the core again.
 */
import type { AnswerResult } from '../../src/index.js';

/** Answers by the id of the message that shows them; the oldest are forgotten first. */
export class RecentAnswers {
  readonly #capacity: number;
  readonly #byMessageId = new Map<string, AnswerResult>();

  /** @param capacity - How many answers to keep. @default 500 */
  constructor(capacity = 500) {
    this.#capacity = capacity;
  }

  /** Remembers the answer shown by message `messageId`. */
  remember(messageId: string, result: AnswerResult): void {
    this.#byMessageId.delete(messageId);
    this.#byMessageId.set(messageId, result);
    if (this.#byMessageId.size > this.#capacity) {
      const oldest = this.#byMessageId.keys().next();
      if (!oldest.done) this.#byMessageId.delete(oldest.value);
    }
  }

  /** The answer shown by message `messageId`, if it is still remembered. */
  get(messageId: string): AnswerResult | undefined {
    return this.#byMessageId.get(messageId);
  }
}
