import type { LookupAddress } from 'node:dns';
import { Agent, fetch, type Response } from 'undici';
import { charsetOfContentType } from '../ingest/decode.js';
import { bareHost, isAddressLiteral, mayConnect, systemResolve, type AddressPolicy } from './addressPolicy.js';
import { redactUrl, splitCredentials } from './credentials.js';
import { LinkError } from './linkError.js';

/** How pages and feeds are fetched. */
export interface FetchSettings extends AddressPolicy {
  /** Connect, headers and whole-response deadline. @default 15000 */
  timeoutMs: number;
  /** Largest body accepted, in bytes. @default 5 MB */
  maxBytes: number;
  /** Redirects followed before giving up. @default 5 */
  maxRedirects: number;
  /** Sent with every request. */
  userAgent: string;
}

/** Defaults of `FetchSettings`. */
export const defaultFetchSettings: FetchSettings = {
  allowPrivate: false,
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'ArchivistBot/0.1 (+newsroom archive; fetches pages people add and feed items)',
};

/** What is accepted: web pages, or RSS/Atom feeds. */
export type FetchKind = 'page' | 'feed';

const ACCEPTED_TYPES: Record<FetchKind, ReadonlySet<string>> = {
  page: new Set(['text/html', 'application/xhtml+xml']),
  feed: new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml', 'application/feed+xml']),
};
const ACCEPT_HEADER: Record<FetchKind, string> = {
  page: 'text/html,application/xhtml+xml;q=0.9',
  feed: 'application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.8',
};
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A fetched response body and where it finally came from. */
export interface FetchedDocument {
  /** The URL after redirects (without credentials). */
  url: string;
  /** Every URL asked for, the first to the last (`url`), without credentials: where the document came from. */
  via: string[];
  bytes: Buffer;
  /** The `charset` of the `Content-Type` header, when it names one. */
  charset: string | null;
  /** ISO time of the fetch. */
  fetchedAt: string;
}

/**
 * Fetches a page or feed with Node's fetch implementation (undici) over an agent whose
 * DNS lookup refuses addresses the policy forbids, so the check holds for the address
 * actually connected to, after resolution and after each redirect (followed by hand, at
 * most `maxRedirects`). Bodies over `maxBytes` and other content types are refused.
 * Credentials in the URL are sent as HTTP Basic authentication, to its own origin only,
 * and never appear in a message.
 * @throws LinkError with the reason and one line for people.
 */
export async function fetchDocument(url: string, kind: FetchKind, settings: FetchSettings): Promise<FetchedDocument> {
  const { bare: first, authorization } = splitCredentials(parseHttpUrl(url));
  const via = [first.href];
  let current = first;
  const agent = guardedAgent(settings);
  const deadline = AbortSignal.timeout(settings.timeoutMs);
  try {
    for (let redirects = 0; ; redirects++) {
      checkLiteralAddress(current, settings);
      const credentials = current.origin === first.origin ? authorization : null;
      const response = await request(current, kind, settings, agent, deadline, credentials);
      const location = REDIRECTS.has(response.status) ? response.headers.get('location') : null;
      if (location === null) return { ...(await readBody(current.href, response, kind, settings, deadline, credentials !== null)), via };
      await response.body?.cancel();
      if (redirects >= settings.maxRedirects) throw new LinkError('too-many-redirects', url, `${redactUrl(url)}: more than ${settings.maxRedirects} redirects.`);
      current = splitCredentials(parseHttpUrl(new URL(location, current).href)).bare;
      via.push(current.href);
    }
  } finally {
    await agent.close().catch(() => undefined);
  }
}

function parseHttpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LinkError('bad-url', url, `${redactUrl(url)}: not a web address (give an http:// or https:// URL).`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new LinkError('bad-url', url, `${redactUrl(url)}: only http:// and https:// addresses can be added.`);
  return parsed;
}

/** An IP address written in the URL is never resolved, so it is checked here. */
function checkLiteralAddress(url: URL, policy: AddressPolicy): void {
  if (isAddressLiteral(url.hostname) && !mayConnect(policy, url.hostname, bareHost(url.hostname))) throw refused(url.href, url.hostname, bareHost(url.hostname));
}

function refused(url: string, hostname: string, address: string): LinkError {
  return new LinkError('refused-address', url, `${url}: ${hostname} is a private, loopback or link-local address (${address}); such addresses are refused unless ARCHIVIST_ALLOW_PRIVATE_URLS allows them.`);
}

