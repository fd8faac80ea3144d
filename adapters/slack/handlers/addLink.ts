import type { App } from '@slack/bolt';
import { addLinkMessages, addLinkRefusal, addLinkUsage, failureMessage, type SlackMessage } from '../format.js';
import { guarded, type RequestFacts, type SlackDeps } from '../deps.js';

/** The `callback_id` of the "Add link to archive" message shortcut declared in manifest.yml. */
export const ADD_LINK_SHORTCUT = 'archivist_add_link';

/** `/ask add <url>`: the words that make a slash command an addition rather than a question. */
const ADD_COMMAND = /^\s*add\s+(\S[\s\S]*)$/i;

/** The URL(s) of `/ask add …` text, or null when the text is a question. */
export function addCommandText(text: string): string | null {
  return ADD_COMMAND.exec(text)?.[1] ?? null;
}

/** The web addresses a Slack text holds: `<https://…|label>` links as Slack writes them, else bare `https://…`. */
function urlsInSlackText(text: string): string[] {
  const linked = [...text.matchAll(/<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>/g)].map((match) => match[1] ?? '');
  const urls = linked.length > 0 ? linked : [...text.matchAll(/https?:\/\/[^\s<>]+/g)].map((match) => match[0]);
  return [...new Set(urls.filter((url) => url !== ''))];
}

/**
 * Adds the links of `text` for an editor, or refuses politely; resolves with the
 * messages to send privately (one per link).
 */
export async function addLinksFor(deps: SlackDeps, user: string, text: string): Promise<SlackMessage[]> {
  const { desk } = deps;
  if (!desk || !desk.isEditor([user])) return [addLinkRefusal()];
  const urls = urlsInSlackText(text);
  if (urls.length === 0) return [addLinkUsage()];
  const results = [];
  for (const url of urls.slice(0, 5)) results.push(await desk.add(url));
  return addLinkMessages(results);
}

/** Registers the "Add link to archive" message shortcut: the links of the message are added, the editor is answered privately. */
export function registerAddLinkShortcut(app: App, deps: SlackDeps): void {
  app.shortcut({ callback_id: ADD_LINK_SHORTCUT, type: 'message_action' }, async ({ shortcut, ack, respond }) => {
    await ack();
    const facts: RequestFacts = { eventId: shortcut.trigger_id, kind: 'add-link', user: shortcut.user.id, channel: shortcut.channel.id };
    await guarded(
      deps,
      facts,
      async () => {
        for (const message of await addLinksFor(deps, shortcut.user.id, shortcut.message.text ?? '')) await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      },
      () => respond({ response_type: 'ephemeral', ...failureMessage() }),
    );
  });
}
