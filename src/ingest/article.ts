import { splitBlocks, type Block } from './blocks.js';
import { selectBodyBlocks, classifyBlock } from './boilerplate.js';
import { extractHtmlArticle } from './html/htmlArticle.js';
import { detectByline, detectDate, detectPublisher, detectTitle } from './metadata.js';
import { stripInvisible } from '../text/normalize.js';

/** An article ready to index: clean paragraphs and what is known about it. */
export interface Article {
  articleId: string;
  /** Path relative to the working directory, or null for a JSONL record. */
  file: string | null;
  title: string | null;
  publisher: string | null;
  date: string | null;
  byline: string | null;
  url: string | null;
  paragraphs: string[];
}

/** Metadata a user states in a `NAME.meta.json` sidecar; it wins over what is detected. */
export interface SidecarMetadata {
  title?: string;
  publisher?: string;
  date?: string;
  url?: string;
  byline?: string;
}

/** The raw material of one article. */
export interface ArticleSource {
  articleId: string;
  file: string | null;
  /** `html`: a web page (markup); `page`: a scraped page as text (junk to remove); `markdown`: a .md file; `clean`: text known to be article text only. */
  kind: 'html' | 'page' | 'markdown' | 'clean';
  text: string;
  /** A title given with the text (JSONL records). */
  title?: string;
  sidecar?: SidecarMetadata;
}

/**
 * Text of this many characters or more is taken as a document (a book, a report, a dump of
 * many articles), not as a web page: it is indexed whole, every paragraph, because the
 * page cleaner keeps one main region and would drop nearly all of it. Its title, date and
 * byline are looked for in its first blocks only.
 */
export const WHOLE_TEXT_CHARS = 1_000_000;
/** Blocks at the head of a document where its title, date, byline and publisher are looked for. */
const DOCUMENT_HEAD_BLOCKS = 10;

/** What the page cleaner left out of an article, when it is most of the text that reads as prose. */
export interface DroppedText {
  /** Paragraphs (blocks) kept and found. */
  kept: number;
  total: number;
  /** Share of the file's characters left out, 0 to 1. */
  droppedShare: number;
}

/**
 * Turns a source into an article: junk removed (for scraped pages), paragraphs cut at
 * blank lines, title, byline, date and publisher detected, sidecar metadata applied.
 */
export function buildArticle(source: ArticleSource): Article {
  return readArticle(source).article;
}

/** An article as read, with what a warning about it must say. */
export interface ReadArticle {
  article: Article;
  /** What the page cleaner dropped when that is most of the file's prose (blocks its classifier reads as article text); null otherwise. */
  dropped: DroppedText | null;
  /** What went wrong or was repaired while reading, one phrase each (a page nested too deep, a reader that failed). */
  notes: string[];
}

/**
 * `buildArticle`, with what the warning about it must say. It never throws: a source that
 * cannot be read gives an article without paragraphs and a note saying why.
 */
