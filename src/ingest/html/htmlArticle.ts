import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { classifyBlock, isJunkLine, selectBodyBlocks } from '../boilerplate.js';
import { limitNesting, MAX_NESTING } from './limitNesting.js';
import { leafBlockTexts, type DomElement } from './pageDom.js';
import { readPageMetadata, type MetadataDocument, type PageMetadata } from './pageMetadata.js';
import { removeChrome } from './removeChrome.js';

/** An article read from a web page: what the page says about it, and its body's paragraphs. */
export interface HtmlArticle {
  metadata: PageMetadata;
  /** The body's blocks (paragraphs, list items, headings, quotes, captions) in page order, whitespace collapsed. */
  paragraphs: string[];
  /**
   * What went wrong or was repaired while reading, one phrase each, for the warning that
   * names the page ("its markup nests 3,002 levels deep…", "reading it failed: …").
   */
  notes: string[];
}

const NO_METADATA: PageMetadata = { title: null, publisher: null, date: null, byline: null, url: null };
/**
 * The cleaned page's reading is taken when it keeps at least this share of the prose words
 * (in blocks that read as prose) Readability keeps from the raw page; below it, the cleaner removed article text with the
 * chrome and Readability's own reading is taken (measured with `npm run eval:extraction`).
 */
const CLEANED_MIN_SHARE = 0.8;
/** A notice ("Copyright … All rights reserved. This material may not be published…") is shorter than this. */
const NOTICE_MAX_WORDS = 30;

/**
 * Reads a web page, never throwing: its metadata (see `readPageMetadata`) and its article
 * body, found by Mozilla's Readability (Firefox Reader View) over a linkedom DOM after the
 * elements that are never article text (navigation, forms, dialogs, cookie banners,
 * comments, related lists, ads, sharing tools) are removed. When that cleaning removed
 * much of what Readability reads from the raw page, Readability's own reading is taken;
 * when neither finds an article, the page's main run of prose blocks (by text density,
 * as jusText does). Paragraphs come from the body's own blocks. Markup nested deeper than
 * `MAX_NESTING` is read as plain text below that depth, with a note.
 * @param baseUrl - Where the page came from, to make its relative URLs absolute.
 */
export function extractHtmlArticle(html: string, baseUrl?: string | null): HtmlArticle {
  const notes: string[] = [];
  const limited = limitNesting(html);
  if (limited.cut) notes.push(`its markup nests ${limited.deepest.toLocaleString('en-US')} levels deep, and what lies below level ${MAX_NESTING} was read as plain text`);
  let metadata = NO_METADATA;
  try {
    const page = parsePage(limited.html);
    metadata = readPageMetadata(page as unknown as MetadataDocument, baseUrl);
    const pageProse = proseWords(leafBlockTexts(page.body));
    removeChrome(page);
    let blocks = readabilityBlocks(page);
    // Readability's reading of the raw page is needed only when the cleaned one may have lost prose.
    if (proseWords(blocks) < CLEANED_MIN_SHARE * pageProse) {
      const fromRaw = readabilityBlocks(parsePage(limited.html));
      if (proseWords(blocks) < CLEANED_MIN_SHARE * proseWords(fromRaw)) blocks = fromRaw;
    }
    if (blocks.length === 0) blocks = proseRun(parsePage(limited.html).body);
    const title = metadata.title?.toLowerCase();
    const paragraphs = blocks.filter((text) => text.toLowerCase() !== title && !isNotice(text) && /[\p{L}\p{N}]/u.test(text));
    return { metadata, paragraphs, notes };
  } catch (error) {
    notes.push(`reading it failed: ${error instanceof Error ? error.message : String(error)}`);
    return { metadata, paragraphs: [], notes };
  }
}

/** A parsed page as a document with an `<html>` root whose content is all inside its `<body>`. */
interface PageDocument extends DomElement {
  documentElement: ParentNode | null;
  head: ParentNode | null;
  body: DomElement & ParentNode;
}

interface ParentNode {
  tagName?: string;
  childNodes: ArrayLike<unknown>;
  appendChild(node: unknown): unknown;
}

/**
 * Parses a page so that what it says is inside its `<body>`: a fragment with no `<html>`
 * (whose first element the parser would take as the root) is wrapped in one, and what the
 * parser left outside `<body>` on a page that has none is moved into it.
 */
function parsePage(html: string): PageDocument {
  let document = parseHTML(html).document as unknown as PageDocument;
  if (document.documentElement?.tagName !== 'HTML') document = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document as unknown as PageDocument;
  const { documentElement: root, head, body } = document;
  for (const child of Array.from(root?.childNodes ?? [])) if (child !== head && child !== body) body.appendChild(child);
  return document;
}

/** The blocks of the article Readability finds in a page (the page is changed), or none. */
function readabilityBlocks(document: DomElement): string[] {
  const reader = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
    serializer: (node) => node as unknown as DomElement,
  });
  const body = reader.parse()?.content;
  return body ? leafBlockTexts(body) : [];
}

/** The page's main run of prose blocks, chosen as jusText does (see `selectBodyBlocks`). */
function proseRun(body: DomElement | null): string[] {
  if (body === null) return [];
  const texts = leafBlockTexts(body);
  const kept = selectBodyBlocks(texts.map((text) => ({ text, lines: [text] })));
  return kept.map((index) => texts[index] ?? '').filter((text) => classifyBlock({ text, lines: [text] }) !== 'bad');
}

/** A short block that only a web page has ("Advertisement", "Copyright 2019 …"); a paragraph of prose that starts with a credit ("© Provided by …") is not one. */
function isNotice(text: string): boolean {
  return isJunkLine(text) && wordsOf(text) < NOTICE_MAX_WORDS;
}

function wordsOf(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** Words of the blocks that read as prose (jusText's good and near-good blocks). */
function proseWords(blocks: string[]): number {
  let words = 0;
  for (const text of blocks) {
    if (['good', 'near-good'].includes(classifyBlock({ text, lines: [text] }))) words += wordsOf(text);
  }
  return words;
}
