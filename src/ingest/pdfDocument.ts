import { createHash } from 'node:crypto';
import * as chrono from 'chrono-node';
import type { SidecarMetadata } from './article.js';
import { detectByline, detectDate, detectTitle } from './metadata.js';
import { paragraphsOf, type TextRun } from './pdfLayout.js';

/** What is read from a PDF's text layer and its document info. */
export interface PdfText {
  title: string | null;
  /** `YYYY-MM-DD`. */
  date: string | null;
  byline: string | null;
  paragraphs: string[];
}

/** A PDF read, or why it gives no article (one phrase, for a warning). */
export type PdfReading = { ok: true; text: PdfText } | { ok: false; reason: string };

/** Lines at the head of a document where a title, date and byline are looked for when its info names none. */
const HEAD_PARAGRAPHS = 6;
/** Bumped whenever the same PDF would be read differently: it is part of a PDF entry's fingerprint, so saved indexes read their PDFs again. */
export const PDF_READING_VERSION = 1;
/** The longest first paragraph taken as a title. */
const MAX_TITLE_CHARS = 200;
/** The longest line at a document's head read as its dateline. */
const MAX_DATELINE_CHARS = 80;
/** Titles that tools write, not authors: `Untitled`, `Microsoft Word - report.docx`, a file name. */
const TOOL_TITLE = /^(?:untitled\b|microsoft (?:word|powerpoint) - |.*\.(?:docx?|odt|rtf|pdf|indd|pages|tex)$)/i;
/** PDF documents read before, by the SHA-256 of their bytes: a reload reads a folder again, and only a changed PDF is parsed again. */
const readBefore = new Map<string, PdfReading>();
const MAX_REMEMBERED = 256;

/**
 * Reads a PDF's text with Mozilla's PDF.js (the Node legacy build, pure JavaScript):
 * paragraphs rebuilt from the text lines of every page (`paragraphsOf`), the title and
 * date from the document info (`Title`, `CreationDate`), else from its first lines, the
 * byline from its first lines, else the info's `Author`. Never throws: a file PDF.js
 * cannot open, an encrypted one, and one with no text layer (a scan) give the reason instead.
 */
export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  const digest = createHash('sha256').update(bytes).digest('hex');
  const known = readBefore.get(digest);
  if (known) return known;
  const reading = await parsePdf(bytes);
  if (readBefore.size >= MAX_REMEMBERED) readBefore.delete(readBefore.keys().next().value as string);
  readBefore.set(digest, reading);
  return reading;
}

async function parsePdf(bytes: Uint8Array): Promise<PdfReading> {
  // Loaded when a PDF is met: a corpus without one never pays for it.
  const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // PDF.js takes ownership of the buffer it is given: it gets a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: VerbosityLevel.ERRORS });
  try {
    const document = await task.promise;
    const pages: TextRun[][] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pages.push(content.items.flatMap((item) => ('str' in item ? [{ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width, size: Math.hypot(item.transform[2] as number, item.transform[3] as number) || item.height, endsLine: item.hasEOL }] : [])));
      page.cleanup();
    }
    const paragraphs = paragraphsOf(pages);
    if (paragraphs.length === 0) {
      return { ok: false, reason: `it is a PDF with no text layer (${document.numPages === 1 ? 'its page is' : `its ${document.numPages} pages are`} images, as in a scan): run it through OCR, or add its text as a .txt file` };
    }
    const { info } = (await document.getMetadata().catch(() => ({ info: {} }))) as { info: Record<string, unknown> };
    return { ok: true, text: describe(paragraphs, info) };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') return { ok: false, reason: 'it is a PDF protected by a password' };
    return { ok: false, reason: `it could not be read as a PDF (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    await task.destroy();
  }
}

/** Title, date and byline: the document info's when it has them, else from the first paragraphs. */
function describe(paragraphs: string[], info: Record<string, unknown>): PdfText {
  const head = paragraphs.slice(0, HEAD_PARAGRAPHS);
  const infoTitle = text(info.Title);
  const headingTitle = paragraphs.length > 1 ? detectTitle(head.slice(0, 2).filter((paragraph) => paragraph.length <= MAX_TITLE_CHARS).map((paragraph) => ({ text: paragraph, lines: [paragraph] }))) : null;
  return {
    title: infoTitle !== null && !TOOL_TITLE.test(infoTitle) ? infoTitle : headingTitle,
    date: pdfDate(info.CreationDate) ?? detectDate(head) ?? dateLine(head),
    byline: detectByline(head) ?? text(info.Author),
    paragraphs,
  };
}

/** The date and byline a PDF gives, under what a sidecar states (the sidecar wins). */
export function pdfMetadata(pdf: PdfText, sidecar: SidecarMetadata | undefined): SidecarMetadata {
  const found: SidecarMetadata = {};
  if (pdf.date !== null) found.date = pdf.date;
  if (pdf.byline !== null) found.byline = pdf.byline;
  return { ...found, ...sidecar };
}

/** The date of a short line that gives a full one (`July 17, 2013`, `WASHINGTON, 17 July 2013 —`), as `YYYY-MM-DD`. */
function dateLine(paragraphs: readonly string[]): string | null {
  for (const paragraph of paragraphs) {
    if (paragraph.length > MAX_DATELINE_CHARS) continue;
    const date = chrono.strict.parse(paragraph).find(({ start }) => start.isCertain('year') && start.isCertain('month') && start.isCertain('day'))?.start;
    if (date) return `${date.get('year')}-${String(date.get('month')).padStart(2, '0')}-${String(date.get('day')).padStart(2, '0')}`;
  }
  return null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** `YYYY-MM-DD` of a PDF date (`D:20130717120000Z`, `D:2013-07-17`), or null when it is not a real date. */
function pdfDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(?:D:)?(\d{4})-?(\d{2})-?(\d{2})/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}
