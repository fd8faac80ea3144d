/**
 * Paragraphs rebuilt from the positioned text runs of PDF pages: runs joined into lines,
 * lines into paragraphs at a wider gap, a first-line indent, a change of type size or a
 * short last line; words split by a hyphen at a line's end joined again; page numbers
 * left out; a paragraph carried over a page break kept whole.
 */

/** A run of text as a PDF reader gives it: where it starts (points from the bottom left), its width and type size. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** The reader saw the end of a line after this run. */
  endsLine?: boolean;
}

interface Line {
  text: string;
  x: number;
  y: number;
  right: number;
  size: number;
}

/** A line that is only a page number: `3`, `- 3 -`, `Page 3`, `Page 3 of 12`, `3/12`. */
const PAGE_NUMBER = /^[\s\-–—]*(?:page\s+)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?[\s\-–—]*$/i;
/** How a paragraph's last line usually ends. */
const SENTENCE_END = /[.!?:"'”’)\]]$/;

/** The lines of a page, in the order the document gives its runs; a line changes when the baseline moves by more than half the type size. */
export function linesOf(runs: readonly TextRun[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  let lineEnded = false;
  for (const run of runs) {
    if (run.text === '' && !run.endsLine) continue;
    const sameLine = current !== null && !lineEnded && Math.abs(run.y - current.y) <= Math.max(current.size, run.size) / 2;
    if (run.text.trim() !== '') {
      if (current !== null && sameLine) {
        const gap = run.x - current.right;
        const spaced = current.text.endsWith(' ') || run.text.startsWith(' ') || gap <= current.size * 0.15;
        current.text += `${spaced ? '' : ' '}${run.text}`;
        current.right = Math.max(current.right, run.x + run.width);
        current.size = Math.max(current.size, run.size);
      } else {
        current = { text: run.text, x: run.x, y: run.y, right: run.x + run.width, size: run.size };
        lines.push(current);
      }
    }
    lineEnded = run.endsLine === true && run.text.trim() !== '' ? true : lineEnded && run.text.trim() === '';
  }
  return lines
    .map((line) => ({ ...line, text: line.text.replace(/\s+/g, ' ').trim() }))
    .filter((line) => line.text !== '' && !PAGE_NUMBER.test(line.text));
}

/** The paragraphs of a document, from each page's runs in order. */
export function paragraphsOf(pages: readonly (readonly TextRun[])[]): string[] {
  const paragraphs: string[] = [];
  let open: string | null = null;
  for (const runs of pages) {
    const lines = linesOf(runs);
    const spacing = typicalSpacing(lines);
    const left = commonLeft(lines);
    const widest = widestRight(lines);
    lines.forEach((line, index) => {
      const previous = lines[index - 1];
      const startsParagraph = previous === undefined ? !continuesOver(open, line) : breaksBefore(previous, line, { spacing, left, widest });
      if (startsParagraph || open === null) {
        if (open !== null) paragraphs.push(open);
        open = line.text;
      } else {
        open = joinLines(open, line.text);
      }
    });
  }
  if (open !== null) paragraphs.push(open);
  return paragraphs;
}

/** Whether a paragraph left open at the end of a page goes on with the first line of the next (it ends mid-sentence and the line starts in lower case). */
function continuesOver(open: string | null, line: Line): boolean {
  return open !== null && !SENTENCE_END.test(open) && /^[a-z]/.test(line.text);
}

function breaksBefore(previous: Line, line: Line, page: { spacing: number; left: number; widest: number }): boolean {
  const gap = previous.y - line.y;
  if (gap <= 0 || gap > page.spacing * 1.4) return true; // a wider gap, or the next column
  if (Math.abs(line.size - previous.size) > 1) return true; // a heading and its text
  if (line.x - page.left > line.size * 0.8 && line.x - previous.x > line.size * 0.8) return true; // a first-line indent
  // A short line that ends a sentence ends its paragraph (paragraphs set without a gap or an indent).
  return SENTENCE_END.test(previous.text) && page.widest - previous.right > previous.size * 4;
}

/** Two lines of one paragraph: a word split by a hyphen at the line's end is joined again. */
function joinLines(text: string, next: string): string {
  if (/[A-Za-z\u00C0-\u024F]-$/.test(text) && /^[a-z\u00DF-\u024F]/.test(next)) return `${text.slice(0, -1)}${next}`;
  return `${text} ${next}`;
}

/** The most common distance between two baselines in a row on the page (the body's leading). */
function typicalSpacing(lines: readonly Line[]): number {
  const gaps: number[] = [];
  for (let index = 1; index < lines.length; index++) {
    const gap = (lines[index - 1]?.y ?? 0) - (lines[index]?.y ?? 0);
    if (gap > 0) gaps.push(Math.round(gap * 2) / 2);
  }
  return mostCommon(gaps) ?? Math.max(...lines.map((line) => line.size), 10) * 1.2;
}

/** The left edge most lines start at (the body's margin). */
function commonLeft(lines: readonly Line[]): number {
  return mostCommon(lines.map((line) => Math.round(line.x))) ?? 0;
}

function widestRight(lines: readonly Line[]): number {
  return lines.reduce((widest, line) => Math.max(widest, line.right), 0);
}

function mostCommon(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: number | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
