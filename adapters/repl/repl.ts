import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { AnswerResult, Archivist, Conversation } from '../../src/index.js';
import { ANSI_BOLD, formatAlternatives, formatAnswerText } from '../cli/formatAnswer.js';
import type { ReplLog } from './replLog.js';

/** Streams the REPL reads and writes (stdin/stdout in use, PassThroughs in tests). */
export interface ReplStreams {
  input: Readable;
  output: Writable;
  /** Show a prompt and use terminal line editing. @default false */
  terminal?: boolean;
  /** Show the answer phrase in bold (ANSI): on a terminal, unless `NO_COLOR` is set. @default false */
  bold?: boolean;
  /** Where log lines go while the REPL runs (around the prompt, never into the line being typed). */
  log?: ReplLog;
}

const HELP = [
  'Ask a question about the articles, for example: when did the talks resume?',
  'A question that leans on the one before ("and when were they suspended?") is read with it; a new topic starts afresh, or type :new.',
  'Commands: :more shows the other answers to the last question, :sources lists the articles, :new forgets the previous question, :help shows this, :quit (or Ctrl-D) leaves.',
].join('\n');

/**
 * Runs a question-and-answer loop until the input ends or the user types `:quit`.
 * Each line is a question; the best answer is written with its source and its answer
 * phrase in bold, and how many others there are (`:more` lists them). The session is one
 * conversation: a follow-up question is read with the one before it, and the answer says
 * how. Resolves when done.
 */
export async function runRepl(archivist: Archivist, { input, output, terminal = false, bold = false, log }: ReplStreams): Promise<void> {
  const lines = createInterface({ input, output, terminal, prompt: '> ' });
  // On a terminal, log lines are written around the prompt; elsewhere (a pipe) they are plain lines.
  const detachLog = terminal ? log?.attach(lines, output) : undefined;
  const say = (text: string) => output.write(`${text}\n`);
  const style = { ...(bold ? { bold: ANSI_BOLD } : {}), moreHint: (count: number) => `(${count} more answer${count === 1 ? '' : 's'}: type :more)` };
  const prompt = () => {
    log?.setPrompting(true);
    lines.prompt();
  };
  // The session is one conversation: each question may lean on the one before it.
  let conversation: Conversation | undefined;
  let last: AnswerResult | undefined;
  say(`Archivist: ${archivist.stats.articles} articles, ${archivist.stats.paragraphs} paragraphs. ${HELP}`);
  prompt();
  try {
    for await (const line of lines) {
      log?.setPrompting(false);
      const command = line.trim();
      if (command === ':quit' || command === ':q' || command === ':exit') break;
      if (command === ':help') say(HELP);
      else if (command === ':sources') say(formatSources(archivist));
      else if (command === ':more') say(last && last.alternatives.length > 0 ? formatAlternatives(last, style).join('\n').trimStart() : 'No other answers to the last question.');
      else if (command === ':new') {
        conversation = undefined;
        say('Starting a new topic.');
      } else {
        last = await archivist.ask(line, conversation ? { conversation } : {});
        conversation = last.conversation;
        say(formatAnswerText(last, style));
      }
      prompt();
    }
  } finally {
    detachLog?.();
    lines.close();
  }
}

function formatSources(archivist: Archivist): string {
  return archivist
    .sources()
    .map((article) => `- ${[article.title ?? article.articleId, article.publisher, article.date].filter(Boolean).join(', ')} (${article.file ?? article.articleId}, ${article.paragraphs} paragraphs)`)
    .join('\n');
}
