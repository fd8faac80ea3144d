import { isUtf8 as isValidUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';

/** How the bytes were turned into text. */
export type DecodedBy =
  /** A byte order mark named the encoding. */
  | 'bom'
  /** The HTTP header (kept in the sidecar) or the page's `<meta charset>` named it. */
  | 'declared'
  /** The bytes are valid UTF-8. */
  | 'utf-8'
  /** UTF-8 with some bytes that are not (text pasted from a legacy file): those bytes read as Windows-1252. */
  | 'mixed'
  /** No declaration and not UTF-8: the encoding was detected from the bytes. */
  | 'detected';

/** Text decoded from a file's bytes, and what was done to get it. */
export interface DecodedText {
  text: string;
  /** The WHATWG/iconv name of the encoding read, e.g. `utf-8`, `windows-1252`. */
  encoding: string;
  decodedBy: DecodedBy;
  /** Bytes of a mixed file that were not UTF-8 and were read as Windows-1252. */
  legacyBytes: number;
  /** Characters that no encoding could map (U+FFFD) and that were dropped. */
  dropped: number;
}

/** What a caller knows about the bytes besides the bytes themselves. */
export interface DecodeHints {
  /** A charset from outside the file: the HTTP `Content-Type` header a fetched page came with. */
  declaredCharset?: string | undefined;
  /** Look for `<meta charset>` / `<meta http-equiv="Content-Type">` in the first bytes (HTML files). */
  html?: boolean;
}

/** How far into a page the `<meta charset>` declaration is looked for (the HTML standard's prescan reads 1,024 bytes; pages saved by editors often put it later). */
const META_PRESCAN_BYTES = 4096;
/** The least confidence (0–100) at which chardet's guess is taken; below it, Windows-1252, the web's default for undeclared legacy text. */
const MIN_DETECTION_CONFIDENCE = 50;
/** Labels that the WHATWG Encoding Standard reads as Windows-1252 (a superset: 0x80–0x9F are printable there). */
const WINDOWS_1252_LABELS = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'cp819', 'ibm819', 'us-ascii', 'ascii', 'ansi_x3.4-1968', 'iso-ir-100', 'cp1252', 'x-cp1252', 'windows-1252']);


/**
 * Turns a file's bytes into text: a byte order mark wins, then a declared charset (the
 * HTTP header, an XML declaration, an HTML page's `<meta charset>`), then valid UTF-8; otherwise the
 * legacy encoding is detected (chardet) and decoded (iconv-lite). A UTF-8 file with a
 * few stray legacy bytes keeps its UTF-8 and reads those bytes as Windows-1252. No
 * U+FFFD is left in the text: characters no encoding maps are dropped and counted.
 * Node's own `TextDecoder('windows-1252')` is not used: since Node 20.18.3 it decodes
 * 0x80–0x9F as Latin-1 control characters (nodejs/node#60888), losing curly quotes and dashes.
 * @returns null for binary content (NUL bytes outside a UTF-16 file).
 */
export function decodeBytes(bytes: Uint8Array, hints: DecodeHints = {}): DecodedText | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = encodingFromBom(buffer);
  if (bom) return finish(iconv.decode(buffer, bom), bom, 'bom');
  if (buffer.includes(0)) return null;
  const validUtf8 = isUtf8(buffer);
  const declared = supportedEncoding(hints.declaredCharset) ?? supportedEncoding(xmlEncoding(buffer)) ?? (hints.html ? supportedEncoding(metaCharset(buffer)) : null);
  // A page declared in a single-byte encoding whose bytes are valid UTF-8 beyond ASCII is mislabelled UTF-8 (a common server default): reading it as declared would garble every accent.
  if (declared && !(validUtf8 && hasNonAscii(buffer) && isSingleByte(declared))) return finish(declared === 'utf-8' && validUtf8 ? buffer.toString('utf8') : iconv.decode(buffer, declared), declared, 'declared');
  if (validUtf8) return finish(buffer.toString('utf8'), 'utf-8', 'utf-8');
  if (hasUtf8Sequence(buffer)) return decodeMixed(buffer);
  const detected = detectLegacyEncoding(buffer);
  return finish(iconv.decode(buffer, detected), detected, 'detected');
}

function finish(raw: string, encoding: string, decodedBy: DecodedBy, legacyBytes = 0): DecodedText {
  const dropped = raw.split('\uFFFD').length - 1;
  const text = (dropped > 0 ? raw.replaceAll('\uFFFD', '') : raw).replace(/^\uFEFF/, '');
  return { text, encoding, decodedBy, legacyBytes, dropped };
}

