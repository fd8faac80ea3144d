import type { Conversation } from './types.js';

/**
 * What the chat threads remember of their last question, so that a follow-up in the same
 * thread is read with it: bounded (the least recently used threads are forgotten first)
 * and forgetting a thread after `ttlMs` of silence.
 */
export interface ConversationMemory {
  /** The conversation of a thread, if it is remembered and not expired. */
  get(thread: string): Conversation | undefined;
  /** Remembers (or, with undefined, forgets) the conversation of a thread. */
  set(thread: string, conversation: Conversation | undefined): void;
}

/** How many threads, and for how long, a memory keeps. @default 1,000 threads, 6 hours */
export interface ConversationMemoryOptions {
  capacity?: number;
  ttlMs?: number;
  now?: () => number;
}

/** A conversation memory for one chat adapter. */
export function createConversationMemory({ capacity = 1000, ttlMs = 6 * 60 * 60 * 1000, now = Date.now }: ConversationMemoryOptions = {}): ConversationMemory {
  const threads = new Map<string, { conversation: Conversation; at: number }>();
  return {
    get(thread) {
      const entry = threads.get(thread);
      if (!entry) return undefined;
      if (now() - entry.at > ttlMs) {
        threads.delete(thread);
        return undefined;
      }
      return entry.conversation;
    },
    set(thread, conversation) {
      threads.delete(thread);
      if (conversation === undefined) return;
      threads.set(thread, { conversation, at: now() });
      if (threads.size > capacity) {
        const oldest = threads.keys().next();
        if (!oldest.done) threads.delete(oldest.value);
      }
    },
  };
}
