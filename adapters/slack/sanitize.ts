/**
 * Slack's text rules in both directions: incoming message markup turned into a plain
 * question for the core, and outgoing text escaped so nothing in it becomes a live
 * mention, link or broken entity.
 */

/** Characters Slack allows in one section block's text. */
export const SECTION_TEXT_LIMIT = 3000;
/** Blocks Slack allows in one message. */
export const MESSAGE_BLOCK_LIMIT = 50;
/** Length we keep a message's plain-text fallback under (Slack cuts at 40,000; notifications show far less). */
export const FALLBACK_TEXT_LIMIT = 3000;

const ELLIPSIS = '…';

/**
 * Turns a Slack message's text into the plain question a person meant: the bot's own
 * mention and broadcast mentions (`<!channel>`, `<!here>`, `<!everyone>`, user groups) are
 * removed, other mentions, channels and links become their readable labels, and Slack's
 * `&amp;`/`&lt;`/`&gt;` escapes are undone.
 */
export function questionFromSlackText(text: string, botUserId: string | null = null): string {
  const readable = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => readableMarkup(inner, botUserId));
  return unescapeSlackText(readable).replace(/\s+/g, ' ').trim();
}

function readableMarkup(inner: string, botUserId: string | null): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? null : inner.slice(bar + 1);
  if (target.startsWith('@')) {
    if (botUserId !== null && target.slice(1) === botUserId) return ' ';
    return label === null ? ' ' : ` @${label.replace(/^@/, '')} `;
  }
  if (target.startsWith('#')) return label === null ? ' ' : ` #${label} `;
  if (target.startsWith('!')) {
    // <!date^…|fallback> carries readable text; broadcasts and user groups are dropped.
    return target.startsWith('!date^') && label !== null ? label : ' ';
  }
  if (label !== null) return label;
  return target.startsWith('mailto:') ? target.slice('mailto:'.length) : target;
}

/** Undoes Slack's three escapes (`&amp;` last, so `&amp;lt;` stays `&lt;`). */
function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Escapes `&`, `<` and `>` so that text shows literally in Slack: `<!channel>` in a
 * question can never come back as a live ping.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts already-escaped text to at most `max` characters, ending with `…` when cut, and never
 * inside an `&amp;`-style entity or a surrogate pair.
 */
export function truncateSlackText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  cut = cut.replace(/&[a-z]{0,3}$/, '');
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/** Escapes then cuts: the usual way to put untrusted text into a message. */
export function safeSlackText(text: string, max: number): string {
  return truncateSlackText(escapeSlackText(text), max);
}

/** Writes text as a Slack quote: every line prefixed with `>`. */
export function quoteSlackText(escapedText: string): string {
  return escapedText
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

const INTERROGATIVE = new Set(
  'who whom whose what when where why how which is are was were do does did can could will would should has have had'.split(' '),
);

/**
 * Tells whether a plain message reads as a question (ends with `?` or opens with a
 * question word); listening channels only consider those.
 */
export function looksLikeQuestion(question: string): boolean {
  const trimmed = question.trim();
  if (trimmed.endsWith('?')) return true;
  const first = trimmed.split(/\s+/, 1)[0]?.toLowerCase().replace(/[^a-z]/g, '') ?? '';
  return INTERROGATIVE.has(first) && trimmed.split(/\s+/).length >= 3;
}
