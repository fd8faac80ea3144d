import { ArchivistError } from '../errors.js';

/** Why a link could not be added; each has one line for people (`LinkError.message`). */
export type LinkFailure =
  | 'bad-url'
  | 'not-found'
  | 'http-error'
  | 'server-error'
  | 'timeout'
  | 'too-big'
  | 'not-html'
  | 'not-a-feed'
  | 'dns'
  | 'refused-address'
  | 'too-many-redirects'
  | 'network'
  | 'no-article-text'
  | 'not-a-folder';

/** Failures worth trying again later (a feed item that failed so is not marked as seen). */
export const TRANSIENT_FAILURES: ReadonlySet<LinkFailure> = new Set(['server-error', 'timeout', 'dns', 'network']);

/** A page or feed could not be fetched or read; `reason` says why, `message` says it in one line. */
export class LinkError extends ArchivistError {
  readonly reason: LinkFailure;
  readonly url: string;

  constructor(reason: LinkFailure, url: string, message: string, options?: { cause?: unknown }) {
    super('LINK_FAILED', message, options);
    this.name = 'LinkError';
    this.reason = reason;
    this.url = url;
  }
}
