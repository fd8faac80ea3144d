import type { App, BlockButtonAction, webApi } from '@slack/bolt';
import { ACTION, decodeButtonValue } from '../actions.js';
import { failureMessage, feedbackMessage, formatAlternatives, formatAnswerMessage, type SlackMessage } from '../format.js';
import { slackErrorCode } from '../verifyToken.js';
import { askArchivist, guarded, logIgnored, type RequestFacts, type SlackDeps } from '../deps.js';

/** Errors of `chat.postMessage` meaning "the bot cannot post there" (a DM between people, a private channel). */
const CANNOT_POST_HERE = new Set(['not_in_channel', 'channel_not_found']);

/**
 * Registers the answer message's buttons: "More answers" (private list of alternatives),
 * "Share in channel" (posts a private `/ask` answer publicly), and 👍/👎 (logged).
 */
export function registerButtonHandlers(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION.more, async ({ ack, body, action, respond }) => {
    await ack();
    const facts = factsOf(body, action, 'more-answers');
    const value = decodeButtonValue(action.value);
    if (value === null) return logIgnored(deps, facts, 'unknown-button-value');
    await guarded(
      deps,
      facts,
      async () => {
        const result = await askArchivist(deps, value.q);
        await respond({ response_type: 'ephemeral', replace_original: false, ...formatAlternatives(result) });
      },
      () => respond({ response_type: 'ephemeral', replace_original: false, ...failureMessage() }),
    );
  });

  app.action<BlockButtonAction>(ACTION.share, async ({ ack, body, action, respond, client }) => {
    await ack();
    const facts = factsOf(body, action, 'share');
    const value = decodeButtonValue(action.value);
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (value === null || typeof channel !== 'string') return logIgnored(deps, facts, 'unknown-button-value');
    await guarded(
      deps,
      facts,
      async () => {
        const result = await askArchivist(deps, value.q);
        const message = formatAnswerMessage(result, { askedBy: body.user.id, sources: deps.archivist.sources() });
        const posted = await postPublicly(client, channel, message);
        if (!posted) await respond({ response_type: 'in_channel', replace_original: false, ...message });
        await respond({ delete_original: true }).catch((error: unknown) => {
          deps.logger.debug('slack could not remove the private answer', { ...facts, error });
        });
      },
      () => respond({ response_type: 'ephemeral', replace_original: false, ...failureMessage() }),
    );
  });

  app.action<BlockButtonAction>(new RegExp(`^(${ACTION.voteUp}|${ACTION.voteDown})$`), async ({ ack, body, action, respond }) => {
    await ack();
    const facts = factsOf(body, action, 'vote');
    const value = decodeButtonValue(action.value);
    if (value === null) return logIgnored(deps, facts, 'unknown-button-value');
    const vote = action.action_id === ACTION.voteUp ? 'up' : 'down';
    deps.logger.info('slack answer feedback', { ...facts, question: value.q, answerId: value.a ?? null, vote });
    await guarded(deps, facts, async () => {
      await respond({ response_type: 'ephemeral', replace_original: false, ...feedbackMessage(vote) });
    });
  });
}

/** Posts as the bot; false when Slack says the bot cannot post in that conversation. */
async function postPublicly(client: webApi.WebClient, channel: string, message: SlackMessage): Promise<boolean> {
  try {
    await client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false });
    return true;
  } catch (error) {
    const code = slackErrorCode(error);
    if (code !== null && CANNOT_POST_HERE.has(code)) return false;
    throw error;
  }
}

function factsOf(body: BlockButtonAction, action: BlockButtonAction['actions'][number], kind: RequestFacts['kind']): RequestFacts {
  const channel = body.channel?.id;
  return { eventId: action.action_ts, kind, user: body.user.id, ...(channel === undefined ? {} : { channel }) };
}
