/** Machine-readable codes of the core's real failures (a missing answer is not one). */
export type ArchivistErrorCode =
  | 'CORPUS_NOT_FOUND'
  | 'CORPUS_EMPTY'
  | 'CORPUS_UNREADABLE'
  | 'INDEX_INVALID'
  | 'CONFIG_INVALID'
  | 'SEARCH_UNAVAILABLE'
  | 'LINK_FAILED';

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

/** Type guard for any error raised by the core. */
export function isArchivistError(error: unknown): error is ArchivistError {
  return error instanceof ArchivistError;
}
