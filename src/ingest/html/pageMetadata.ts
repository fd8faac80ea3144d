/** The parts of a DOM the metadata reader uses (linkedom's document provides them). */
export interface MetadataDocument {
  querySelector(selector: string): MetadataElement | null;
  querySelectorAll(selector: string): Iterable<MetadataElement>;
}

interface MetadataElement {
  getAttribute(name: string): string | null;
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

/** schema.org types of a news or blog story (NewsArticle's subtypes included). */
const ARTICLE_TYPE = /^(?:\w*NewsArticle|Article|BlogPosting|Report|ScholarlyArticle|LiveBlogPosting)$/;

/**
 * Reads a page's metadata the way publishers write it, best source first: JSON-LD
 * `NewsArticle`/`Article` (`headline`, `datePublished`, `author`, `publisher.name`, `url`),
 * then OpenGraph and `article:*` meta tags and the common name-meta tags, then
 * `<link rel="canonical">`, `<time datetime>` and `<title>`.
 * @param baseUrl - Where the page came from, to make relative URLs absolute.
 */
export function readPageMetadata(document: MetadataDocument, baseUrl?: string | null): PageMetadata {
  const article = jsonLdArticle(document);
  const meta = (...keys: string[]) => metaContent(document, keys);
  const jsonLd = article ? fromJsonLd(article.node, article.graph) : { title: null, publisher: null, date: null, byline: null, url: null };
  const timeElement = document.querySelector('article time[datetime], time[pubdate][datetime], time[itemprop="datePublished"][datetime], time[datetime]');
  return {
    title: jsonLd.title ?? meta('og:title', 'twitter:title', 'dc.title', 'parsely-title') ?? documentTitle(document),
    publisher: jsonLd.publisher ?? meta('og:site_name', 'application-name', 'publisher', 'dc.publisher'),
    date: jsonLd.date ?? isoDate(meta('article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'dc.date.issued', 'parsely-pub-date', 'sailthru.date')) ?? isoDate(timeElement?.getAttribute('datetime')),
    byline: jsonLd.byline ?? nonUrl(meta('author', 'article:author', 'byl', 'parsely-author', 'dc.creator', 'sailthru.author'))?.replace(/^By\s+/i, '') ?? null,
    url: absoluteUrl(document.querySelector('link[rel~="canonical"]')?.getAttribute('href'), baseUrl) ?? absoluteUrl(meta('og:url'), baseUrl) ?? absoluteUrl(jsonLd.url, baseUrl),
  };
}

/** The first meta tag's content among `keys` (matched on `property`, `name` or `itemprop`, case-insensitively), trimmed; null when none has one. */
function metaContent(document: MetadataDocument, keys: string[]): string | null {
  const wanted = keys.map((key) => key.toLowerCase());
  const found = new Map<string, string>();
  for (const element of document.querySelectorAll('meta[content]')) {
    const key = (element.getAttribute('property') ?? element.getAttribute('name') ?? element.getAttribute('itemprop'))?.toLowerCase();
    const content = element.getAttribute('content')?.replace(/\s+/g, ' ').trim();
    if (key && content && !found.has(key)) found.set(key, content);
  }
  for (const key of wanted) {
    const value = found.get(key);
    if (value) return value;
  }
  return null;
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
      parsed = JSON.parse(script.textContent ?? '');
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

function fromJsonLd(node: JsonObject, graph: JsonObject[]): PageMetadata {
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
    date: isoDate(text(node.datePublished) ?? text(node.dateCreated)),
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

/** `YYYY-MM-DD` from an ISO-8601 date or date-time, as written (no time-zone shift); null otherwise. */
function isoDate(value: string | null | undefined): string | null {
  const match = /^\s*(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s])/.exec(value ?? '');
  if (!match) return null;
  const [, year, month, day] = match;
  return Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= 31 ? `${year}-${month}-${day}` : null;
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
