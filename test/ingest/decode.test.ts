import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/ingest/decode.js';
import { openArchivist } from '../../src/index.js';
import { SEEDS, recordingLogger, temporaryFolder } from '../helpers.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

async function folderWith(files: Record<string, string | Buffer>): Promise<string> {
  const folder = await temporaryFolder();
  cleanup = folder.cleanup;
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(folder.dir, name), content);
  return folder.dir;
}

const HAVANA_TIMES = await readFile(path.join(SEEDS, '004_999b9fee6b16123a.txt'), 'utf8');
const QUOTE = 'The State Department refused to suspend the appointment, arguing, according to spokeswoman Marie Harf, that it is an “ongoing process” important to Washington because “safe immigration is in the interest of the United States.”';

describe('decoding article bytes', () => {
  it('GIVEN bytes with a BOM, valid UTF-8, or NUL bytes THEN the BOM decides, UTF-8 is read as is, and binary is refused', () => {
    expect(decodeBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xc3, 0xa9]))).toMatchObject({ text: 'café', decodedBy: 'bom' });
    expect(decodeBytes(iconv.encode('\uFEFFcafé', 'utf-16le'))).toMatchObject({ text: 'café', encoding: 'utf-16le' });
    expect(decodeBytes(Buffer.from('café “quoted”'))).toMatchObject({ text: 'café “quoted”', decodedBy: 'utf-8' });
    expect(decodeBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]))).toBeNull();
  });

  it('GIVEN a text with only two Windows-1252 bytes (curly quotes) THEN they are read as the quotes, not as Latin-1 control characters', () => {
    const decoded = decodeBytes(iconv.encode('The minister said the talks were “fruitful” and would go on.', 'windows-1252'));
    expect(decoded).toMatchObject({ text: 'The minister said the talks were “fruitful” and would go on.', encoding: 'windows-1252', decodedBy: 'detected' });
  });

  it('GIVEN a declared charset (an HTTP header, or the page\'s meta tag) THEN it is followed', () => {
    const latin2 = iconv.encode('Příliš žluťoučký kůň úpěl ďábelské ódy.', 'iso-8859-2');
    expect(decodeBytes(latin2, { declaredCharset: 'ISO-8859-2' })?.text).toBe('Příliš žluťoučký kůň úpěl ďábelské ódy.');
    const page = iconv.encode('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>It’s €5.</p></body></html>', 'windows-1252');
    expect(decodeBytes(page, { html: true })).toMatchObject({ encoding: 'windows-1252', decodedBy: 'declared' });
    expect(decodeBytes(page, { html: true })?.text).toContain('It’s €5.');
  });

  it('GIVEN a page declared Latin-1 whose bytes are valid UTF-8 THEN it is read as the UTF-8 it is', () => {
    const page = Buffer.from('<html><head><meta charset="iso-8859-1"></head><body><p>José Martí’s house</p></body></html>');
    expect(decodeBytes(page, { html: true })?.text).toContain('José Martí’s house');
  });

  it('GIVEN UTF-8 text with a Windows-1252 paragraph pasted in THEN both read right, and the stray bytes are counted', () => {
    const mixed = Buffer.concat([Buffer.from('Café owners in Havana said “business is slow”.\n\n'), iconv.encode('The mayor’s office disagreed – “it is summer”.', 'windows-1252')]);
    const decoded = decodeBytes(mixed);
    expect(decoded).toMatchObject({ text: 'Café owners in Havana said “business is slow”.\n\nThe mayor’s office disagreed – “it is summer”.', decodedBy: 'mixed', legacyBytes: 4 });
  });

  it('GIVEN a byte no encoding defines THEN it is dropped and counted, never kept as U+FFFD', () => {
    const decoded = decodeBytes(Buffer.from([0x41, 0x81, 0x42, 0x93, 0x43, 0x94]), { declaredCharset: 'windows-1252' });
    expect(decoded).toMatchObject({ text: 'AB“C”', dropped: 1 });
  });
});

describe('a corpus with legacy-encoded files', () => {
  it('GIVEN a Windows-1252 .txt article THEN it is indexed, not skipped, and answers carry its quotes and no U+FFFD', async () => {
    const dir = await folderWith({ 'havana.txt': iconv.encode(HAVANA_TIMES, 'windows-1252') });
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus: dir, indexDir: null, logger });
    expect(logger.warnings).toEqual([]);
    const result = await archivist.ask('Why did the State Department refuse to suspend the appointment?');
    expect(result.answer?.text).toBe(QUOTE);
    expect(result.answer?.source.title).toBe('Cuba-US Migration Talks Held Despite NK Boat Seizure');
    expect(JSON.stringify(archivist.sources())).not.toContain('\uFFFD');
  });

  it('GIVEN a UTF-8 .txt article with a Windows-1252 paragraph pasted in THEN both paragraphs answer, and one warning names the file and the repair', async () => {
    const [head, ...rest] = HAVANA_TIMES.split('\n\nThe State Department refused');
    const mixed = Buffer.concat([Buffer.from(`${head}\n\n`), iconv.encode(`The State Department refused${rest.join('')}`, 'windows-1252')]);
    const dir = await folderWith({ 'havana.txt': mixed });
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus: dir, indexDir: null, logger });
    expect(logger.warnings).toEqual([expect.stringMatching(/^Decoded .*havana\.txt: read \d+ byte\(s\) that are not UTF-8 as Windows-1252\.$/)]);
    expect((await archivist.ask('Why did the State Department refuse to suspend the appointment?')).answer?.text).toBe(QUOTE);
    expect((await archivist.ask('Who represented Cuba at the talks?')).answer?.text).toContain('Josefina Vidal');
  });
});
