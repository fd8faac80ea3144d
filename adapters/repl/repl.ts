import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Archivist } from '../../src/index.js';
import { formatAnswerText } from '../cli/formatAnswer.js';

/** Streams the REPL reads and writes (stdin/stdout in use, PassThroughs in tests). */
export interface ReplStreams {
  input: Readable;
  output: Writable;
  /** Show a prompt and use terminal line editing. @default false */
  terminal?: boolean;
}

const HELP = [
  'Ask a question about the articles, for example: when did the talks resume?',
  'Commands: :sources lists the articles, :help shows this, :quit (or Ctrl-D) leaves.',
].join('\n');

/**
 * Runs a question-and-answer loop until the input ends or the user types `:quit`.
 * Each line is a question; answers are written with their source. Resolves when done.
 */
export async function runRepl(archivist: Archivist, { input, output, terminal = false }: ReplStreams): Promise<void> {
  const lines = createInterface({ input, output, terminal, prompt: '> ' });
  const say = (text: string) => output.write(`${text}\n`);
  say(`Archivist: ${archivist.stats.articles} articles, ${archivist.stats.paragraphs} paragraphs. ${HELP}`);
  lines.prompt();
  for await (const line of lines) {
    const command = line.trim();
    if (command === ':quit' || command === ':q' || command === ':exit') break;
    if (command === ':help') say(HELP);
    else if (command === ':sources') say(formatSources(archivist));
    else say(formatAnswerText(await archivist.ask(line)));
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
