import type { AnswerResult, Archivist, ConversationMemory, LinkDesk, Logger } from '../../src/index.js';
import type { Dedupe } from './dedupe.js';
import type { RateLimiter } from './rateLimit.js';

/** Answers asked for per question: the answer and up to three alternatives ("More answers"). */
export const ANSWERS_PER_QUESTION = 4;

/** What every handler needs, built once when the app starts. */
export interface SlackDeps {
  archivist: Archivist;
  logger: Logger;
  /** The bot's own user id (from `auth.test`), to strip its mention from questions. */
  botUserId: string;
  listenChannels: ReadonlySet<string>;
  limiter: RateLimiter;
  rateLimitPerMinute: number;
  dedupe: Dedupe;
  /** Adds links for editors; absent when the bot cannot add links. */
  desk?: LinkDesk;
  /** The last question of each thread, so that a follow-up in the thread is read with it. */
  conversations: ConversationMemory;
}

/** Where a log line about one Slack request points: never a token, never a whole payload. */
export interface RequestFacts {
  /** `event_id` of an event, `trigger_id` of a command, `action_ts` of a click. */
  eventId: string;
  kind: 'mention' | 'direct-message' | 'listening' | 'command' | 'more-answers' | 'share' | 'vote' | 'add-link';
  user?: string;
  channel?: string;
}

/**
 * Asks the core one question with the adapter's usual options. With `thread` (a channel and
 * thread key), the question is read as part of that thread's conversation, which then
 * remembers it.
 */
export async function askArchivist(deps: SlackDeps, question: string, thread?: string): Promise<AnswerResult> {
  const conversation = thread === undefined ? undefined : deps.conversations.get(thread);
  const result = await deps.archivist.ask(question, { top: ANSWERS_PER_QUESTION, ...(conversation ? { conversation } : {}) });
  if (thread !== undefined) deps.conversations.set(thread, result.conversation);
  return result;
}

/** The key of a Slack thread (a direct message without a thread is one running conversation). */
export function threadKey(channel: string, threadTs: string | undefined): string {
  return `${channel}:${threadTs ?? ''}`;
}

/**
 * Runs a handler's work; on failure logs the error with the request's facts and tells the
 * person one short line through `notify` (when given). Never throws.
 */
export async function guarded(
  deps: SlackDeps,
  facts: RequestFacts,
  work: () => Promise<void>,
  notify?: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.logger.error('slack handler failed', { ...facts, error });
    if (notify === undefined) return;
    try {
      await notify();
    } catch (notifyError) {
      deps.logger.error('slack failure notice failed', { ...facts, error: notifyError });
    }
  }
}

/** Logs (at debug) why a request got no reply, so the silence is explainable. */
export function logIgnored(deps: SlackDeps, facts: Partial<RequestFacts>, reason: string, extra: Record<string, unknown> = {}): void {
  deps.logger.debug('slack event ignored', { ...facts, reason, ...extra });
}
