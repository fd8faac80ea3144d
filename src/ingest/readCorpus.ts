import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CorpusError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ArticleSource, SidecarMetadata } from './article.js';
import { decodeBytes, type DecodedText } from './decode.js';
import { listArticleFiles } from './listArticleFiles.js';
import { PDF_READING_VERSION, pdfMetadata, readPdf } from './pdfDocument.js';
import { parseSidecar, sidecarPathOf } from './sidecar.js';

/** One entry of a corpus with the fingerprint that tells whether it changed. */
export interface CorpusEntry {
  /** Stable key: the file path relative to the corpus, or `#id` for a JSONL record. */
  key: string;
  /** SHA-256 of the content (and sidecar), hex. */
  hash: string;
  source: ArticleSource;
}

/** The extensions of article files, a page's before a text's (the order a sidecar's article is looked for in). */
export const ARTICLE_EXTENSIONS: readonly string[] = ['.html', '.htm', '.txt', '.md', '.pdf'];
const ARTICLE_EXTENSION_SET: ReadonlySet<string> = new Set(ARTICLE_EXTENSIONS);
const HTML_EXTENSIONS = new Set(['.html', '.htm']);
/** The start of an HTML document (a page saved under another extension is still a page). */
const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>])/i;
/** The largest article file read; a larger one is refused whole, with a warning (never cut short). */
export const MAX_ARTICLE_BYTES = 64 * 1024 * 1024;

/**
 * Reads every article of a corpus: a folder (`.txt`/`.md`/`.html`/`.htm`/`.pdf` files,
 * recursively and through symbolic links, in path order, each with an optional
 * `NAME.meta.json`) or a `.jsonl` file of `{id, title, text}` records. Files are decoded
 * by `decodeBytes` (legacy encodings included). Unreadable, binary, empty or too large
 * files (and unreadable subfolders) are skipped with a warning naming them.
 * @throws CorpusError when the corpus is missing or holds no readable article.
 */
export async function readCorpus(corpusPath: string, logger: Logger): Promise<CorpusEntry[]> {
  const info = await stat(corpusPath).catch(() => undefined);
  if (!info) throw corpusNotFound(corpusPath);
  const entries = info.isDirectory() ? await readFolder(corpusPath, logger) : await readJsonl(corpusPath, logger);
  if (entries.length === 0) throw new CorpusError('CORPUS_EMPTY', corpusPath, `No readable article in ${corpusPath}.`);
  return entries;
}

/** The error for a corpus path where there is nothing, saying what a corpus may be. */
export function corpusNotFound(corpusPath: string): CorpusError {
  return new CorpusError('CORPUS_NOT_FOUND', corpusPath, `Corpus not found: ${corpusPath} (give a folder of .txt/.md articles or a .jsonl file).`);
}

async function readFolder(folder: string, logger: Logger): Promise<CorpusEntry[]> {
  const names = await listArticleFiles(folder, ARTICLE_EXTENSION_SET, logger);
  const entries: CorpusEntry[] = [];
  for (const name of names) {
    const entry = await readArticleFile(folder, name, logger).catch((error: unknown) => {
      // One file that fails in a way not foreseen (its decoding, its sidecar) never stops the rest.
      const file = path.relative(process.cwd(), path.join(folder, name)) || name;
      logger.warn(`Skipped ${file}: reading it failed (${error instanceof Error ? error.message : String(error)}).`, { file });
      return null;
    });
    if (entry) entries.push(entry);
  }
  return entries;
}

