import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { isJunkLine } from '../boilerplate.js';
import { readPageMetadata, type MetadataDocument, type PageMetadata } from './pageMetadata.js';

/** An article read from a web page: what the page says about it, and its body's paragraphs. */
export interface HtmlArticle {
  metadata: PageMetadata;
  /** The body's blocks (paragraphs, list items, headings, quotes, captions) in page order, whitespace collapsed. */
  paragraphs: string[];
}

/** Elements that are never article text, whatever the page's markup says. */
const NEVER_TEXT = 'script, style, noscript, template, iframe, object, embed, svg, canvas, nav, aside, form, button, select, dialog, [hidden], [aria-modal="true"], [role="navigation"], [role="complementary"], [role="dialog"], [role="alertdialog"], [role="search"], [role="menu"], [role="menubar"]';
/**
 * A class or id that names page chrome, as one of its dash-separated words: navigation
 * and menus, headers and footers, cookie and consent banners, newsletter and paywall
 * prompts, bylines, comments, related and most-read lists, ads, sharing tools. Readability
 * spares any element whose class also says "content" or "main" ("related-content"), so
 * these are removed before it runs.
 */
const CHROME_NAME =
  /(?:^|[-_])(?:nav|navbar|navigation|menu|mega-menu|breadcrumbs?|skip-link|masthead|header|footer|foot|toolbar|cookies?|consent|gdpr|newsletters?|subscribe|subscription|signup|paywall|regwall|byline|dateline|comments?|disqus|related|recommended|recirc|more-stories|most-read|most-popular|mostpopular|popular|trending|promo|adverts?|advertisement|ads?|dfp|sponsored|outbrain|taboola|share|sharing|sharetools|social|popup|modal|banner)(?:$|[-_])/i;
/** The document's own frame: never removed, whatever its class says (`<html class="html_header_top">`). */
const STRUCTURAL_TAGS: ReadonlySet<string> = new Set(['html', 'head', 'body']);
/** The blocks a body is cut into. */
const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, figcaption, dt, dd';

interface DomElement {
  tagName: string;
  textContent: string | null;
  parentElement: DomElement | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  contains(other: DomElement): boolean;
  remove(): void;
}

/**
 * Reads a web page: its metadata (see `readPageMetadata`) and its article body, found by
 * Mozilla's Readability (Firefox Reader View) over a linkedom DOM after the elements that
 * are never article text (navigation, forms, dialogs, cookie banners, comments, related
 * lists, ads, sharing tools) are removed. Paragraphs come from the body's own blocks.
 * @param baseUrl - Where the page came from, to make its relative URLs absolute.
 */
export function extractHtmlArticle(html: string, baseUrl?: string | null): HtmlArticle {
  const { document } = parseHTML(html);
  const metadata = readPageMetadata(document as unknown as MetadataDocument, baseUrl);
  const root = document as unknown as DomElement;
  removeChrome(root);
  const reader = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
    serializer: (node) => node as unknown as DomElement,
    charThreshold: 200,
  });
  const body = reader.parse()?.content;
  if (!body) return { metadata, paragraphs: [] };
  const title = metadata.title?.toLowerCase();
  const paragraphs = leafBlocks(body)
    .map((block) => (block.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((text) => text !== '' && text.toLowerCase() !== title && !isJunkLine(text) && /[\p{L}\p{N}]/u.test(text));
  return { metadata, paragraphs };
}

/** Removes what is never article text, sparing any element that holds the article itself. */
function removeChrome(root: DomElement): void {
  const article = root.querySelector('[itemprop="articleBody"], article') ?? root.querySelector('main');
  const doomed = [...root.querySelectorAll(NEVER_TEXT)];
  for (const element of root.querySelectorAll('[class], [id]')) {
    const words = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.split(/\s+/);
    if (words.some((word) => CHROME_NAME.test(word))) doomed.push(element);
  }
  for (const element of doomed) {
    if (STRUCTURAL_TAGS.has(element.tagName.toLowerCase())) continue;
    if (article && (element.contains(article) || element === article)) continue;
    element.remove();
  }
}

/** The body's blocks that hold no other block, in document order. */
function leafBlocks(body: DomElement): DomElement[] {
  const blocks = [...body.querySelectorAll(BLOCKS)];
  return blocks.filter((block) => block.querySelector(BLOCKS) === null);
}
