import * as chrono from 'chrono-node';
import { isoDate, publicationDay, urlDay } from './pageDate.js';

/** The parts of a DOM the metadata reader uses (linkedom's document provides them). */
export interface MetadataDocument {
  querySelector(selector: string): MetadataElement | null;
  querySelectorAll(selector: string): Iterable<MetadataElement>;
}

interface MetadataElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): MetadataElement | null;
  textContent: string | null;
}

/** What a web page says about its article; null where it says nothing. */
export interface PageMetadata {
  title: string | null;
  publisher: string | null;
  /** ISO date (YYYY-MM-DD) of publication, as the page writes it (its own time zone). */
  date: string | null;
  byline: string | null;
  /** The page's own URL: `<link rel="canonical">`, `og:url`, or the JSON-LD `url`, made absolute. */
  url: string | null;
}

type JsonObject = Record<string, unknown>;

/** What an article's JSON-LD says, its dates as written. */
interface JsonLdFacts {
  title: string | null;
  publisher: string | null;
  published: string | null;
  created: string | null;
  byline: string | null;
  url: string | null;
}

const NO_JSON_LD: JsonLdFacts = { title: null, publisher: null, published: null, created: null, byline: null, url: null };
/** Meta tags (`property`, `name` or `itemprop`) that carry the publication date, best first. */
const DATE_META = ['article:published_time', 'og:article:published_time', 'og:published_time', 'datePublished', 'parsely-pub-date', 'sailthru.date', 'dc.date', 'dc.date.issued', 'dcterms.date', 'dcterms.created', 'pubdate', 'publishdate', 'publish-date', 'date'];
/** Meta tags that carry the author's name, best first. */
const AUTHOR_META = ['author', 'article:author', 'og:article:author', 'byl', 'parsely-author', 'dc.creator', 'dcterms.creator', 'sailthru.author'];
/** Elements that may name the author: schema.org microdata, `rel=author` links, and classes or ids with the word "byline" or "author". */
const AUTHOR_ELEMENTS = '[itemprop~="author"], [rel~="author"], [class*="byline"], [class*="Byline"], [class*="author"], [class*="Author"], [id*="byline"], [id*="author"]';
const AUTHOR_WORD = /^(?:byline|author)$/i;
/** Words a list of names may hold besides the names (all capitalised otherwise). */
const NAME_LINKS = new Set(['and', '&', 'de', 'da', 'del', 'der', 'van', 'von', 'la', 'le', 'bin', 'al']);

/** schema.org types of a news or blog story (NewsArticle's subtypes included). */
const ARTICLE_TYPE = /^(?:\w*NewsArticle|Article|BlogPosting|Report|ScholarlyArticle|LiveBlogPosting)$/;

/**
 * Reads a page's metadata the way publishers write it, best source first: JSON-LD
 * `NewsArticle`/`Article` (`headline`, `datePublished`, `author`, `publisher.name`, `url`),
 * then OpenGraph and `article:*` meta tags and the common name-meta tags (`parsely-*`,
 * `sailthru.*`, Dublin Core), then microdata (`itemprop="datePublished"`/`"author"`),
 * `rel="author"` and byline elements, `<link rel="canonical">`, a `<time>` in the
 * article's header, the date in the URL's path (see `publicationDay`, `urlDay`) and `<title>`.
 * @param baseUrl - Where the page came from, to make relative URLs absolute.
 */
export function readPageMetadata(document: MetadataDocument, baseUrl?: string | null): PageMetadata {
  const article = jsonLdArticle(document);
  const metaTags = metaTagsOf(document);
  const meta = (...keys: string[]) => keys.map((key) => metaTags.get(key.toLowerCase())).find((value) => value !== undefined) ?? null;
  const jsonLd = article ? fromJsonLd(article.node, article.graph) : NO_JSON_LD;
  const url = absoluteUrl(document.querySelector('link[rel~="canonical"]')?.getAttribute('href'), baseUrl) ?? absoluteUrl(meta('og:url'), baseUrl) ?? absoluteUrl(jsonLd.url, baseUrl);
  const attribute = (selector: string, name: string) => document.querySelector(selector)?.getAttribute(name);
  const date =
    publicationDay([
      jsonLd.published,
      ...DATE_META.map((key) => meta(key)),
      attribute('[itemprop~="datePublished"][content]', 'content') ?? attribute('[itemprop~="datePublished"][datetime]', 'datetime'),
      jsonLd.created,
      attribute('article header time[datetime], time[pubdate][datetime], article time[datetime]', 'datetime'),
    ]) ??
    urlDay(url ?? baseUrl) ??
    isoDate(attribute('time[datetime]', 'datetime'));
  return {
    title: jsonLd.title ?? meta('og:title', 'twitter:title', 'dc.title', 'parsely-title') ?? documentTitle(document),
    publisher: jsonLd.publisher ?? meta('og:site_name', 'application-name', 'publisher', 'dc.publisher'),
    date,
    byline: jsonLd.byline ?? AUTHOR_META.map((key) => authorName(nonUrl(meta(key)))).find((name) => name !== null) ?? elementByline(document),
    url,
  };
}

