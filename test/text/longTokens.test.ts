/**
 * Runs of more than 200 characters without a space are cut before anything tokenizes a
 * text (issue 25); a text without one is returned as it is (issue 24: without a callback
 * per word).
 */
import { describe, expect, it } from 'vitest';
import { capLongTokens, MAX_TOKEN_CHARS } from '../../src/text/longTokens.js';

const run = (length: number, char = 'b') => char.repeat(length);

describe('capLongTokens', () => {
  it('GIVEN runs of at most 200 characters, at the start, middle or end THEN the text is returned as it is', () => {
    for (const text of [run(MAX_TOKEN_CHARS), `a ${run(MAX_TOKEN_CHARS)} c`, `a\n${run(MAX_TOKEN_CHARS)}`, '', 'plain words only.']) {
      expect(capLongTokens(text)).toEqual({ text, cut: 0 });
    }
  });

  it('GIVEN runs of 201 characters or more, after any kind of space THEN each is cut to 200 and counted', () => {
    expect(capLongTokens(run(MAX_TOKEN_CHARS + 1))).toEqual({ text: run(MAX_TOKEN_CHARS), cut: 1 });
    expect(capLongTokens(`a ${run(5000)} c\t${run(MAX_TOKEN_CHARS + 1, 'd')}`)).toEqual({ text: `a ${run(MAX_TOKEN_CHARS)} c\t${run(MAX_TOKEN_CHARS, 'd')}`, cut: 2 });
    expect(capLongTokens(`a\u00a0${run(MAX_TOKEN_CHARS + 1)}`)).toEqual({ text: `a\u00a0${run(MAX_TOKEN_CHARS)}`, cut: 1 });
  });
});
