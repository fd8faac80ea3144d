/** Log levels, most to least severe. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** The logger the core writes to; adapters choose where it goes. Fields must never hold secrets. */
export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

const severity: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };

/** Where a logger's lines go while a person reads them: one plain line each (`warning: …`), no fields. */
export function createLineLogger(write: (line: string) => void, level: LogLevel = 'info'): Logger {
  const log = (at: LogLevel, prefix: string) => (message: string) => {
    if (severity[at] <= severity[level]) write(`${prefix}${message}`);
  };
  return { error: log('error', 'error: '), warn: log('warn', 'warning: '), info: log('info', ''), debug: log('debug', '') };
}

/** A logger whose warnings are said once while they hold (see `sayWarningsOnce`). */
export interface RoundLogger extends Logger {
  /** Starts a round (a reload reading the files again): a warning given in the round before is not given again. */
  nextRound(): void;
}

/**
 * Wraps a logger so that a warning repeated by the next round of work (a reload reading
 * the same skipped file) is not said again; one that stops and later comes back is.
 * Within a round, an identical warning is said once.
 */
export function sayWarningsOnce(logger: Logger): RoundLogger {
  let previous = new Set<string>();
  let current = new Set<string>();
  return {
    ...logger,
    warn: (message, fields) => {
      const repeated = previous.has(message) || current.has(message);
      current.add(message);
      if (!repeated) logger.warn(message, fields);
    },
    nextRound: () => {
      previous = current;
      current = new Set();
    },
  };
}

/**
 * A logger that writes one JSON object a line (`{time, level, msg, ...fields}`) to `write`.
 * Errors in fields are reduced to their name, message and code.
 */
export function createJsonLogger(write: (line: string) => void, level: LogLevel = 'info'): Logger {
  const log = (at: LogLevel) => (message: string, fields: Record<string, unknown> = {}) => {
    if (severity[at] > severity[level]) return;
    const record = { time: new Date().toISOString(), level: at, msg: message, ...serialiseFields(fields) };
    write(JSON.stringify(record));
  };
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
}

function serialiseFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? describeError(value) : value;
  }
  return out;
}

function describeError(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(code === undefined ? {} : { code }) };
}
