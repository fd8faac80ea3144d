import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/index.js';

const severity: Record<LogLevel, number> = {
  [LogLevel.ERROR]: 0,
  [LogLevel.WARN]: 1,
  [LogLevel.INFO]: 2,
  [LogLevel.DEBUG]: 3,
};

/**
 * Lets Bolt, its Web API client and its Socket Mode client write to Archivist's logger.
 * Messages are reduced to text (an error to its message), tagged `component: 'slack-bolt'`.
 * Bolt's debug output (raw payloads) is dropped unless the level is raised on purpose.
 */
export function toBoltLogger(logger: Logger, level: LogLevel = LogLevel.INFO): BoltLogger {
  let current = level;
  const emit = (at: LogLevel, write: (message: string, fields: Record<string, unknown>) => void) =>
    (...parts: unknown[]): void => {
      if (severity[at] > severity[current]) return;
      write(parts.map(describe).join(' '), { component: 'slack-bolt' });
    };
  return {
    debug: emit(LogLevel.DEBUG, logger.debug),
    info: emit(LogLevel.INFO, logger.info),
    warn: emit(LogLevel.WARN, logger.warn),
    error: emit(LogLevel.ERROR, logger.error),
    setLevel(next) {
      current = next;
    },
    getLevel() {
      return current;
    },
    setName() {},
  };
}

function describe(part: unknown): string {
  if (part instanceof Error) return part.message;
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}
