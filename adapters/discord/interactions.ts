/**
 * Routes each interaction to its command or button handler, and turns any failure into an
 * ephemeral "Something went wrong" plus a log line with the interaction id.
 */
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { parseButtonId } from './buttons.js';
import { recordVote, showMoreAnswers } from './commands/ask.js';
import { findCommand } from './commands/index.js';
import { showSourcesPage } from './commands/sources.js';
import { NO_MENTIONS, type CommandContext } from './context.js';
import { SOMETHING_WENT_WRONG } from './format.js';

/**
 * Handles one interaction from the gateway. Never throws: failures are logged and
 * answered with an ephemeral note.
 */
export async function handleInteraction(interaction: Interaction, context: CommandContext): Promise<void> {
  if (!interaction.isRepliable()) return;
  try {
    await route(interaction, context);
  } catch (error) {
    context.logger.error('discord interaction failed', {
      interactionId: interaction.id,
      what: describe(interaction),
      error: error instanceof Error ? error : String(error),
    });
    await sayItWentWrong(interaction).catch((replyError: unknown) => {
      context.logger.warn('discord could not report a failure', {
        interactionId: interaction.id,
        error: replyError instanceof Error ? replyError : String(replyError),
      });
    });
  }
}

async function route(interaction: RepliableInteraction, context: CommandContext): Promise<void> {
  if (interaction.isChatInputCommand()) {
    const command = findCommand(interaction.commandName);
    if (command) return command.execute(interaction, context);
    return unknown(interaction, `I don't know the command /${interaction.commandName}. Try /help.`);
  }
  if (interaction.isButton()) {
    const action = parseButtonId(interaction.customId);
    switch (action?.kind) {
      case 'more-answers':
        return showMoreAnswers(interaction, context);
      case 'vote':
        return recordVote(interaction, action.vote, context);
      case 'sources-page':
        return showSourcesPage(interaction, action.page, context);
      case undefined:
        return unknown(interaction, 'That button no longer does anything. Try /help.');
    }
  }
  return unknown(interaction, "I can't handle that yet. Try /help.");
}

async function unknown(interaction: RepliableInteraction, content: string): Promise<void> {
  await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}

/**
 * The ephemeral note. A deferred reply cannot turn ephemeral, so its "thinking…" placeholder
 * is deleted and the note follows up instead.
 */
async function sayItWentWrong(interaction: RepliableInteraction): Promise<void> {
  const note = { content: SOMETHING_WENT_WRONG, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS } as const;
  if (interaction.deferred && !interaction.replied) {
    await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp(note);
  } else if (interaction.replied || interaction.deferred) {
    await interaction.followUp(note);
  } else {
    await interaction.reply(note);
  }
}

function describe(interaction: RepliableInteraction): string {
  if (interaction.isChatInputCommand()) return `/${interaction.commandName}`;
  if (interaction.isButton()) return `button ${interaction.customId}`;
  return `interaction type ${interaction.type}`;
}
