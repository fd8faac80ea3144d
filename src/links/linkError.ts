import { ArchivistError } from '../errors.js';
import { redactUrl, redactUrlsIn } from './credentials.js';

/** Why a link could not be added; each has one line for people (`LinkError.message`). */
export type LinkFailure =
  | 'bad-url'
  | 'not-found'
  | 'http-error'
  | 'unauthorized'
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
  | 'too-slow-to-read'
  | 'too-large-to-read'
  | 'unreadable'
  | 'archived-from-elsewhere'
  | 'not-saved'
  | 'unexpected'
  | 'not-a-folder';

/** Failures worth trying again later (a feed item that failed so is not marked as seen): the site's, the network's, or a disk that could not take the page. */
export const TRANSIENT_FAILURES: ReadonlySet<LinkFailure> = new Set(['server-error', 'timeout', 'dns', 'network', 'not-saved']);

/** A page or feed could not be fetched or read; `reason` says why, `message` says it in one line. Neither `url` nor `message` shows a password. */
export class LinkError extends ArchivistError {
  readonly reason: LinkFailure;
  readonly url: string;

  constructor(reason: LinkFailure, url: string, message: string, options?: { cause?: unknown }) {
    super('LINK_FAILED', redactUrlsIn(message), options);
    this.name = 'LinkError';
    this.reason = reason;
    this.url = redactUrl(url);
  }
}
