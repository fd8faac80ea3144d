import * as chrono from 'chrono-node';
import type { Block } from './blocks.js';

const BYLINE = /^By\s+((?:[A-Z][\p{L}'’.-]+\s*){1,4}?)(?:\s*[,|–—-]\s*.*)?$/u;
const DATELINE = /\b(?:last updated|updated|published|posted|first published)\b/i;
const NAV_WORDS = /^(?:accessibility links|breaking news|home|menu|search|sign in|skip to content|advertisement)$/i;

/**
 * Where a page names its publisher. Each pattern's first group is the name; they are
 * tried on every line of the file (junk included: that is where sites sign their pages).
 */
const PUBLISHER_PATTERNS: RegExp[] = [
  /^Copyright\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s+)?((?:The\s+)?[A-Z][\w&'’. ]{1,40}?)\.?(?:\s+(?:All rights reserved|The \w+ is not)|$)/,
  /^(?:The\s+)?([A-Z][\w&'’]*(?:\s+[A-Z][\w&'’]*){0,3}) is not responsible for the content of external/,
  /^Read more .* from (?:the\s+)?([A-Z][\w&'’]*(?:\s+[A-Z][\w&'’]*){0,3})\.?$/,
  /^Start your day with (The\s+[A-Z][\w&'’]*(?:\s+[A-Z][\w&'’]*){0,2}),/,
  /^([A-Z]{2,}(?:\s+(?:TIMES|POST|NEWS|HERALD|TRIBUNE|JOURNAL|PRESS|GAZETTE|TELEGRAPH|GUARDIAN|EXPRESS|MAIL)))\s+[—–-]\s/,
];

/** Title case for an all-capitals name ("HAVANA TIMES" → "Havana Times"); other names unchanged. */
function tidyName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed !== trimmed.toUpperCase() || /^[A-Z]{1,5}$/.test(trimmed)) return trimmed;
  return trimmed.toLowerCase().replace(/\b\p{L}/gu, (letter) => letter.toUpperCase());
}

/** The first publisher a line of the file names, or null. */
export function detectPublisher(lines: string[]): string | null {
  for (const pattern of PUBLISHER_PATTERNS) {
    for (const line of lines) {
      const match = pattern.exec(line.trim());
      if (match?.[1]) return tidyName(match[1]);
    }
  }
  return null;
}

/** An ISO date (YYYY-MM-DD) from a dateline such as "Page last updated at 10:21 GMT, Wednesday, 15 July 2009". */
export function detectDate(lines: string[]): string | null {
  for (const line of lines) {
    if (!DATELINE.test(line)) continue;
    for (const { start } of chrono.strict.parse(line)) {
      if (start.isCertain('year') && start.isCertain('month') && start.isCertain('day')) {
        const year = start.get('year') ?? 0;
        const month = String(start.get('month')).padStart(2, '0');
        const day = String(start.get('day')).padStart(2, '0');
        return `${year}-${month}-${day}`;
      }
    }
  }
  return null;
}

/** The author of a "By Jane Doe" line, or null. */
export function detectByline(lines: string[]): string | null {
  for (const line of lines) {
    const match = BYLINE.exec(line.trim());
    if (match?.[1]) return match[1].trim();
  }
  return null;
}

/**
 * The headline: the first one-line block before the body that reads like a title
 * (3 to 25 words, not a dateline, byline, or navigation label, no closing full stop).
 */
export function detectTitle(blocksBeforeBody: Block[]): string | null {
  for (const block of blocksBeforeBody) {
    if (block.lines.length !== 1) continue;
    const line = block.text.trim().replace(/^#+\s*/, '');
    const words = line.split(/\s+/).length;
    if (words < 3 || words > 25) continue;
    if (DATELINE.test(line) || BYLINE.test(line) || NAV_WORDS.test(line) || /[.:;,]$/.test(line)) continue;
    return line;
  }
  return null;
}
