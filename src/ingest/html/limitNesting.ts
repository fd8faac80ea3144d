/**
 * Markup nested deeper than any real page is cut before it is parsed: HTML parsers keep
 * their open elements in a list they search and shift at every tag, and Readability
 * recurses and re-reads each element's text at every level, so a page of a few thousand
 * nested `<div>`s takes minutes or overflows the stack. Real news pages nest about 20–40
 * levels deep.
 */

/** The deepest nesting read as markup; what lies deeper is read as plain text (its tags dropped). */
export const MAX_NESTING = 128;

/** Markup with its nesting cut at a depth, and how deep it went. */
export interface LimitedMarkup {
  html: string;
  /** The deepest nesting found (the tags below `MAX_NESTING` counted as the parser would have opened them). */
  deepest: number;
  /** Whether tags were dropped. */
  cut: boolean;
}

const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'image', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content is raw text up to their end tag (the parser reads no tags inside). */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
/** Elements inside which `<x/>` closes `x` (elsewhere a slash does not close a tag). */
const FOREIGN = new Set(['svg', 'math']);
const P_ONLY = new Set(['p']);
const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
/** Tags that close the open element on top when they start (the parser's own table). */
const IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((tag): [string, ReadonlySet<string>] => [tag, FORM]),
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map((tag): [string, ReadonlySet<string>] => [tag, P_ONLY]),
]);
/** A dropped tag of one of these still separates text: it becomes a line break. */
const BREAKS_TEXT = /^(?:p|div|li|h[1-6]|tr|td|th|dd|dt|blockquote|section|article|header|footer|main|aside|nav|ul|ol|dl|table|pre|figure|figcaption|address|br)$/;

/**
 * Cuts markup at `maxDepth` levels of nesting, in one pass over the text: a tag that
 * would open an element deeper than that is dropped (with its end tag), so its text is
 * read as part of the element above; a dropped block tag leaves a `<br>` so words stay
 * apart, and a dropped script or style goes with its content. Markup within the depth is
 * returned unchanged (the same string).
 */
export function limitNesting(html: string, maxDepth = MAX_NESTING): LimitedMarkup {
  const open: string[] = [];
  /** Elements dropped below the cut and not yet closed, by tag name. */
  const dropped = new Map<string, number>();
  let droppedOpen = 0;
  let foreign = 0;
  let deepest = 0;
  const parts: string[] = [];
  let copiedTo = 0;
  /** Where in `parts` the last dropped tag's separator is. */
  let lastSeparator = -1;
  const drop = (start: number, end: number, separator: string) => {
    const between = html.slice(copiedTo, start);
    if (lastSeparator >= 0 && between.trim() === '') {
      // A run of dropped tags with only spaces between them leaves one separator: a line break if any of them breaks text.
      if (separator === '<br>') parts[lastSeparator] = separator;
      parts.push(between);
    } else {
      parts.push(between, separator);
      lastSeparator = parts.length - 1;
    }
    copiedTo = end;
  };
  const close = () => {
    const name = open.pop();
    if (name !== undefined && FOREIGN.has(name)) foreign--;
  };

  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (lt < 0) break;
    const next = html.charCodeAt(lt + 1);
    if (html.startsWith('<!--', lt)) {
      at = endOf(html, '-->', lt + 4);
      continue;
    }
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      at = endOf(html, '>', lt + 2);
      continue;
    }
    const closing = next === 0x2f; /* / */
    const nameStart = closing ? lt + 2 : lt + 1;
    if (!isLetter(html.charCodeAt(nameStart))) {
      at = closing ? endOf(html, '>', nameStart) : lt + 1;
      continue;
    }
    let nameEnd = nameStart;
    while (nameEnd < html.length && !/[\s/>]/.test(html[nameEnd] ?? '')) nameEnd++;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    const gt = tagEnd(html, nameEnd);
    if (gt < 0) break;
    const end = gt + 1;
    at = end;

    if (closing) {
      const deeper = dropped.get(name) ?? 0;
      if (deeper > 0) {
        dropped.set(name, deeper - 1);
        droppedOpen--;
        drop(lt, end, BREAKS_TEXT.test(name) ? '<br>' : ' ');
        continue;
      }
      const position = open.lastIndexOf(name);
      if (position >= 0) while (open.length > position) close();
      continue;
    }

    const implied = IMPLIES_CLOSE.get(name);
    while (implied && open.length > 0 && implied.has(open[open.length - 1] ?? '')) close();
    const selfClosed = html.charCodeAt(gt - 1) === 0x2f && foreign > 0;
    const opens = !VOID.has(name) && !selfClosed;
    const depth = open.length + droppedOpen + (opens ? 1 : 0);
    if (depth > deepest) deepest = depth;
    if (opens && open.length >= maxDepth) {
      if (RAW_TEXT.has(name)) {
        at = rawTextEnd(html, name, end);
        drop(lt, at, ' ');
      } else {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        droppedOpen++;
        drop(lt, end, BREAKS_TEXT.test(name) ? '<br>' : ' ');
      }
      continue;
    }
    if (RAW_TEXT.has(name)) {
      at = rawTextEnd(html, name, end);
      continue;
    }
    if (opens) {
      open.push(name);
      if (FOREIGN.has(name)) foreign++;
    }
  }
  if (parts.length === 0) return { html, deepest, cut: false };
  parts.push(html.slice(copiedTo));
  return { html: parts.join(''), deepest, cut: true };
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** The index after `marker`'s first occurrence from `from`, or the end of the text. */
function endOf(html: string, marker: string, from: number): number {
  const found = html.indexOf(marker, from);
  return found < 0 ? html.length : found + marker.length;
}

/** The `>` that ends a tag whose attributes start at `from` (a `>` inside a quoted value does not), or -1. */
function tagEnd(html: string, from: number): number {
  for (let at = from; at < html.length; at++) {
    const code = html.charCodeAt(at);
    if (code === 0x3e /* > */) return at;
    if (code !== 0x3d /* = */) continue;
    at++;
    while (at < html.length && /\s/.test(html[at] ?? '')) at++;
    const quote = html[at];
    if (quote === '"' || quote === "'") {
      const closing = html.indexOf(quote, at + 1);
      if (closing < 0) return -1;
      at = closing;
    } else {
      at--;
    }
  }
  return -1;
}

/** The index after a raw-text element's end tag (`</script>`), or the end of the text. */
function rawTextEnd(html: string, name: string, from: number): number {
  const pattern = new RegExp(`</${name}[\\s/>]`, 'gi');
  pattern.lastIndex = from;
  const found = pattern.exec(html);
  return found ? endOf(html, '>', found.index) : html.length;
}
