import type { SidecarMetadata } from './article.js';

/** A sidecar read: the fields that hold, and what was ignored and why (one phrase each). */
export interface ParsedSidecar {
  sidecar: SidecarMetadata | null;
  problems: string[];
  /** The charset a fetched page's HTTP header declared (`archivist add` writes it). */
  charset?: string;
}

const TEXT_FIELDS = ['title', 'publisher', 'byline'] as const;
/** `fetchedAt` and `fetchedFrom` are records (`archivist add` writes them): the corpus reader does not read them. */
const KNOWN_FIELDS = new Set<string>([...TEXT_FIELDS, 'date', 'url', 'charset', 'fetchedAt', 'fetchedFrom']);
/** An ISO date, optionally with a time (the time is dropped): 2013-07-17, 2013-07-17T10:00:00Z. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** How a sidecar's name ends: `NAME.meta.json` beside `NAME.html` (or `.htm`, `.txt`, `.md`). */
export const SIDECAR_SUFFIX = '.meta.json';

/** The sidecar's path of an article file: its extension replaced by `.meta.json`. */
export function sidecarPathOf(articlePath: string): string {
  return articlePath.replace(/\.[^./\\]+$/, SIDECAR_SUFFIX);
}

/**
 * Reads a `NAME.meta.json` sidecar: `title`, `publisher`, `byline` (text), `date` (a real
 * ISO date, kept as `YYYY-MM-DD`), `url` (http or https) and `charset` (text). A field that does not hold is
 * left out and named in `problems`, as is an unknown field; a file that is not a JSON
 * object gives no sidecar at all.
 */
export function parseSidecar(raw: string): ParsedSidecar {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { sidecar: null, problems: ['it is not valid JSON'] };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { sidecar: null, problems: ['it is not a JSON object'] };
  const fields = parsed as Record<string, unknown>;
  const sidecar: SidecarMetadata = {};
  const problems: string[] = [];
  for (const key of TEXT_FIELDS) {
    const value = fields[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && value.trim() !== '') sidecar[key] = value.trim();
    else if (typeof value !== 'string') problems.push(`"${key}" is not text`);
  }
  if (fields.date !== undefined && fields.date !== null) {
    const date = isoDate(fields.date);
    if (date !== null) sidecar.date = date;
    else problems.push(`"date" ${JSON.stringify(fields.date)} is not a real date (YYYY-MM-DD)`);
  }
  if (fields.url !== undefined && fields.url !== null) {
    const url = webAddress(fields.url);
    if (url !== null) sidecar.url = url;
    else problems.push(`"url" ${JSON.stringify(fields.url)} is not an http(s) address`);
  }
  const charset = typeof fields.charset === 'string' && fields.charset.trim() !== '' ? fields.charset.trim() : undefined;
  const unknown = Object.keys(fields).filter((key) => !KNOWN_FIELDS.has(key));
  if (unknown.length > 0) problems.push(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}`);
  return { sidecar, problems, ...(charset === undefined ? {} : { charset }) };
}

/** `YYYY-MM-DD` of a string that is a real ISO date (2021-02-29 is not), or null. */
function isoDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DATE.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

function webAddress(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? value.trim() : null;
  } catch {
    return null;
  }
}
