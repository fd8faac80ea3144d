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
export {
  ArchivistError,
  CorpusError,
  ConfigError,
  SearchUnavailableError,
  ServiceUnreachableError,
  isArchivistError,
  unreachableCode,
  type ArchivistErrorCode,
} from './errors.js';
export { createJsonLogger, createLineLogger, silentLogger, type Logger, type LogLevel } from './logger.js';
export { loadCoreConfig, type CoreConfig, type LinkSettings } from './config.js';
export { addLink, addLinks, type AddLinkResult, type AddedLink, type FailedLink } from './links/addLink.js';
export { previewFile, type ArticlePreview } from './ingest/previewArticle.js';
export { previewLink } from './links/previewLink.js';
export { removeArticles, type RemoveResult } from './links/removeArticle.js';
export { createLinkDesk, type LinkDesk, type LinkDeskOptions } from './links/linkDesk.js';
export { pollFeeds, feedStateFile, type FeedReport, type FeedPollOptions } from './links/feeds.js';
export { startFeedPolling, type FeedPolling } from './links/feedPolling.js';
export type { FetchSettings } from './links/fetchDocument.js';
export type { LinkFailure } from './links/linkError.js';
export { defaultReadingLimits, type ReadingLimits } from './search/offThreadReader.js';
export type { BackendSettings } from './search/backendSettings.js';
export { MAX_QUESTION_LENGTH } from './answer/question.js';
export { asPassage, shownPassages } from './answer/shownPassages.js';
export { createConversationMemory, type ConversationMemory, type ConversationMemoryOptions } from './conversations.js';
export { readScoringModel } from './answer/readScoringModel.js';
