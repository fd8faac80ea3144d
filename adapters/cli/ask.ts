import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Archivist } from '../../src/index.js';
import { formatAnswerText } from './formatAnswer.js';

/** How `archivist ask` prints. */
export interface AskCommandOptions {
  json: boolean;
  top: number;
  /** Declines answers below this confidence (0 never declines); the model's threshold when undefined. */
  minConfidence: number | undefined;
}

/** The core's options for one question of the command. */
function askOptions({ top, minConfidence }: Pick<AskCommandOptions, 'top' | 'minConfidence'>) {
  return minConfidence === undefined ? { top } : { top, minConfidence };
}

/** Answers one question and writes it (human-readable, or one JSON object). */
export async function askOnce(archivist: Archivist, question: string, options: AskCommandOptions, output: Writable): Promise<void> {
  const result = await archivist.ask(question, askOptions(options));
  output.write(options.json ? `${JSON.stringify(result)}\n` : `${formatAnswerText(result)}\n`);
}

/**
 * Batch mode: one question a line on `input`, one JSON object a line on `output`, in
 * order, with the index loaded once. Blank lines are skipped. Resolves with the count.
 */
export async function askBatch(archivist: Archivist, input: Readable, options: Pick<AskCommandOptions, 'top' | 'minConfidence'>, output: Writable): Promise<number> {
  let count = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const result = await archivist.ask(line, askOptions(options));
    if (!output.write(`${JSON.stringify(result)}\n`)) await new Promise((resolve) => output.once('drain', resolve));
    count++;
  }
  return count;
}
