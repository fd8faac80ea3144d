import type { Logger } from '../../../../src/index.js';
import { waitFor } from './waitFor.js';

/** One log line as the adapter wrote it. */
export interface LogRecord {
  level: 'error' | 'warn' | 'info' | 'debug';
  msg: string;
  [field: string]: unknown;
}

/** A logger that keeps every line (debug included) for assertions. */
export interface CaptureLogger extends Logger {
  records: LogRecord[];
  waitForRecord(what: string, where: (record: LogRecord) => boolean, timeoutMs?: number): Promise<LogRecord>;
  /** Everything logged, as JSON text (to look for leaked secrets). */
  dump(): string;
}

/** Creates a {@link CaptureLogger}. */
export function createCaptureLogger(): CaptureLogger {
  const records: LogRecord[] = [];
  const log = (level: LogRecord['level']) => (msg: string, fields: Record<string, unknown> = {}) => {
    records.push({ ...fields, level, msg });
  };
  return {
    records,
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    waitForRecord: (what, where, timeoutMs) => waitFor(what, () => records.find(where), timeoutMs),
    dump: () =>
      JSON.stringify(records, (_key, value: unknown) =>
        value instanceof Error ? { ...value, name: value.name, message: value.message, stack: value.stack, cause: String(value.cause) } : value,
      ),
  };
}