function encodingFromBom(buffer: Buffer): string | null {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return 'utf-8';
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le';
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be';
  return null;
}

/** Whether the bytes are valid UTF-8 (Node's validator: no string is made). */
function isUtf8(buffer: Buffer): boolean {
  return isValidUtf8(buffer);
}

function hasNonAscii(buffer: Buffer): boolean {
  return buffer.some((byte) => byte >= 0x80);
}

function isSingleByte(encoding: string): boolean {
  return /^(?:windows-125\d|iso-8859-\d+|koi8-[ru]|macintosh|ibm866)$/.test(encoding);
}

/** A charset label as an encoding iconv-lite decodes, following the WHATWG labels for Latin-1; null when unknown. */
function supportedEncoding(label: string | null | undefined): string | null {
  const name = label?.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!name) return null;
  if (WINDOWS_1252_LABELS.has(name)) return 'windows-1252';
  if (name === 'utf8' || name === 'unicode-1-1-utf-8') return 'utf-8';
  return iconv.encodingExists(name) ? name : null;
}

/** The `encoding` of an XML declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`: feeds, XHTML), or null. */
function xmlEncoding(buffer: Buffer): string | null {
  return /^<\?xml[^>]*\sencoding\s*=\s*["']([^"']+)["']/.exec(buffer.subarray(0, 200).toString('latin1'))?.[1] ?? null;
}

/** The charset an HTML page declares in its head (`<meta charset>` or the `http-equiv` form), read with a real parser over the first bytes. */
function metaCharset(buffer: Buffer): string | null {
  // Latin-1 keeps every byte as one character, so ASCII markup parses whatever the page's encoding.
  const head = buffer.subarray(0, META_PRESCAN_BYTES).toString('latin1');
  const { document } = parseHTML(head);
  for (const meta of document.querySelectorAll('meta')) {
    const charset = meta.getAttribute('charset');
    if (charset) return charset;
    if (meta.getAttribute('http-equiv')?.toLowerCase() === 'content-type') {
      const declared = charsetOfContentType(meta.getAttribute('content'));
      if (declared) return declared;
    }
  }
  return null;
}

/** The `charset` parameter of a `Content-Type` value (`text/html; charset=windows-1252`), or null. */
export function charsetOfContentType(contentType: string | null | undefined): string | null {
  return /;\s*charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType ?? '')?.[1] ?? null;
}

/** Whether the bytes hold at least one well-formed multi-byte UTF-8 sequence. */
function hasUtf8Sequence(buffer: Buffer): boolean {
  for (let index = 0; index < buffer.length; index++) {
    if (utf8SequenceLength(buffer, index) > 1) return true;
  }
  return false;
}

/** Length of the well-formed UTF-8 sequence starting at `index` (1 for ASCII), or 0 when the bytes there are not UTF-8. */
function utf8SequenceLength(buffer: Buffer, index: number): number {
  const lead = buffer[index] ?? 0;
  if (lead < 0x80) return 1;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || index + length > buffer.length) return 0;
  return isUtf8(buffer.subarray(index, index + length)) ? length : 0;
}

/** UTF-8 text holding some bytes that are not: each well-formed sequence is read as UTF-8, each stray byte as Windows-1252. */
function decodeMixed(buffer: Buffer): DecodedText {
  const parts: string[] = [];
  let legacyBytes = 0;
  let start = 0;
  for (let index = 0; index < buffer.length; ) {
    const length = utf8SequenceLength(buffer, index);
    if (length > 0) {
      index += length;
      continue;
    }
    parts.push(buffer.toString('utf8', start, index), iconv.decode(buffer.subarray(index, index + 1), 'windows-1252'));
    legacyBytes++;
    index++;
    start = index;
  }
  parts.push(buffer.toString('utf8', start));
  return finish(parts.join(''), 'utf-8', 'mixed', legacyBytes);
}

/** The legacy encoding chardet finds most likely, when it is sure enough and iconv-lite decodes it; Windows-1252 otherwise. */
function detectLegacyEncoding(buffer: Buffer): string {
  const [best] = chardet.analyse(buffer).filter((match) => !/^UTF-/i.test(match.name));
  if (!best || best.confidence < MIN_DETECTION_CONFIDENCE) return 'windows-1252';
  return supportedEncoding(best.name) ?? 'windows-1252';
}
