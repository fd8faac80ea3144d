import type { Readable, Writable } from 'node:stream';
import { MAX_QUESTION_LENGTH, type Archivist } from '../../src/index.js';
import { formatAnswerText, type TextStyle } from './formatAnswer.js';
import { boundedLines } from './lines.js';

/** How `archivist ask` prints. */
export interface AskCommandOptions {
  json: boolean;
  top: number;
  /** Declines answers below this confidence (0 never declines); the model's threshold when undefined. */
  minConfidence: number | undefined;
  /** How a human-readable answer is shown (bold, whether the alternatives are listed). */
  style?: TextStyle;
}

/** The core's options for one question of the command. */
function askOptions({ top, minConfidence }: Pick<AskCommandOptions, 'top' | 'minConfidence'>) {
  return minConfidence === undefined ? { top } : { top, minConfidence };
}

/** Answers one question and writes it (human-readable, or one JSON object). */
export async function askOnce(archivist: Archivist, question: string, options: AskCommandOptions, output: Writable): Promise<void> {
  const result = await archivist.ask(question, askOptions(options));
  output.write(options.json ? `${JSON.stringify(result)}\n` : `${formatAnswerText(result, options.style)}\n`);
}

/** Characters of one input line kept in batch mode: past this a question is too long anyway, so the rest is not held in memory. */
const MAX_LINE_CHARS = 4 * MAX_QUESTION_LENGTH;

/**
 * Batch mode: one question a line on `input`, exactly one JSON object a line on `output`,
 * in order (a blank line gets the `empty-question` answer), with the index loaded once.
 * Stops quietly when `output` is closed (`| head -1`). Resolves with the count written.
 */
export async function askBatch(archivist: Archivist, input: Readable, options: Pick<AskCommandOptions, 'top' | 'minConfidence'>, output: Writable): Promise<number> {
  // Standard output is never destroyed by a write error (EPIPE): remember that its reader went.
  let closed = false;
  const onGone = () => {
    closed = true;
  };
  output.on('error', onGone).on('close', onGone);
  let count = 0;
  try {
    for await (const line of boundedLines(input, MAX_LINE_CHARS)) {
      const result = await archivist.ask(line, askOptions(options));
      if (closed || output.destroyed) break;
      if (!output.write(`${JSON.stringify(result)}\n`)) await drained(output);
      count++;
    }
  } finally {
    output.off('error', onGone).off('close', onGone);
  }
  return count;
}

/** Resolves when `output` can take more, or can take nothing any more. */
function drained(output: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      output.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    output.on('drain', done).on('close', done).on('error', done);
  });
}
