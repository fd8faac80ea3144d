import type { App } from '@slack/bolt';
import { failureMessage, formatAnswerMessage, rateLimitedMessage, usageMessage } from '../format.js';
import { questionFromSlackText } from '../sanitize.js';
import { askArchivist, guarded, type RequestFacts, type SlackDeps } from '../deps.js';
import { addCommandText, addLinksFor } from './addLink.js';

/** The slash command declared in manifest.yml. */
export const ASK_COMMAND = '/ask';

/**
 * Registers `/ask <question>`: acknowledged at once, answered privately (ephemeral) with a
 * "Share in channel" button; without a question it shows usage help, privately too.
 * `/ask add <url>` adds a link for an editor (and refuses anyone else), privately.
 */
export function registerAskCommand(app: App, deps: SlackDeps): void {
  app.command(ASK_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const facts: RequestFacts = { eventId: command.trigger_id, kind: 'command', user: command.user_id, channel: command.channel_id };
    await guarded(
      deps,
      facts,
      async () => {
        const links = addCommandText(command.text);
        if (links !== null) {
          for (const message of await addLinksFor(deps, command.user_id, links)) await respond({ response_type: 'ephemeral', ...message });
          return;
        }
        const question = questionFromSlackText(command.text, deps.botUserId);
        if (question === '') {
          await respond({ response_type: 'ephemeral', ...usageMessage() });
          return;
        }
        if (!deps.limiter.take(command.user_id)) {
          await respond({ response_type: 'ephemeral', ...rateLimitedMessage(deps.rateLimitPerMinute) });
          return;
        }
        const result = await askArchivist(deps, question);
        const reply = formatAnswerMessage(result, { shareable: true, sources: deps.archivist.sources() });
        await respond({ response_type: 'ephemeral', ...reply });
      },
      () => respond({ response_type: 'ephemeral', ...failureMessage() }),
    );
  });
}
