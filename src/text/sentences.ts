import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** A sentence as character offsets into its paragraph (`end` exclusive). */
export interface SentenceSpan {
  start: number;
  end: number;
}

let nlp: ReturnType<typeof winkNLP> | undefined;

/** wink-nlp with only its sentence boundary detection loaded (the model loads once, on first use). */
function sentenceSplitter(): ReturnType<typeof winkNLP> {
  nlp ??= winkNLP(model, ['sbd']);
  return nlp;
}

const BULLET = /^\s*(?:[•·▪‣◦*-]|\d+[.)])\s+/;
/** "…out of Cuba... It's": an ellipsis followed by a capitalised word ends a sentence. */
const ELLIPSIS_BREAK = /(?:\.{3}|…)(?=\s+["'“‘]?[A-Z])/g;

/**
 * Splits a paragraph into sentences. Lines are split first (each bullet or line is at
 * least its own sentence), then wink-nlp finds sentence ends within a line, which keeps
 * "U.S.", "Mr Kelly", "Sept. 30" and quotes ending in `."` intact. An ellipsis followed
 * by a capitalised word also ends a sentence. Spans exclude surrounding whitespace and bullets.
 */
export function splitSentences(paragraph: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let lineStart = 0;
  for (const line of paragraph.split('\n')) {
    const bullet = BULLET.exec(line);
    const offset = lineStart + (bullet ? bullet[0].length : 0);
    const body = bullet ? line.slice(bullet[0].length) : line;
    for (const piece of splitAtEllipses(body)) {
      for (const span of splitLine(piece.text)) {
        spans.push({ start: offset + piece.start + span.start, end: offset + piece.start + span.end });
      }
    }
    lineStart += line.length + 1;
  }
  return spans;
}

function splitAtEllipses(line: string): Array<{ text: string; start: number }> {
  const pieces: Array<{ text: string; start: number }> = [];
  let start = 0;
  for (const match of line.matchAll(ELLIPSIS_BREAK)) {
    const end = match.index + match[0].length;
    pieces.push({ text: line.slice(start, end), start });
    start = end;
  }
  pieces.push({ text: line.slice(start), start });
  return pieces;
}

/** Sentences of one line via wink-nlp, located in the line by their text. */
function splitLine(line: string): SentenceSpan[] {
  if (line.trim() === '') return [];
  const spans: SentenceSpan[] = [];
  const sentences = sentenceSplitter().readDoc(line).sentences().out() as string[];
  let cursor = 0;
  for (const sentence of sentences) {
    const text = sentence.trim();
    if (text === '') continue;
    const start = line.indexOf(text, cursor);
    if (start < 0) return [trimmedSpan(line, 0, line.length)];
    spans.push({ start, end: start + text.length });
    cursor = start + text.length;
  }
  return spans;
}

function trimmedSpan(text: string, start: number, end: number): SentenceSpan {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}
