import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchivist } from '../../src/index.js';
import { checksumOf } from '../../src/search/checksum.js';
import { copyOfSeeds, recordingLogger } from '../helpers.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

async function setup() {
  const seeds = await copyOfSeeds();
  cleanup = seeds.cleanup;
  const indexDir = path.join(seeds.dir, '..', 'index-data');
  return { corpus: seeds.dir, indexDir };
}

async function manifestPath(indexDir: string): Promise<string> {
  const [folder] = await readdir(indexDir);
  return path.join(indexDir, folder ?? '', 'manifest.json');
}

describe('the saved index', () => {
  it('is written with a manifest (format version, options, a hash of every file) and reused when nothing changed', async () => {
    const { corpus, indexDir } = await setup();
    await openArchivist({ corpus, indexDir });
    const manifest = JSON.parse(await readFile(await manifestPath(indexDir), 'utf8'));
    expect(manifest.formatVersion).toBeTypeOf('number');
    expect(manifest.options.engine).toBe('postings');
    expect(Object.keys(manifest.entries)).toHaveLength(5);
    const logger = recordingLogger();
    const again = await openArchivist({ corpus, indexDir, logger });
    expect(logger.warnings).toEqual([]);
    expect((await again.ask('Who is Marie Harf?')).answer?.text).toContain('spokeswoman Marie Harf');
    expect(JSON.parse(await readFile(await manifestPath(indexDir), 'utf8')).builtAt).toBe(manifest.builtAt);
  });

  it('is brought up to date when a file is added, changed or removed', async () => {
    const { corpus, indexDir } = await setup();
    await openArchivist({ corpus, indexDir });
    await writeFile(
      path.join(corpus, 'zz_new.txt'),
      'Ferry service resumes\n\nA weekly ferry between Key West and Havana will start on 3 March, the operator said on Monday in a statement about the new route.\n',
    );
    await rm(path.join(corpus, '004_999b9fee6b16123a.txt'));
    await appendFile(path.join(corpus, '002_b60424f30528cec8.txt'), '\n\nThe delegations also agreed that the next round of talks would be held in the city of Cienfuegos, officials from both countries said afterwards.\n');
    const updated = await openArchivist({ corpus, indexDir });
    expect(updated.stats.articles).toBe(5);
    expect((await updated.ask('When will the ferry between Key West and Havana start?')).answer?.text).toContain('3 March');
    expect((await updated.ask('Who is Marie Harf?')).answer).toBeNull();
    expect((await updated.ask('Where will the next round of talks be held?')).answer?.text).toContain('Cienfuegos');
  });

  it('is rebuilt with one warning saying why when it is corrupt', async () => {
    const { corpus, indexDir } = await setup();
    await openArchivist({ corpus, indexDir });
    await writeFile(await manifestPath(indexDir), '{ not json');
    const logger = recordingLogger();
    const rebuilt = await openArchivist({ corpus, indexDir, logger });
    expect(logger.warnings).toEqual([expect.stringMatching(/Rebuilding the index .*manifest is not valid JSON/)]);
    expect((await rebuilt.ask('Who is Marie Harf?')).answer?.text).toContain('Marie Harf');
  });

  it('is rebuilt when its data file is damaged or it comes from another format version', async () => {
    const { corpus, indexDir } = await setup();
    await openArchivist({ corpus, indexDir });
    const manifestFile = await manifestPath(indexDir);
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    await writeFile(path.join(path.dirname(manifestFile), manifest.files.index.name), '{"truncated":');
    const logger = recordingLogger();
    await openArchivist({ corpus, indexDir, logger });
    expect(logger.warnings).toEqual([expect.stringMatching(/Rebuilding the index .*: its data files are damaged: index-\w+\.postings has \d+ bytes, its manifest says \d+/)]);
    await writeFile(manifestFile, JSON.stringify({ ...JSON.parse(await readFile(manifestFile, 'utf8')), formatVersion: 0 }));
    const second = recordingLogger();
    await openArchivist({ corpus, indexDir, logger: second });
    expect(second.warnings).toEqual([expect.stringMatching(/format version 0/)]);
  });

  it('GIVEN an index whose sentences were tagged by another version of the tagger THEN it is rebuilt with one warning, not answered from', async () => {
    const { corpus, indexDir } = await setup();
    await openArchivist({ corpus, indexDir });
    const manifestFile = await manifestPath(indexDir);
    const text = await readFile(manifestFile, 'utf8');
    expect(text).toMatch(/"tagging": \d+/);
    const unsigned = text.replace(/"tagging": \d+/, '"tagging": 0').replace(/"checksum": "[0-9a-f]{8}"/, '"checksum": "00000000"');
    await writeFile(manifestFile, unsigned.replace('"checksum": "00000000"', `"checksum": "${checksumOf(unsigned)}"`));
    const logger = recordingLogger();
    const rebuilt = await openArchivist({ corpus, indexDir, logger });
    expect(logger.warnings).toEqual([expect.stringMatching(/Rebuilding the index .*: it was built with other index options/)]);
    expect((await rebuilt.ask('Who is Marie Harf?')).answer?.text).toContain('Marie Harf');
    expect(await readFile(manifestFile, 'utf8')).not.toMatch(/"tagging": 0/);
  });

  it('GIVEN a save interrupted by a crash (half-written data files, a temporary manifest) THEN the previous index loads without a warning, and the next save clears the leftovers', async () => {
    const { corpus, indexDir } = await setup();
    await openArchivist({ corpus, indexDir });
    const folder = path.dirname(await manifestPath(indexDir));
    await writeFile(path.join(folder, 'store-deadbeef.jsonl'), 'half a sto');
    await writeFile(path.join(folder, 'manifest.json.deadbeef.tmp'), '{"formatVersion": 2, "fi');
    const logger = recordingLogger();
    const reopened = await openArchivist({ corpus, indexDir, logger });
    expect(logger.warnings).toEqual([]);
    expect((await reopened.ask('Who is Marie Harf?')).answer?.text).toContain('Marie Harf');
    await rm(path.join(corpus, '004_999b9fee6b16123a.txt'));
    await openArchivist({ corpus, indexDir });
    expect((await readdir(folder)).filter((name) => name.includes('deadbeef'))).toEqual([]);
  });

  it('GIVEN a store file cut short at a line end THEN it is rebuilt with one warning saying it is damaged', async () => {
    const { corpus, indexDir } = await setup();
    await openArchivist({ corpus, indexDir });
    const manifestFile = await manifestPath(indexDir);
    const storeFile = path.join(path.dirname(manifestFile), JSON.parse(await readFile(manifestFile, 'utf8')).files.store.name);
    const lines = (await readFile(storeFile, 'utf8')).split('\n');
    await writeFile(storeFile, `${lines.slice(0, -3).join('\n')}\n`);
    const logger = recordingLogger();
    const rebuilt = await openArchivist({ corpus, indexDir, logger });
    expect(logger.warnings).toEqual([expect.stringMatching(/its data files are damaged: store-\w+\.jsonl has \d+ bytes/)]);
    expect((await rebuilt.ask('Who is Marie Harf?')).answer?.text).toContain('Marie Harf');
  });
});