/** An error raised inside the lookup, to tell a refused address from a failed resolution. */
class RefusedAddressError extends Error {
  constructor(readonly hostname: string, readonly address: string) {
    super(`refused address ${address} for ${hostname}`);
  }
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/** An agent whose connections resolve names through the policy: a forbidden address fails the connection before it is made. */
function guardedAgent(settings: FetchSettings): Agent {
  const resolve = settings.resolve ?? systemResolve;
  const lookup = (hostname: string, options: { all?: boolean | undefined }, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        const forbidden = addresses.find(({ address }) => !mayConnect(settings, hostname, address));
        if (forbidden) return callback(new RefusedAddressError(hostname, forbidden.address), '');
        const [first] = addresses;
        if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
        if (options.all) return callback(null, addresses);
        return callback(null, first.address, first.family);
      },
      (error: Error) => callback(error, ''),
    );
  };
  return new Agent({ connect: { timeout: settings.timeoutMs, lookup }, headersTimeout: settings.timeoutMs, bodyTimeout: settings.timeoutMs });
}

async function request(url: URL, kind: FetchKind, settings: FetchSettings, agent: Agent, signal: AbortSignal, authorization: string | null): Promise<Response> {
  const headers = { 'user-agent': settings.userAgent, accept: ACCEPT_HEADER[kind], ...(authorization === null ? {} : { authorization }) };
  try {
    return await fetch(url, { redirect: 'manual', signal, dispatcher: agent, headers });
  } catch (error) {
    throw explainNetworkError(url.href, error, settings);
  }
}

/** The one-line reason of a failed connection or response. */
function explainNetworkError(url: string, error: unknown, settings: FetchSettings): LinkError {
  if (error instanceof LinkError) return error;
  const cause = (error as { cause?: unknown }).cause ?? error;
  const code = (cause as { code?: unknown }).code;
  const name = (error as { name?: unknown }).name ?? (cause as { name?: unknown }).name;
  if (cause instanceof RefusedAddressError) return refused(url, cause.hostname, cause.address);
  if (name === 'TimeoutError' || name === 'AbortError' || (typeof code === 'string' && /TIMEOUT/.test(code))) {
    return new LinkError('timeout', url, `${url}: no answer within ${(settings.timeoutMs / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s (timed out).`, { cause: error });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') {
    return new LinkError('dns', url, `${url}: the host name ${new URL(url).hostname} could not be resolved (DNS).`, { cause: error });
  }
  const detail = typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause);
  return new LinkError('network', url, `${url}: the connection failed (${detail}).`, { cause: error });
}

async function readBody(url: string, response: Response, kind: FetchKind, settings: FetchSettings, signal: AbortSignal, sentCredentials: boolean): Promise<Omit<FetchedDocument, 'via'>> {
  if (response.status >= 400) {
    await response.body?.cancel();
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    if (response.status === 404 || response.status === 410) throw new LinkError('not-found', url, `${url}: the page was not found (${status}).`);
    if (response.status === 401 && sentCredentials) throw new LinkError('unauthorized', url, `${url}: the site did not accept the user name and password given in the address (${status}).`);
    if (response.status === 401) throw new LinkError('unauthorized', url, `${url}: the site asks for a user name and password (${status}); give them in the address: https://user:password@host/….`);
    if (response.status >= 500) throw new LinkError('server-error', url, `${url}: the site failed to answer (${status}); try again later.`);
    throw new LinkError('http-error', url, `${url}: the site refused the request (${status}).`);
  }
  const contentType = response.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!ACCEPTED_TYPES[kind].has(mediaType)) {
    await response.body?.cancel();
    const wanted = kind === 'page' ? 'an HTML page' : 'an RSS or Atom feed';
    throw new LinkError(kind === 'page' ? 'not-html' : 'not-a-feed', url, `${url}: not ${wanted} (its content type is ${mediaType || 'missing'}).`);
  }
  const declaredLength = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declaredLength > settings.maxBytes) {
    await response.body?.cancel();
    throw tooBig(url, settings);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > settings.maxBytes) throw tooBig(url, settings);
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (error instanceof LinkError) {
      await response.body?.cancel().catch(() => undefined);
      throw error;
    }
    throw explainNetworkError(url, signal.aborted ? signal.reason : error, settings);
  }
  return { url, bytes: Buffer.concat(chunks), charset: charsetOfContentType(contentType), fetchedAt: new Date().toISOString() };
}

function tooBig(url: string, settings: FetchSettings): LinkError {
  const size = settings.maxBytes >= 1024 * 1024 ? `${(settings.maxBytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB` : `${Math.round(settings.maxBytes / 1024)} KB`;
  return new LinkError('too-big', url, `${url}: larger than ${size}, the most a page may be.`);
}
