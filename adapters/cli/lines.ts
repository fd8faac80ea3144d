import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * The lines of a stream, decoded as UTF-8 (an invalid byte becomes U+FFFD), without their
 * `\n` or `\r\n`. A line longer than `maxChars` is cut to `maxChars + 1` characters, so that
 * one huge line never holds more than that in memory and still reads as too long. A blank
 * line is a line (`''`); the text after the last newline, if any, is the last line.
 * Stopping early (`break`) destroys the stream.
 */
export async function* boundedLines(input: Readable, maxChars: number): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let line = '';
  let pending = false;
  const take = (text: string) => {
    pending = true;
    if (line.length <= maxChars) line += text.slice(0, maxChars + 1 - line.length);
  };
  const finish = (): string => {
    const done = line.endsWith('\r') ? line.slice(0, -1) : line;
    line = '';
    pending = false;
    return done;
  };
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      take(text.slice(start, newline));
      yield finish();
      start = newline + 1;
    }
    if (start < text.length) take(text.slice(start));
  }
  const rest = decoder.end();
  if (rest !== '') take(rest);
  if (pending) yield finish();
}
