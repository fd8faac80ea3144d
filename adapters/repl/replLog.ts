import { clearLine, cursorTo, type Interface } from 'node:readline';
import type { Writable } from 'node:stream';

/**
 * Where log lines go while a person types at the REPL. Before the REPL starts (and when
 * the terminal is not interactive) a line is simply written; while a prompt waits on a
 * terminal, the line being typed is cleared, the log line written, and the prompt redrawn
 * with what was typed, so a log line never cuts into a question.
 */
export interface ReplLog {
  /** Writes one log line. */
  write(line: string): void;
  /** Routes lines around the prompt of `lines` (on `screen`, the terminal typed on) until the returned function is called. */
  attach(lines: Interface, screen: Writable): () => void;
  /** Tells whether the prompt is waiting for a question (lines then redraw it). */
  setPrompting(prompting: boolean): void;
}

/** A REPL log writing to `target` (standard error in use). */
export function createReplLog(target: Writable): ReplLog {
  let attached: { lines: Interface; screen: Writable } | null = null;
  let prompting = false;
  return {
    write(line) {
      if (attached === null || !prompting) {
        target.write(`${line}\n`);
        return;
      }
      clearLine(attached.screen, 0);
      cursorTo(attached.screen, 0);
      target.write(`${line}\n`);
      attached.lines.prompt(true);
    },
    attach(lines, screen) {
      attached = { lines, screen };
      return () => {
        attached = null;
        prompting = false;
      };
    },
    setPrompting(value) {
      prompting = value;
    },
  };
}
