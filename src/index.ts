/**
 * The public API of Archivist's core, listed name by name. Adapters import only this file.
 */
export { openArchivist, type Archivist, type OpenArchivistOptions, type IndexProgress } from './archivist.js';
export type {
  Answer,
  AnswerResult,
  AnswerSource,
  ArticleSummary,
  AskOptions,
  Conversation,
  FollowUpReading,
  NoAnswerCode,
  SourceAgreement,
} from './types.js';
export { ArchivistError, CorpusError, ConfigError, SearchUnavailableError, isArchivistError, type ArchivistErrorCode } from './errors.js';
export { createJsonLogger, silentLogger, type Logger, type LogLevel } from './logger.js';
export { loadCoreConfig, type CoreConfig } from './config.js';
export type { BackendSettings } from './search/backendSettings.js';
export { MAX_QUESTION_LENGTH } from './answer/question.js';
export { createConversationMemory, type ConversationMemory, type ConversationMemoryOptions } from './conversations.js';
export { readScoringModel } from './answer/readScoringModel.js';
