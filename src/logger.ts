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