export function readArticle(source: ArticleSource): ReadArticle {
  try {
    if (source.kind === 'html') return buildHtmlArticle(source);
    return { ...readTextArticle(source), notes: [] };
  } catch (error) {
    const { title, publisher, date, url, byline } = source.sidecar ?? {};
    const article = { articleId: source.articleId, file: source.file, title: title ?? source.title ?? null, publisher: publisher ?? null, date: date ?? null, byline: byline ?? null, url: url ?? null, paragraphs: [] };
    return { article, dropped: null, notes: [`reading it failed: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

/**
 * The one warning an article read needs, naming `file`: why it is skipped (no paragraphs),
 * or what was repaired while reading it; null when there is nothing to say. (What the page
 * cleaner dropped from a text file has a warning of its own.)
 */
export function readingWarning(file: string, { article, notes }: Pick<ReadArticle, 'article' | 'notes'>): string | null {
  if (article.paragraphs.length === 0) return `Skipped ${file}: no article text found in it${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`;
  return notes.length > 0 ? `Read ${file} in part: ${notes.join('; ')}.` : null;
}

function readTextArticle(source: ArticleSource): { article: Article; dropped: DroppedText | null } {
  const text = stripInvisible(source.kind === 'markdown' ? stripMarkdown(source.text) : source.text);
  const blocks = splitBlocks(text);
  const whole = source.kind === 'clean' || text.length >= WHOLE_TEXT_CHARS;
  const bodyIndices = whole ? blocks.map((_, index) => index) : selectBody(blocks);
  const firstBody = whole ? Math.min(DOCUMENT_HEAD_BLOCKS, blocks.length) : (bodyIndices[0] ?? blocks.length);
  const head = whole ? blocks.slice(0, DOCUMENT_HEAD_BLOCKS) : blocks;
  const allLines = head.flatMap((block) => block.lines);
  const body = bodyIndices.map((index) => blocks[index]).filter((block): block is Block => block !== undefined);
  const detectedTitle = source.title ?? (source.kind === 'markdown' ? markdownHeading(source.text) : null) ?? (source.kind === 'clean' ? null : detectTitle(blocks.slice(0, firstBody)));
  const sidecar = source.sidecar ?? {};
  const article: Article = {
    articleId: source.articleId,
    file: source.file,
    title: sidecar.title ?? detectedTitle,
    publisher: sidecar.publisher ?? (source.kind === 'clean' ? null : detectPublisher(allLines)),
    date: sidecar.date ?? (source.kind === 'clean' ? null : detectDate(blocks.slice(0, firstBody + 3).flatMap((block) => block.lines))),
    byline: sidecar.byline ?? (source.kind === 'clean' ? null : detectByline(blocks.slice(0, firstBody + 2).flatMap((block) => block.lines))),
    url: sidecar.url ?? null,
    paragraphs: body.map((block) => block.text).filter((paragraph) => paragraph !== detectedTitle),
  };
  return { article, dropped: whole ? null : mostlyDropped(blocks, new Set(bodyIndices)) };
}

/** What was dropped, when the kept blocks hold less than half of the characters of the blocks that read as prose. */
function mostlyDropped(blocks: Block[], kept: ReadonlySet<number>): DroppedText | null {
  let prose = 0;
  let proseKept = 0;
  let all = 0;
  let allKept = 0;
  blocks.forEach((block, index) => {
    const length = block.text.length;
    const readsAsProse = ['good', 'near-good'].includes(classifyBlock(block));
    all += length;
    if (readsAsProse) prose += length;
    if (kept.has(index)) {
      allKept += length;
      if (readsAsProse) proseKept += length;
    }
  });
  if (prose === 0 || proseKept * 2 >= prose) return null;
  return { kept: kept.size, total: blocks.length, droppedShare: 1 - allKept / all };
}

/**
 * A web page's article: the body's own blocks as paragraphs, metadata from its JSON-LD,
 * meta tags, canonical link, `<time>` and `<title>` (a dateline or "By …" paragraph when
 * the markup names no date or author), the sidecar winning over all of it.
 */
function buildHtmlArticle(source: ArticleSource): ReadArticle {
  const sidecar = source.sidecar ?? {};
  const { metadata, paragraphs, notes } = extractHtmlArticle(source.text, sidecar.url ?? null);
  const body = paragraphs.map(stripInvisible);
  const opening = body.slice(0, 3);
  const byline = metadata.byline ?? detectByline(opening);
  const article: Article = {
    articleId: source.articleId,
    file: source.file,
    title: sidecar.title ?? metadata.title,
    publisher: sidecar.publisher ?? metadata.publisher,
    date: sidecar.date ?? metadata.date ?? detectDate(opening),
    byline: sidecar.byline ?? byline,
    url: sidecar.url ?? metadata.url,
    paragraphs: body.filter((paragraph) => !/^By\s/.test(paragraph) || detectByline([paragraph]) === null),
  };
  return { article, dropped: null, notes };
}

/** Body blocks of a page; when no block reads as article text, every block that ends like a sentence. */
function selectBody(blocks: Block[]): number[] {
  const body = selectBodyBlocks(blocks);
  if (body.length > 0) return body;
  return blocks.flatMap((block, index) => (classifyBlock(block) !== 'bad' && /[.!?"”]$/.test(block.text) ? [index] : []));
}

/** The text of a Markdown file's first top-level heading, inline marks removed. */
function markdownHeading(markdown: string): string | null {
  const heading = /^#\s+(.+)$/m.exec(markdown)?.[1];
  return heading ? stripMarkdown(heading).trim() : null;
}

/** Markdown to plain text: heading marks, emphasis, inline code and link targets removed. */
function stripMarkdown(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/^>\s?/gm, '');
}
