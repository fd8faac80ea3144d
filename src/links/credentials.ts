/**
 * Credentials written in a URL (`https://user:password@host/feed`): sent as HTTP Basic
 * authentication to that URL's own site, and never shown: every URL in a message or a log
 * line goes through `redactUrl`.
 */

/** What stands for a password in a URL that is shown. */
const HIDDEN = '***';
/** `//user:password@` in text that does not parse as a URL, or in a message. */
const USERINFO = /\/\/([^/?#@:\s]*):[^/?#@\s]*@/g;
/** `//user@` (a user name alone, which may be a token). */
const USER_ONLY = /\/\/[^/?#@:\s]+@/g;

/**
 * The URL with its password shown as `***` (`https://user:***@host/…`; a user name alone,
 * which may be a token, is hidden the same way). Text that is not a URL gets the same treatment.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = HIDDEN;
    else if (parsed.username !== '') parsed.username = HIDDEN;
    else return url;
    return parsed.href;
  } catch {
    return redactUrlsIn(url);
  }
}

/** Text (a message) with the credentials of every URL in it hidden as `redactUrl` hides them. */
export function redactUrlsIn(text: string): string {
  return text.replace(USERINFO, `//$1:${HIDDEN}@`).replace(USER_ONLY, `//${HIDDEN}@`);
}

/** A URL without its credentials, and the `Authorization` header value they make (null when it has none). */
export function splitCredentials(url: URL): { bare: URL; authorization: string | null } {
  if (url.username === '' && url.password === '') return { bare: url, authorization: null };
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  const pair = `${decoded(url.username)}:${decoded(url.password)}`;
  return { bare, authorization: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}` };
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
