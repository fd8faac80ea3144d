/**
 * The longest run of characters without a space that is read as text. No word or web
 * address of an article is longer; a longer run is junk (a base64 blob, a row of
 * symbols), and the tokenizers downstream (wink-nlp's sentence splitter and tagger) take
 * time that grows with the square of a token's length.
 */
export const MAX_TOKEN_CHARS = 200;

/** A run of characters without a space (matched whole, so the scan never goes back). */
const TOKEN = /\S+/g;
/** The start of a run longer than `MAX_TOKEN_CHARS` (tried only where a run starts, so the scan stays linear). */
const LONG_TOKEN = new RegExp(`(?<!\\S)\\S{${MAX_TOKEN_CHARS + 1}}`);

/** Text whose overlong tokens were cut, and how many were. */
export interface CappedText {
  text: string;
  /** Tokens cut to `MAX_TOKEN_CHARS` characters. */
  cut: number;
}

/**
 * Cuts every run of more than `MAX_TOKEN_CHARS` characters without a space to its first
 * `MAX_TOKEN_CHARS` characters (never inside a surrogate pair), in one linear pass: applied
 * to an article's text before it is split into sentences, tokenized, stemmed or tagged, so
 * that no token makes that work quadratic.
 */
export function capLongTokens(text: string): CappedText {
  // Most texts have no such run: one scan, and no callback per token.
  if (!LONG_TOKEN.test(text)) return { text, cut: 0 };
  let cut = 0;
  const capped = text.replace(TOKEN, (token) => {
    if (token.length <= MAX_TOKEN_CHARS) return token;
    cut++;
    return token.slice(0, isHighSurrogate(token.charCodeAt(MAX_TOKEN_CHARS - 1)) ? MAX_TOKEN_CHARS - 1 : MAX_TOKEN_CHARS);
  });
  return { text: capped, cut };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