/** The entry of one article file of a corpus folder (`name` relative to `folder`), or null when it is skipped (named in a warning). */
export async function readArticleFile(folder: string, name: string, logger: Logger): Promise<CorpusEntry | null> {
  const fullPath = path.join(folder, name);
  const file = path.relative(process.cwd(), fullPath) || fullPath;
  let bytes: Buffer;
  try {
    const { size } = await stat(fullPath);
    if (size > MAX_ARTICLE_BYTES) {
      logger.warn(`Skipped ${file}: it is ${megabytes(size)}, more than the ${megabytes(MAX_ARTICLE_BYTES)} one article file may hold (split it into articles, or make it a .jsonl corpus of records).`, { file, bytes: size });
      return null;
    }
    bytes = await readFile(fullPath);
  } catch (error) {
    logger.warn(`Skipped ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, { file });
    return null;
  }
  const { sidecar, raw, charset } = await readSidecar(fullPath, file, logger);
  const extension = path.extname(name).toLowerCase();
  const articleId = name.slice(0, -extension.length).split(path.sep).join('/');
  if (extension === '.pdf') {
    const pdf = await readPdf(bytes);
    if (!pdf.ok) {
      logger.warn(`Skipped ${file}: ${pdf.reason}.`, { file });
      return null;
    }
    const { paragraphs, title } = pdf.text;
    return { key: name, hash: sha256(bytes, `${raw}\npdf:${PDF_READING_VERSION}`), source: { articleId, file, kind: 'clean', text: paragraphs.join('\n\n'), ...(title ? { title } : {}), sidecar: pdfMetadata(pdf.text, sidecar) } };
  }
  const isHtml = HTML_EXTENSIONS.has(extension) || (extension === '.txt' && HTML_START.test(bytes.subarray(0, 1024).toString('latin1')));
  const decoded = decodeBytes(bytes, { declaredCharset: charset, html: isHtml });
  if (decoded === null) {
    logger.warn(`Skipped ${file}: it is binary, not text.`, { file });
    return null;
  }
  const { text } = decoded;
  if (text.trim() === '') {
    logger.warn(`Skipped ${file}: it is empty.`, { file });
    return null;
  }
  reportDecoding(decoded, file, logger);
  const kind = isHtml ? 'html' : extension === '.md' ? 'markdown' : 'page';
  return {
    key: name,
    // The encoding read is part of the fingerprint: a file read differently than before is indexed again.
    hash: sha256(bytes, decoded.decodedBy === 'utf-8' ? raw : `${raw}\n${decoded.encoding}:${decoded.decodedBy}`),
    source: {
      articleId,
      file,
      kind,
      text,
      ...(sidecar ? { sidecar } : {}),
    },
  };
}

/** One line for a file that was not plain UTF-8: a warning when bytes were repaired or dropped, debug otherwise. */
function reportDecoding(decoded: DecodedText, file: string, logger: Logger): void {
  const { encoding, decodedBy, legacyBytes, dropped } = decoded;
  if (decodedBy === 'mixed' || dropped > 0) {
    const repaired = decodedBy === 'mixed' ? `read ${legacyBytes} byte(s) that are not UTF-8 as Windows-1252` : `read it as ${encoding}`;
    const lost = dropped > 0 ? `, dropped ${dropped} character(s) that ${encoding} does not define` : '';
    logger.warn(`Decoded ${file}: ${repaired}${lost}.`, { file, encoding, legacyBytes, dropped });
  } else if (decodedBy !== 'utf-8') {
    logger.debug(`Decoded ${file} as ${encoding} (${decodedBy}).`, { file, encoding });
  }
}

/**
 * The `NAME.meta.json` beside an article: the metadata that wins over what is detected,
 * and the `charset` a fetched page's HTTP header declared (`archivist add` writes it,
 * with `fetchedAt`, which is a record for people and not read).
 */
async function readSidecar(articlePath: string, file: string, logger: Logger): Promise<{ sidecar?: SidecarMetadata; raw: string; charset?: string }> {
  const raw = await readFile(sidecarPathOf(articlePath), 'utf8').catch(() => undefined);
  if (raw === undefined) return { raw: '' };
  const { sidecar, problems, charset } = parseSidecar(raw);
  if (problems.length > 0) logger.warn(`Ignored ${sidecar ? 'part of ' : ''}the sidecar of ${file}: ${problems.join('; ')}.`, { file });
  return { ...(sidecar ? { sidecar } : {}), raw, ...(charset === undefined ? {} : { charset }) };
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** JSONL lines parsed between two event-loop turns, so that reading a large corpus never holds the loop for long. */
const LINES_PER_TURN = 2000;

/**
 * SHA-256 of a single-file corpus's bytes, hex, hashed as it streams in (the event loop
 * stays free); undefined for a folder or a path that cannot be read (the caller then
 * reads the corpus as usual, and reports what is wrong).
 */
export async function fileDigest(corpusPath: string): Promise<string | undefined> {
  const info = await stat(corpusPath).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(corpusPath, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

async function readJsonl(file: string, logger: Logger): Promise<CorpusEntry[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CorpusError('CORPUS_UNREADABLE', file, `Cannot read corpus ${file}.`, { cause: error });
  }
  const entries: CorpusEntry[] = [];
  for (let lineIndex = 0, start = 0; start <= bytes.length; lineIndex++) {
    if (lineIndex > 0 && lineIndex % LINES_PER_TURN === 0) await nextTurn();
    const newline = bytes.indexOf(10, start);
    const end = newline < 0 ? bytes.length : newline;
    const lineBytes = bytes.subarray(start, end);
    start = end + 1;
    const entry = jsonlLineEntry(lineBytes, lineIndex + 1, file, logger);
    if (entry) entries.push(entry);
  }
  return entries;
}

/**
 * The entry of one line of a `.jsonl` corpus (`lineNumber` counts from 1), or null for a
 * blank line or one that is not a record (named in a warning). Its hash is that of the
 * line's UTF-8 text: its bytes as written, unless they are not valid UTF-8.
 */
export function jsonlLineEntry(lineBytes: Buffer, lineNumber: number, file: string, logger: Logger): CorpusEntry | null {
  const line = lineBytes.toString('utf8');
  if (line.trim() === '') return null;
  const record = parseRecord(line);
  if (!record) {
    logger.warn(`Skipped line ${lineNumber} of ${file}: not a JSON object with string id and text.`, { file, line: lineNumber });
    return null;
  }
  return {
    key: `#${record.id}`,
    hash: sha256(line.includes('\uFFFD') ? Buffer.from(line) : lineBytes),
    source: { articleId: record.id, file: null, kind: 'clean', text: record.text, ...(record.title ? { title: record.title } : {}) },
  };
}

function parseRecord(line: string): { id: string; title?: string; text: string } | null {
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    if (typeof value.id !== 'string' || typeof value.text !== 'string' || value.text.trim() === '') return null;
    return { id: value.id, text: value.text, ...(typeof value.title === 'string' ? { title: value.title } : {}) };
  } catch {
    return null;
  }
}

function sha256(bytes: Buffer, extra = ''): string {
  return createHash('sha256').update(bytes).update(extra).digest('hex');
}
