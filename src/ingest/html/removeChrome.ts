import type { DomElement } from './pageDom.js';

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
/** A paragraph of at least this many characters is prose (a caption, a teaser or a notice is shorter). */
const PROSE_CHARS = 80;
/**
 * An element whose class names chrome but that holds at least this share of the page's
 * prose holds the article (`<div class="text-wrapper" id="gigya-share-btns-2_…">`): it stays.
 */
const ARTICLE_PROSE_SHARE = 0.5;

/**
 * Removes what is never article text (see `NEVER_TEXT`) and the elements whose class or id
 * names chrome, sparing the document's frame, any element that holds the page's
 * `<article>` (or `articleBody`, or `<main>`), and any element named like chrome that
 * holds most of the page's prose.
 */
export function removeChrome(root: DomElement): void {
  const article = root.querySelector('[itemprop="articleBody"], article') ?? root.querySelector('main');
  const doomed = [...root.querySelectorAll(NEVER_TEXT)];
  const named: DomElement[] = [];
  for (const element of root.querySelectorAll('[class], [id]')) {
    const words = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.split(/\s+/);
    if (words.some((word) => CHROME_NAME.test(word))) named.push(element);
  }
  const pageProse = proseLength(root);
  const holdsArticle = (element: DomElement) =>
    STRUCTURAL_TAGS.has(element.tagName.toLowerCase()) || (article !== null && element.contains(article));
  for (const element of doomed) if (!holdsArticle(element)) element.remove();
  for (const element of named) {
    if (holdsArticle(element) || (pageProse > 0 && proseLength(element) >= ARTICLE_PROSE_SHARE * pageProse)) continue;
    element.remove();
  }
}

/** Characters of the prose paragraphs (`<p>` of `PROSE_CHARS` or more) under an element. */
function proseLength(element: DomElement): number {
  let length = 0;
  for (const paragraph of element.querySelectorAll('p')) {
    const text = (paragraph.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length >= PROSE_CHARS) length += text.length;
  }
  return length;
}
