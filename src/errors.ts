/** Machine-readable codes of the core's real failures (a missing answer is not one). */
export type ArchivistErrorCode =
  | 'CORPUS_NOT_FOUND'
  | 'CORPUS_EMPTY'
  | 'CORPUS_UNREADABLE'
  | 'CONFIG_INVALID'
  | 'SEARCH_UNAVAILABLE'
  | 'LINK_FAILED'
  | 'SERVICE_UNREACHABLE';

/** Base error of the core: a `code` to branch on and a message a person can act on. */
export class ArchivistError extends Error {
  readonly code: ArchivistErrorCode;

  constructor(code: ArchivistErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ArchivistError';
    this.code = code;
  }
}

/** The corpus folder or file is missing, empty, or holds no readable article. */
export class CorpusError extends ArchivistError {
  readonly corpusPath: string;

  constructor(code: 'CORPUS_NOT_FOUND' | 'CORPUS_EMPTY' | 'CORPUS_UNREADABLE', corpusPath: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'CorpusError';
    this.corpusPath = corpusPath;
  }
}

/** Settings failed validation; the message names the setting and what to fix. */
export class ConfigError extends ArchivistError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG_INVALID', message, options);
    this.name = 'ConfigError';
  }
}

/** The search engine (a Sphinx/Manticore cluster) cannot be reached; it may come back by itself. */
export class SearchUnavailableError extends ArchivistError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEARCH_UNAVAILABLE', message, options);
    this.name = 'SearchUnavailableError';
  }
}

/** A service Archivist needs at start-up (a chat platform's API) cannot be reached; the message names the host and what to check. */
export class ServiceUnreachableError extends ArchivistError {
  readonly host: string;

  constructor(host: string, message: string, options?: { cause?: unknown }) {
    super('SERVICE_UNREACHABLE', message, options);
    this.name = 'ServiceUnreachableError';
    this.host = host;
  }
}

/** Error codes that mean "the other end could not be reached", as Node's sockets and DNS report them. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

/**
 * The network error code (`ECONNREFUSED`, `ENOTFOUND`…) found in an error or the errors it
 * wraps (`cause`, `original`, an `AggregateError`'s `errors`), or null when the failure is
 * not one of reaching the other end.
 */
export function unreachableCode(error: unknown, depth = 0): string | null {
  if (error === null || typeof error !== 'object' || depth > 5) return null;
  const { code, cause, original, errors } = error as { code?: unknown; cause?: unknown; original?: unknown; errors?: unknown };
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return code;
  for (const inner of [cause, original, ...(Array.isArray(errors) ? errors : [])]) {
    const found = unreachableCode(inner, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Type guard for any error raised by the core. */
export function isArchivistError(error: unknown): error is ArchivistError {
  return error instanceof ArchivistError;
}
