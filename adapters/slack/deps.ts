import type { AnswerResult, Archivist, LinkDesk, Logger } from '../../src/index.js';
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
}

/** Where a log line about one Slack request points: never a token, never a whole payload. */
export interface RequestFacts {
  /** `event_id` of an event, `trigger_id` of a command, `action_ts` of a click. */
  eventId: string;
  kind: 'mention' | 'direct-message' | 'listening' | 'command' | 'more-answers' | 'share' | 'vote' | 'add-link';
  user?: string;
  channel?: string;
}

/** Asks the core one question with the adapter's usual options. */
export function askArchivist(deps: SlackDeps, question: string): Promise<AnswerResult> {
  return deps.archivist.ask(question, { top: ANSWERS_PER_QUESTION });
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
