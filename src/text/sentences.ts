import type { ItemSentence } from 'wink-nlp';
import { readFresh } from './freshReader.js';
import { taggedTokensOf, type TaggedToken } from './tagger.js';

/** A sentence as character offsets into its paragraph (`end` exclusive), with its words as wink-nlp tags them. */
export interface SentenceSpan {
  start: number;
  end: number;
  /** The sentence's tokens, offsets in the sentence (as `tagTokens` gives them). */
  tokens: TaggedToken[];
}

const BULLET = /^\s*(?:[•·▪‣◦*-]|\d+[.)])\s+/;
/** "…out of Cuba... It's": an ellipsis followed by a capitalised word ends a sentence. */
const ELLIPSIS_BREAK = /(?:\.{3}|…)(?=\s+["'“‘]?[A-Z])/g;

/**
 * Splits a paragraph into sentences. Lines are split first (each bullet or line is at
 * least its own sentence), then wink-nlp finds sentence ends within a line, which keeps
 * "U.S.", "Mr Kelly", "Sept. 30" and quotes ending in `."` intact. An ellipsis followed
 * by a capitalised word also ends a sentence. Spans exclude surrounding whitespace and bullets.
 * Each line is read by wink-nlp once, for its sentence ends and its tags together, and as
 * if it were the first text read (`readFresh`), so a paragraph is split and tagged the same
 * whatever was read before it.
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
        spans.push({ start: offset + piece.start + span.start, end: offset + piece.start + span.end, tokens: span.tokens });
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

/** Sentences of one line via wink-nlp, located in the line by their text, with their tagged tokens. */
function splitLine(line: string): SentenceSpan[] {
  if (line.trim() === '') return [];
  const spans: SentenceSpan[] = [];
  let cursor = 0;
  let located = true;
  readFresh(line, (doc, its) =>
    doc.sentences().each((sentence: ItemSentence) => {
      const text = (sentence.out() as string).trim();
      if (text === '' || !located) return;
      const start = line.indexOf(text, cursor);
      if (start < 0) {
        located = false;
        return;
      }
      spans.push({ start, end: start + text.length, tokens: taggedTokensOf(text, sentence.tokens(), its, 'when read') });
      cursor = start + text.length;
    }),
  );
  return located ? spans : [trimmedSpan(line, 0, line.length)];
}

/** The whole line as one sentence, tagged alone. */
function trimmedSpan(text: string, start: number, end: number): SentenceSpan {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  const sentence = text.slice(start, end);
  return { start, end, tokens: readFresh(sentence, (doc, its) => taggedTokensOf(sentence, doc.tokens(), its, 'when read')) };
}
