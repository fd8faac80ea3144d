import type { App, webApi } from '@slack/bolt';
import { failureMessage, formatAnswerMessage, rateLimitedMessage } from '../format.js';
import { looksLikeQuestion, questionFromSlackText } from '../sanitize.js';
import { askArchivist, guarded, logIgnored, threadKey, type RequestFacts, type SlackDeps } from '../deps.js';

/** The fields of a message or mention event the adapter reads. */
interface IncomingMessage {
  channel: string;
  ts: string;
  text?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  thread_ts?: string;
  channel_type?: string;
}

/** Message subtypes that still carry a person's words. */
const ANSWERABLE_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/**
 * Registers the event listeners: mentions (answered in a thread), direct messages
 * (answered directly) and plain questions in listening channels (answered only when confident).
 */
export function registerEventHandlers(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, body, client }) => {
    const message = event as IncomingMessage;
    const facts = factsOf(body.event_id, 'mention', message);
    if (!isFromPerson(deps, facts, message) || !isFirstDelivery(deps, facts)) return;
    const threadTs = message.thread_ts ?? message.ts;
    await answerOpenly(deps, client, facts, message, threadTs);
  });

  app.event('message', async ({ event, body, client }) => {
    const message = event as IncomingMessage;
    if (message.channel_type === 'im') {
      const facts = factsOf(body.event_id, 'direct-message', message);
      if (!isFromPerson(deps, facts, message) || !isFirstDelivery(deps, facts)) return;
      await answerOpenly(deps, client, facts, message, message.thread_ts);
      return;
    }
    if (!deps.listenChannels.has(message.channel)) return;
    const facts = factsOf(body.event_id, 'listening', message);
    if (!isFromPerson(deps, facts, message)) return;
    if ((message.text ?? '').includes(`<@${deps.botUserId}>`)) {
      logIgnored(deps, facts, 'mention-handled-by-app_mention');
      return;
    }
    if (!isFirstDelivery(deps, facts)) return;
    await answerIfConfident(deps, client, facts, message);
  });
}

/** Answers a mention or a DM: always replies, with an answer, an "I don't know", or a short failure line. */
async function answerOpenly(
  deps: SlackDeps,
  client: webApi.WebClient,
  facts: RequestFacts,
  message: IncomingMessage,
  threadTs: string | undefined,
): Promise<void> {
  const where = { channel: message.channel, ...(threadTs === undefined ? {} : { thread_ts: threadTs }) };
  const user = message.user ?? '';
  await guarded(
    deps,
    facts,
    async () => {
      if (!deps.limiter.take(user)) {
        await client.chat.postEphemeral({ ...where, user, ...rateLimitedMessage(deps.rateLimitPerMinute) });
        return;
      }
      const question = questionFromSlackText(message.text ?? '', deps.botUserId);
      const result = await askArchivist(deps, question, threadKey(message.channel, threadTs));
      const reply = formatAnswerMessage(result, { sources: deps.archivist.sources() });
      await client.chat.postMessage({ ...where, ...reply, unfurl_links: false, unfurl_media: false });
    },
    () => client.chat.postMessage({ ...where, ...failureMessage() }),
  );
}

/** Answers a plain message in a listening channel only when the core is confident; silent otherwise. */
async function answerIfConfident(
  deps: SlackDeps,
  client: webApi.WebClient,
  facts: RequestFacts,
  message: IncomingMessage,
): Promise<void> {
  const question = questionFromSlackText(message.text ?? '', deps.botUserId);
  if (!looksLikeQuestion(question)) {
    logIgnored(deps, facts, 'not-a-question');
    return;
  }
  if (!deps.limiter.take(message.user ?? '')) {
    logIgnored(deps, facts, 'rate-limited');
    return;
  }
  const threadTs = message.thread_ts ?? message.ts;
  await guarded(deps, facts, async () => {
    const result = await askArchivist(deps, question, threadKey(message.channel, threadTs));
    const confidence = result.answer?.confidence ?? 0;
    if (result.answer === null || confidence < deps.archivist.confidentThreshold) {
      logIgnored(deps, facts, 'not-confident', { confidence, noAnswerCode: result.noAnswerCode });
      return;
    }
    const reply = formatAnswerMessage(result, { sources: deps.archivist.sources() });
    await client.chat.postMessage({
      channel: message.channel,
      thread_ts: threadTs,
      ...reply,
      unfurl_links: false,
      unfurl_media: false,
    });
  });
}

function factsOf(eventId: string, kind: RequestFacts['kind'], message: IncomingMessage): RequestFacts {
  return { eventId, kind, channel: message.channel, ...(message.user === undefined ? {} : { user: message.user }) };
}

/** Other bots (and edits, joins, deletions…) are never answered: no loops, no noise. */
function isFromPerson(deps: SlackDeps, facts: RequestFacts, message: IncomingMessage): boolean {
  if (message.bot_id !== undefined || message.subtype === 'bot_message') {
    logIgnored(deps, facts, 'from-a-bot');
    return false;
  }
  if (!ANSWERABLE_SUBTYPES.has(message.subtype) || message.user === undefined) {
    logIgnored(deps, facts, 'not-a-person-message', { subtype: message.subtype });
    return false;
  }
  return true;
}

/** Slack redelivers events it thinks were missed; each event id gets one answer. */
function isFirstDelivery(deps: SlackDeps, facts: RequestFacts): boolean {
  if (deps.dedupe.firstTime(facts.eventId)) return true;
  logIgnored(deps, facts, 'duplicate-delivery');
  return false;
}
