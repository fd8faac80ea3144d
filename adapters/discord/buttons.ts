/**
 * The buttons under the bot's messages and the custom ids that route their clicks.
 * Ids are short fixed strings (Discord allows 100 characters), so they survive restarts.
 */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';

/** Custom ids of the buttons under an answer. */
export const ANSWER_BUTTON_IDS = {
  more: 'ask:more',
  helpful: 'ask:vote:up',
  unhelpful: 'ask:vote:down',
} as const;

const SOURCES_PAGE_PREFIX = 'sources:page:';

/** What a button click asks for, decoded from its custom id. */
export type ButtonAction =
  | { kind: 'more-answers' }
  | { kind: 'vote'; vote: 'up' | 'down' }
  | { kind: 'sources-page'; page: number };

/**
 * Decodes a button's custom id.
 *
 * @returns The action, or `null` for an id this bot never made.
 */
export function parseButtonId(customId: string): ButtonAction | null {
  if (customId === ANSWER_BUTTON_IDS.more) return { kind: 'more-answers' };
  if (customId === ANSWER_BUTTON_IDS.helpful) return { kind: 'vote', vote: 'up' };
  if (customId === ANSWER_BUTTON_IDS.unhelpful) return { kind: 'vote', vote: 'down' };
  if (customId.startsWith(SOURCES_PAGE_PREFIX)) {
    // `sources:page:<n>:<prev|next>`: the suffix keeps the two ids of one message distinct.
    const page = Number(customId.slice(SOURCES_PAGE_PREFIX.length).split(':')[0]);
    if (Number.isInteger(page) && page >= 0) return { kind: 'sources-page', page };
  }
  return null;
}

/**
 * The row under an answer: "More answers (N)" (only when there are `alternatives`), 👍 and 👎.
 */
export function answerButtons(alternatives: number): ActionRowBuilder<ButtonBuilder> {
  const row = new ActionRowBuilder<ButtonBuilder>();
  if (alternatives > 0) {
    row.addComponents(
      new ButtonBuilder().setCustomId(ANSWER_BUTTON_IDS.more).setLabel(`More answers (${alternatives})`).setStyle(ButtonStyle.Primary),
    );
  }
  row.addComponents(
    new ButtonBuilder().setCustomId(ANSWER_BUTTON_IDS.helpful).setEmoji('👍').setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId(ANSWER_BUTTON_IDS.unhelpful).setEmoji('👎').setStyle(ButtonStyle.Secondary),
  );
  return row;
}

/**
 * Previous/next buttons for page `page` (zero-based) of `pageCount`.
 */
export function pageButtons(page: number, pageCount: number): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`${SOURCES_PAGE_PREFIX}${Math.max(0, page - 1)}:prev`)
      .setLabel('◀ Previous')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(page <= 0),
    new ButtonBuilder()
      .setCustomId(`${SOURCES_PAGE_PREFIX}${Math.min(pageCount - 1, page + 1)}:next`)
      .setLabel('Next ▶')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(page >= pageCount - 1),
  );
}
