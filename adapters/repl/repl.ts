import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Archivist, Conversation } from '../../src/index.js';
import { ANSI_BOLD, formatAnswerText } from '../cli/formatAnswer.js';

/** Streams the REPL reads and writes (stdin/stdout in use, PassThroughs in tests). */
export interface ReplStreams {
  input: Readable;
  output: Writable;
  /** Show a prompt and use terminal line editing. @default false */
  terminal?: boolean;
  /** Show the answer phrase in bold (ANSI). @default `terminal` */
  bold?: boolean;
}

const HELP = [
  'Ask a question about the articles, for example: when did the talks resume?',
  'A question that leans on the one before ("and when were they suspended?") is read with it; a new topic starts afresh, or type :new.',
  'Commands: :sources lists the articles, :new forgets the previous question, :help shows this, :quit (or Ctrl-D) leaves.',
].join('\n');

/**
 * Runs a question-and-answer loop until the input ends or the user types `:quit`.
 * Each line is a question; answers are written with their source and their answer phrase
 * in bold. The session is one conversation: a follow-up question is read with the one
 * before it, and the answer says how. Resolves when done.
 */
export async function runRepl(archivist: Archivist, { input, output, terminal = false, bold = terminal }: ReplStreams): Promise<void> {
  const lines = createInterface({ input, output, terminal, prompt: '> ' });
  const say = (text: string) => output.write(`${text}\n`);
  const style = bold ? { bold: ANSI_BOLD } : {};
  // The session is one conversation: each question may lean on the one before it.
  let conversation: Conversation | undefined;
  say(`Archivist: ${archivist.stats.articles} articles, ${archivist.stats.paragraphs} paragraphs. ${HELP}`);
  lines.prompt();
  for await (const line of lines) {
    const command = line.trim();
    if (command === ':quit' || command === ':q' || command === ':exit') break;
    if (command === ':help') say(HELP);
    else if (command === ':sources') say(formatSources(archivist));
    else if (command === ':new') {
      conversation = undefined;
      say('Starting a new topic.');
    } else {
      const result = await archivist.ask(line, conversation ? { conversation } : {});
      conversation = result.conversation;
      say(formatAnswerText(result, style));
    }
    lines.prompt();
  }
  lines.close();
}

function formatSources(archivist: Archivist): string {
  return archivist
    .sources()
    .map((article) => `- ${[article.title ?? article.articleId, article.publisher, article.date].filter(Boolean).join(', ')} (${article.file ?? article.articleId}, ${article.paragraphs} paragraphs)`)
    .join('\n');
}
