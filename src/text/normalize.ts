/** Characters that carry no text: C0/C1 controls except tab and newline, and zero-width marks. */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\uFEFF]/g;

/**
 * Removes control and zero-width characters and normalises to NFC, keeping newlines and tabs.
 */
export function stripInvisible(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '');
}

/**
 * Cleans a one-line input (a question): invisible characters out, whitespace runs collapsed to one space, trimmed.
 */
export function cleanLine(text: string): string {
  return stripInvisible(text).replace(/\s+/g, ' ').trim();
}
