import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchivist, type CorpusError } from '../../src/index.js';
import { recordingLogger, temporaryFolder } from '../helpers.js';

const ARTICLE = `Harbour reopens after storm

The harbour of Port Elyse reopened on Tuesday after a storm closed it for nine days, the port authority said in a statement to reporters.

Repairs to the northern pier will cost about 4 million dollars and should be finished by the end of the summer, according to the harbour master.
`;

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

async function corpusWith(files: Record<string, string | Buffer>): Promise<string> {
  const folder = await temporaryFolder();
  cleanup = folder.cleanup;
  await mkdir(folder.dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(folder.dir, name), content);
  return folder.dir;
}

describe('reading a corpus folder', () => {
  it('skips binary, empty and unreadable files with a warning naming each, and indexes the rest', async () => {
    const dir = await corpusWith({ 'good.txt': ARTICLE, 'image.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]), 'empty.md': '  \n', 'locked.txt': ARTICLE });
    await chmod(path.join(dir, 'locked.txt'), 0o000);
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus: dir, indexDir: null, logger });
    expect(logger.warnings.join('\n')).toMatch(/image\.txt: it is binary, not text/);
    expect(logger.warnings.join('\n')).toMatch(/empty\.md: it is empty/);
    if (process.getuid?.() !== 0) expect(logger.warnings.join('\n')).toMatch(/locked\.txt: cannot read it/);
    // What is tested is that the readable file was indexed, so the answer is asked for at any confidence
    // (two identical articles leave the answer no lead over its copy, which lowers its confidence).
    const result = await archivist.ask('How long was the harbour of Port Elyse closed?', { minConfidence: 0 });
    expect(result.answer?.text).toContain('nine days');
    expect(result.answer?.source.title).toBe('Harbour reopens after storm');
  });

  it('lets a NAME.meta.json sidecar override what is detected', async () => {
    const dir = await corpusWith({
      'harbour.txt': ARTICLE,
      'harbour.meta.json': JSON.stringify({ title: 'Port Elyse reopens', publisher: 'Coast Gazette', date: '2024-03-05', url: 'https://example.org/harbour' }),
    });
    const [article] = (await openArchivist({ corpus: dir, indexDir: null })).sources();
    expect(article).toMatchObject({ title: 'Port Elyse reopens', publisher: 'Coast Gazette', date: '2024-03-05', url: 'https://example.org/harbour' });
  });

  it('reads Markdown articles, taking the heading as the title', async () => {
    const dir = await corpusWith({ 'note.md': `# Harbour *reopens*\n\n${ARTICLE.split('\n\n').slice(1).join('\n\n').replace('nine days', '**nine days**')}` });
    const archivist = await openArchivist({ corpus: dir, indexDir: null });
    // What is tested is how the Markdown file was read, so the answer is asked for at any confidence.
    const result = await archivist.ask('How long was the harbour closed?', { minConfidence: 0 });
    expect(result.answer?.text).toContain('closed it for nine days');
    expect(result.answer?.source.title).toBe('Harbour reopens');
  });

  it('fails with CORPUS_NOT_FOUND for a missing folder and CORPUS_EMPTY for a folder without articles', async () => {
    await expect(openArchivist({ corpus: '/nonexistent/corpus', indexDir: null })).rejects.toMatchObject({ code: 'CORPUS_NOT_FOUND' } satisfies Partial<CorpusError>);
    const dir = await corpusWith({ 'readme.json': '{}' });
    await expect(openArchivist({ corpus: dir, indexDir: null })).rejects.toMatchObject({ code: 'CORPUS_EMPTY' });
  });

  it('reads a JSONL corpus of {id, title, text} records, each record an article', async () => {
    const dir = await corpusWith({
      'corpus.jsonl': [
        JSON.stringify({ id: 'Harbour#0', title: 'Harbour', text: 'The harbour reopened on Tuesday after nine days.' }),
        'not json',
        JSON.stringify({ id: 'Pier#0', title: 'Pier', text: 'Repairs to the pier will cost 4 million dollars.' }),
      ].join('\n'),
    });
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus: path.join(dir, 'corpus.jsonl'), indexDir: null, logger });
    expect(logger.warnings).toEqual([expect.stringMatching(/line 2/)]);
    const result = await archivist.ask('How much will the pier repairs cost?');
    expect(result.answer?.source).toMatchObject({ articleId: 'Pier#0', title: 'Pier', file: null, paragraphIndex: 0 });
  });
});
