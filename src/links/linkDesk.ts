import type { Logger } from '../logger.js';
import { addLink, type AddLinkResult } from './addLink.js';
import type { ReadingLimits } from '../search/offThreadReader.js';
import type { FetchSettings } from './fetchDocument.js';

/** Adding links to the archive from chat: who may, and the adding itself. */
export interface LinkDesk {
  /** Whether any of these ids (a Slack user id; a Discord user id and role ids) is an editor's. */
  isEditor(ids: Iterable<string>): boolean;
  /** Fetches a page and saves it into the corpus (see `addLink`). */
  add(url: string): Promise<AddLinkResult>;
}

/** What a link desk needs. */
export interface LinkDeskOptions {
  /** The corpus folder pages are saved into. */
  corpus: string;
  /** `ARCHIVIST_EDITORS`: Slack user ids, Discord user or role ids. Empty: nobody may add links from chat. */
  editors: readonly string[];
  fetch: FetchSettings;
  logger: Logger;
  /** What reading one page may take (see `addLink`). @default defaultReadingLimits */
  reading?: ReadingLimits;
}

/** A link desk over a corpus folder; the running bot's folder watcher makes added pages answerable. */
export function createLinkDesk(options: LinkDeskOptions): LinkDesk {
  const editors = new Set(options.editors);
  return {
    isEditor: (ids) => [...ids].some((id) => editors.has(id)),
    add: (url) => addLink(url, { corpus: options.corpus, fetch: options.fetch, logger: options.logger, ...(options.reading ? { reading: options.reading } : {}) }),
  };
}