/** The first author an element names (microdata, `rel=author`, a "byline" or "author" class), in document order. */
function elementByline(document: MetadataDocument): string | null {
  for (const element of document.querySelectorAll(AUTHOR_ELEMENTS)) {
    const itemprop = /(?:^|\s)author(?:\s|$)/.test(element.getAttribute('itemprop') ?? '');
    const named = itemprop || /(?:^|\s)author(?:\s|$)/.test(element.getAttribute('rel') ?? '') || `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.split(/[\s_-]+/).some((word) => AUTHOR_WORD.test(word));
    if (!named) continue;
    const nameElement = itemprop ? element.querySelector('[itemprop~="name"]') : null;
    const text = element.getAttribute('content') ?? nameElement?.getAttribute('content') ?? (nameElement ?? element).textContent;
    const name = authorName(text);
    if (name !== null) return name;
  }
  return null;
}

/**
 * An author's name from a byline as written: "By" dropped, and what follows the name cut
 * off (a date, a time, a role after a comma, a bullet or bar); null unless what is left
 * reads as a name: up to eight capitalised words ("Jane Doe", "Stella Kim and Jennifer Jett").
 */
function authorName(text: string | null | undefined): string | null {
  let name = (text ?? '').replace(/\s+/g, ' ').trim().replace(/^by\b:?\s*/i, '');
  const date = chrono.parse(name)[0];
  if (date) name = name.slice(0, date.index);
  name = (name.split(/\s*(?:[,•|·@(\d]|\s[-–—]\s)/)[0] ?? '').trim();
  const words = name.split(' ');
  if (name === '' || words.length > 8 || !/^\p{Lu}/u.test(name)) return null;
  return words.every((word) => /^\p{Lu}/u.test(word) || NAME_LINKS.has(word.toLowerCase())) ? name : null;
}

/** The page's meta tags, by `property`, `name` or `itemprop` (lower-case), each with its first non-empty content, trimmed. */
function metaTagsOf(document: MetadataDocument): Map<string, string> {
  const found = new Map<string, string>();
  for (const element of document.querySelectorAll('meta[content]')) {
    const key = (element.getAttribute('property') ?? element.getAttribute('name') ?? element.getAttribute('itemprop'))?.toLowerCase();
    const content = element.getAttribute('content')?.replace(/\s+/g, ' ').trim();
    if (key && content && !found.has(key)) found.set(key, content);
  }
  return found;
}

/** `<title>`, without the " | Site" or " - Site" tail most sites add. */
function documentTitle(document: MetadataDocument): string | null {
  const title = document.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim();
  if (!title) return null;
  const parts = title.split(/\s+[|–—:-]\s+/);
  const longest = parts.reduce((best, part) => (part.split(' ').length > best.split(' ').length ? part : best), '');
  return parts.length > 1 && longest.split(' ').length >= 3 ? longest : title;
}

/** The first JSON-LD object of an article type, with the graph it sits in (to follow `@id` references). */
function jsonLdArticle(document: MetadataDocument): { node: JsonObject; graph: JsonObject[] } | null {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    } catch {
      continue;
    }
    const graph = flattenGraph(parsed);
    const node = graph.find((item) => typesOf(item).some((type) => ARTICLE_TYPE.test(type)));
    if (node) return { node, graph };
  }
  return null;
}

/** Every object of a JSON-LD document: arrays and `@graph` lists opened. */
function flattenGraph(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.flatMap(flattenGraph);
  if (!isObject(value)) return [];
  const graph = value['@graph'];
  return [value, ...(graph === undefined ? [] : flattenGraph(graph))];
}

function typesOf(node: JsonObject): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((each): each is string => typeof each === 'string');
}

function fromJsonLd(node: JsonObject, graph: JsonObject[]): JsonLdFacts {
  /** A value, or the graph's node it references by `@id`. */
  const resolve = (value: unknown): unknown => {
    if (!isObject(value) || typeof value['@id'] !== 'string' || Object.keys(value).length > 1) return value;
    return graph.find((item) => item['@id'] === value['@id'] && item !== value) ?? value;
  };
  const nameOf = (value: unknown): string | null => {
    const resolved = resolve(Array.isArray(value) ? value[0] : value);
    if (typeof resolved === 'string') return text(resolved);
    return isObject(resolved) ? text(resolved.name) : null;
  };
  const authors = (Array.isArray(node.author) ? node.author : [node.author]).map(nameOf).filter((name): name is string => name !== null);
  const url = node.url ?? (isObject(node.mainEntityOfPage) ? node.mainEntityOfPage['@id'] : node.mainEntityOfPage);
  return {
    title: text(node.headline) ?? text(node.name),
    publisher: nameOf(node.publisher) ?? nameOf(node.sourceOrganization),
    published: text(node.datePublished),
    created: text(node.dateCreated),
    byline: authors.length > 0 ? authors.join(', ') : null,
    url: typeof url === 'string' ? url : null,
  };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? null : trimmed;
}

/** An author meta tag holds a name or a profile URL; only a name is a byline. */
function nonUrl(value: string | null): string | null {
  return value !== null && /^https?:\/\//i.test(value) ? null : value;
}

/** An http(s) URL made absolute against `base`, its fragment dropped; null when it is not one. */
function absoluteUrl(value: string | null | undefined, base?: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base ?? undefined);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}
