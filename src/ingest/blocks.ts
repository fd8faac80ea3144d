/** A run of non-blank lines of a text file: the unit that is classified as body or junk. */
export interface Block {
  /** The block's lines, trimmed at the right, joined with `\n`. */
  text: string;
  lines: string[];
}

/**
 * Splits plain text into blocks at blank lines, after removing HTML comments
 * (`<!-- IMAGE -->`) and non-breaking spaces that scrapes leave behind.
 */
export function splitBlocks(text: string): Block[] {
  const cleaned = text.replace(/<!--[\s\S]*?-->/g, '').replace(/\u00A0/g, ' ').replace(/\r\n?/g, '\n');
  const blocks: Block[] = [];
  for (const chunk of cleaned.split(/\n[ \t]*\n/)) {
    const lines = chunk
      .split('\n')
      .map((line) => line.trimEnd())
      .filter((line) => line.trim() !== '');
    if (lines.length > 0) blocks.push({ text: lines.join('\n'), lines });
  }
  return blocks;
}
