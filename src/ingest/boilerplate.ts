import { STOP_WORDS } from '../text/stopWords.js';
import type { Block } from './blocks.js';

/**
 * A block's class, as in jusText (Pomikálek 2011): `good` is article text, `bad` is junk,
 * `short` and `near-good` are decided by their neighbours.
 */
export type BlockClass = 'good' | 'near-good' | 'short' | 'bad';

/** Thresholds of the classifier (jusText's defaults, tuned for plain-text scrapes). */
const LENGTH_LOW = 70;
const LENGTH_HIGH = 200;
const STOPWORDS_LOW = 0.3;
const STOPWORDS_HIGH = 0.32;
/** A block that ends like a sentence is prose even with fewer stop words (quotes, names). */
const STOPWORDS_SENTENCE = 0.2;

/** Lines that only a web page has: navigation, notices, promos, comment widgets. */
const JUNK_LINE =
  /^(?:accessibility links|breaking news|print sponsor|sign in|skip to|share (?:this|on)|advertisement|related (?:stories|links|articles)|suggested topics|read more\b|most (?:read|popular)|follow us|subscribe|hide comments|cancel ok|join the\b|click here|copyright|©|this page is best viewed|terms of use|cookie|you need to log in)/i;
/** A line of a link list: "Headline - 7 hrs ago", "18 Apr 09 |  Americas". */
const LINK_LIST_LINE = /(?:\s-\s\d+\s+(?:hrs?|mins?|days?)\s+ago$)|(?:^\d{1,2}\s+\w{3}\s+\d{2}\s*\|)|(?:\|\s*\w+$)/i;

/** Whether a line is one that only a web page has (navigation, notices, promos, comment widgets). */
export function isJunkLine(line: string): boolean {
  return JUNK_LINE.test(line.trim());
}

/** Share of a text's words that are stop words. */
function stopWordDensity(text: string): number {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length === 0) return 0;
  return words.filter((word) => STOP_WORDS.has(word)).length / words.length;
}

/** Whether a block looks like a list of links or teasers rather than prose. */
function isLinkListShaped(block: Block): boolean {
  if (block.lines.length < 2) return false;
  const listLines = block.lines.filter((line) => LINK_LIST_LINE.test(line.trim())).length;
  const unpunctuated = block.lines.filter((line) => !/[.!?:"”’)]$/.test(line.trim())).length;
  return listLines >= block.lines.length / 2 || (unpunctuated === block.lines.length && block.lines.length >= 3);
}

/** Context-free class of one block (jusText's first pass, plus link-list shape and junk lines). */
export function classifyBlock(block: Block): BlockClass {
  const text = block.text.replace(/\s+/g, ' ').trim();
  if (block.lines.some(isJunkLine)) return 'bad';
  if (isLinkListShaped(block)) return 'bad';
  const density = stopWordDensity(text);
  if (text.length < LENGTH_LOW) return 'short';
  if (density >= STOPWORDS_HIGH && text.length > LENGTH_HIGH) return 'good';
  if (density >= STOPWORDS_LOW) return 'near-good';
  if (density >= STOPWORDS_SENTENCE && /[.!?"”]$/.test(text)) return 'near-good';
  return 'bad';
}

/**
 * Picks the article body, jusText-style: blocks are classified, the sequence is cut into
 * segments at every junk block and at every run of two or more short blocks, and the
 * segment with the most good text (near-good counting half) wins, minus the short blocks
 * at its ends (headlines, bylines). Returns the indices of the kept blocks, in order.
 */
export function selectBodyBlocks(blocks: Block[]): number[] {
  const classes = blocks.map(classifyBlock);
  const segments: number[][] = [[]];
  classes.forEach((kind, index) => {
    const segment = segments[segments.length - 1] ?? [];
    const shortRun = kind === 'short' && classes[index + 1] === 'short';
    if (kind === 'bad' || shortRun) {
      if (segment.length > 0) segments.push([]);
      return;
    }
    segment.push(index);
  });
  const weightOf = (segment: number[]) =>
    segment.reduce((sum, index) => {
      const length = blocks[index]?.text.length ?? 0;
      return sum + (classes[index] === 'good' ? length : classes[index] === 'near-good' ? length / 2 : 0);
    }, 0);
  let best: number[] = [];
  for (const segment of segments) {
    if (segment.some((index) => classes[index] === 'good') && weightOf(segment) > weightOf(best)) best = segment;
  }
  while (best.length > 0 && classes[best[0] ?? -1] === 'short') best = best.slice(1);
  while (best.length > 0 && classes[best[best.length - 1] ?? -1] === 'short') best = best.slice(0, -1);
  return best;
}
