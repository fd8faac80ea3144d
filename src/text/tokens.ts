import { createRequire } from 'node:module';
import { STOP_WORDS } from './stopWords.js';

const require = createRequire(import.meta.url);
// Deep import, as for the stop words: only the Porter stemmer, not all of natural.
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(word: string): string };

/** A word of a text, lower-cased, with its position among the text's words. */
export interface Word {
  /** Lower-cased surface form ("20000" for "20,000", "usa" for "U.S."). */
  form: string;
  /** Offset of the word in the original text. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:[.,](?=\d)\d+)*/gu;
const stemCache = new Map<string, string>();

/**
 * Splits text into lower-case words with their offsets. Thousands separators and ordinal
 * endings are dropped ("20,000" → "20000", "30th" → "30"), a month abbreviated before a
 * full stop or a day is written out ("Sept. 30" → "september 30"), possessive "'s" is not a word, and the country abbreviation
 * "U.S."/"US" (upper case only) becomes "usa" so that it is not mistaken for the pronoun.
 */
export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const surface = match[0];
    const start = match.index;
    let end = start + surface.length;
    let form: string;
    if ((surface === 'U' && text.startsWith('U.S.', start)) || surface === 'US') {
      form = 'usa';
      if (surface === 'U') end = start + (text.startsWith('U.S.A.', start) ? 6 : 4);
    } else if (surface === 'S' && text[start - 1] === '.' && text[start - 2] === 'U') {
      continue;
    } else if (surface === 's' && (text[start - 1] === "'" || text[start - 1] === '’')) {
      continue;
    } else {
      form = MONTH_ABBREVIATIONS.get(surface) !== undefined && /^(?:\.|\s+\d)/.test(text.slice(end)) ? (MONTH_ABBREVIATIONS.get(surface) ?? surface) : normaliseNumber(surface.toLowerCase());
    }
    words.push({ form, start, end });
  }
  return words;
}

/** Whitespace then a digit: after a month abbreviation, it makes the month ("Jan 5"). */
const SPACE_THEN_DIGIT = /\s+\d/y;

/** The words of a slice of a text, and where they lie among the words of the whole text. */
export interface WordsWithin {
  words: Word[];
  /** The index of the first of them among the whole text's words (undefined when the slice was split afresh). */
  from?: number;
}

/**
 * The words of `text.slice(start, end)` (offsets in that slice), exactly as `splitWords`
 * would give them, taken from `words` (the words of the whole `text`) when the slice stands
 * alone: whitespace (or the text's edge) on both sides, and no day number after it that a
 * month abbreviation at its end would read as its day. Otherwise the slice is split afresh.
 */
export function wordsWithin(text: string, words: readonly Word[], start: number, end: number): WordsWithin {
  SPACE_THEN_DIGIT.lastIndex = end;
  const alone = (start === 0 || /\s/.test(text[start - 1] ?? '')) && (end === text.length || (/\s/.test(text[end] ?? '') && !SPACE_THEN_DIGIT.test(text)));
  if (!alone) return { words: splitWords(text.slice(start, end)) };
  const from = firstWordFrom(words, start);
  const within: Word[] = [];
  for (let low = from; low < words.length; low++) {
    const word = words[low];
    if (word === undefined || word.end > end) break;
    within.push({ form: word.form, start: word.start - start, end: word.end - start });
  }
  return { words: within, from };
}

/** The index of the first of `words` (in order) that starts at or after `offset`, by binary search. */
function firstWordFrom(words: readonly Word[], offset: number): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((words[middle]?.start ?? 0) >= offset) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Month abbreviations, as written before a full stop or a day number ("Sept. 30", "Jan 5"), and the month they stand for. */
const MONTH_ABBREVIATIONS = new Map(
  ['January', 'February', 'March', 'April', 'June', 'July', 'August', 'September', 'October', 'November', 'December'].flatMap((month) => {
    const short = month.slice(0, 3);
    return month === 'September' ? [[short, 'september'], ['Sept', 'september']] : [[short, month.toLowerCase()]];
  }) as Array<[string, string]>,
);

/** "20,000" → "20000", "30th" → "30": numbers written one way whatever their form. */
function normaliseNumber(word: string): string {
  if (!isAsciiDigit(word.charCodeAt(0))) return word;
  if (/^\d{1,3}(,\d{3})+$/.test(word)) return word.replace(/,/g, '');
  return /^\d+(?:st|nd|rd|th)$/.test(word) ? word.replace(/\D+$/, '') : word;
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Porter stem of a lower-case word (memoised). */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = /^\d/.test(word) ? word : porter.stem(word);
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Whether a lower-case word carries no meaning for search. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/**
 * The search terms of a text: words minus stop words, stemmed, in order (repeats kept).
 * The same function serves the index and the questions, so both sides always agree
 * (`words`: the text's words, when already split).
 */
export function searchTerms(text: string, words: readonly Word[] = splitWords(text)): string[] {
  return termsOf(words).filter((term) => term !== undefined);
}

/** Each word's search term, in order: its stem, or undefined for a stop word. */
export function termsOf(words: readonly Word[]): Array<string | undefined> {
  return words.map((word) => (isStopWord(word.form) ? undefined : stem(word.form)));
}
