/**
 * Ingest loses nothing silently (issue 14, failure 6): a large file is indexed whole or
 * refused whole with a line saying why, the page cleaner says so when it drops most of a
 * file, links are followed (loop-safe), an unreadable folder is skipped with a warning,
 * and sidecar fields that do not hold are ignored with a warning.
 */
import { spawnSync } from 'node:child_process';
import { chmod, cp, mkdir, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WHOLE_TEXT_CHARS } from '../../src/ingest/article.js';
import { MAX_ARTICLE_BYTES, readCorpus } from '../../src/ingest/readCorpus.js';
import { openArchivist } from '../../src/index.js';
import { SEEDS, recordingLogger, temporaryFolder } from '../helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'bin', 'archivist.js');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function folder(): Promise<string> {
  const made = await temporaryFolder();
  cleanups.push(made.cleanup);
  return made.dir;
}

const ARTICLE = 'Ferry service resumes\n\nA weekly ferry between Key West and Havana will start on 3 March, the operator said on Monday in a statement about the new route.\n';

describe('GIVEN a plain-text file of more than a million characters (a book, a dump of many articles)', () => {
  it('THEN every paragraph is indexed, none cut, and no date is taken from deep inside it', async () => {
    const dir = await folder();
    const corpus = path.join(dir, 'corpus');
    await mkdir(corpus);
    // Chapters of the seed pages, each under a short heading: the page cleaner's "main region" would keep one of them.
    // (Their datelines are left out: the only one is deep inside, where no dateline of the file's own is.)
    const pages = await Promise.all(
      ['000_0622fb72b17749b4.txt', '001_91ce6b5ec52b81cd.txt', '003_af5e38da6ca55989.txt'].map(async (name) => (await readFile(path.join(SEEDS, name), 'utf8')).replace(/^.*\b(?:updated|published|posted)\b.*$/gim, '')),
    );
    const chapters: string[] = ['The collected dispatches, one volume'];
    for (let chapter = 1; chapters.join('\n\n').length < WHOLE_TEXT_CHARS * 1.2; chapter++) {
      chapters.push(`Chapter ${chapter}`, `Part ${chapter}`, pages[chapter % pages.length] ?? '');
      if (chapter === 100) chapters.push(`The lighthouse keeper's diary was published on 11 July 1934 and describes chapter ${chapter} of the voyage.`);
    }
    const text = chapters.join('\n\n');
    await writeFile(path.join(corpus, 'volume.txt'), text);
    const blocks = text.split(/\n[ \t]*\n/).filter((block) => block.trim() !== '').length;
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus, indexDir: null, logger });
    expect(logger.warnings).toEqual([]);
    const [source] = archivist.sources();
    expect(source?.paragraphs).toBe(blocks - 1); // all but the title
    expect(source?.title).toBe('The collected dispatches, one volume');
    expect(source?.date).toBeNull();
    const result = await archivist.ask('When was the lighthouse keeper\'s diary published?');
    expect(result.answer?.text, JSON.stringify(result).slice(0, 600)).toContain('11 July 1934');
  });

  it('THEN a file too large to hold is refused whole, with one line saying why', async () => {
    const corpus = await folder();
    await writeFile(path.join(corpus, 'article.txt'), ARTICLE);
    await writeFile(path.join(corpus, 'huge.txt'), '');
    await truncate(path.join(corpus, 'huge.txt'), MAX_ARTICLE_BYTES + 1024 * 1024);
    const logger = recordingLogger();
    const entries = await readCorpus(corpus, logger);
    expect(entries.map((entry) => entry.key)).toEqual(['article.txt']);
    expect(logger.warnings).toEqual([expect.stringMatching(/^Skipped .*huge\.txt: it is 65\.0 MB, more than the 64\.0 MB one article file may hold \(split it/)]);
  });
});

describe('GIVEN a page whose cleaner keeps less than half of what reads as prose', () => {
  it('THEN one warning counts what was indexed and what was dropped', async () => {
    const corpus = await folder();
    const paragraph = 'The committee examined the evidence carefully and found that the policy had worked as intended in most of the regions where it was tried, although some of the smaller towns saw less change than the planners had hoped for at the start.';
    const sections = Array.from({ length: 8 }, (_, index) => `Part ${index}\n\nSection ${index} notes\n\n${paragraph}\n\n${paragraph}\n\n${paragraph}`);
    await writeFile(path.join(corpus, 'essay.txt'), `An essay on policy\n\n${sections.join('\n\n')}\n`);
    const logger = recordingLogger();
    await openArchivist({ corpus, indexDir: null, logger });
    expect(logger.warnings).toEqual([expect.stringMatching(/^Indexed 3 of the 41 paragraphs of .*essay\.txt: the other 38 \(88% of its text\) read as web-page junk/)]);
  });

  it('THEN the seed pages, whose junk the cleaner drops as designed, give no such warning', async () => {
    const logger = recordingLogger();
    await openArchivist({ corpus: SEEDS, indexDir: null, logger });
    expect(logger.warnings).toEqual([]);
  });
});

describe('GIVEN symbolic links in a corpus folder', () => {
  it('THEN linked files and folders are read, a loop is read once with a warning, and a dangling link is named', async () => {
    const dir = await folder();
    const corpus = path.join(dir, 'corpus');
    const elsewhere = path.join(dir, 'elsewhere');
    await mkdir(path.join(elsewhere, 'more'), { recursive: true });
    await cp(path.join(SEEDS, '002_b60424f30528cec8.txt'), path.join(elsewhere, 'linked.txt'));
    await writeFile(path.join(elsewhere, 'more', 'ferry.txt'), ARTICLE);
    await mkdir(path.join(corpus, 'sub'), { recursive: true });
    await cp(path.join(SEEDS, '003_af5e38da6ca55989.txt'), path.join(corpus, 'own.txt'));
    await symlink(path.join(elsewhere, 'linked.txt'), path.join(corpus, 'linked.txt'));
    await symlink(path.join(elsewhere, 'more'), path.join(corpus, 'more'));
    await symlink(corpus, path.join(corpus, 'sub', 'loop'));
    await symlink(path.join(dir, 'nowhere.txt'), path.join(corpus, 'dangling.txt'));
    const logger = recordingLogger();
    const entries = await readCorpus(corpus, logger);
    expect(entries.map((entry) => entry.key)).toEqual(['linked.txt', path.join('more', 'ferry.txt'), 'own.txt']);
    expect(logger.warnings.sort()).toEqual([
      expect.stringMatching(/^Skipped .*dangling\.txt: it is a link to nothing readable \(ENOENT\)\.$/),
      expect.stringMatching(/^Skipped the link .*loop: it leads to a folder already read/),
    ]);
  });
});

describe('GIVEN a subfolder the user may not read', () => {
  it('THEN `archivist index` skips it with one warning and indexes the rest (exit 0)', async () => {
    const dir = await folder();
    const corpus = path.join(dir, 'corpus');
    await mkdir(path.join(corpus, 'private'), { recursive: true });
    await writeFile(path.join(corpus, 'ferry.txt'), ARTICLE);
    await writeFile(path.join(corpus, 'private', 'secret.txt'), ARTICLE.replace('Havana', 'Mariel'));
    await chmod(path.join(corpus, 'private'), 0o000);
    // Root reads any folder: as root, the command runs without the capabilities that let it
    // (util-linux's setpriv), so a folder it may not read stops it as it stops a person. It
    // stays the owner of the checkout, wherever that lives (a private folder included).
    const command = [BIN, 'index', '--corpus', corpus, '--index-dir', path.join(dir, 'index-data')];
    const asPerson = process.getuid?.() === 0 ? ['setpriv', ['--inh-caps=-dac_override,-dac_read_search', '--bounding-set=-dac_override,-dac_read_search', process.execPath, ...command]] as const : [process.execPath, command] as const;
    const result = spawnSync(asPerson[0], asPerson[1], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    await chmod(path.join(corpus, 'private'), 0o755);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Indexed 1 articles/);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^warning: Skipped the folder .*private: cannot read it \(EACCES\)\.$/)]);
  });
});

describe('GIVEN a sidecar whose fields do not hold', () => {
  it.each([
    [{ date: '2021-13-45' }, /"date" "2021-13-45" is not a real date \(YYYY-MM-DD\)/],
    [{ date: 'yesterday-ish' }, /"date" "yesterday-ish" is not a real date/],
    [{ date: '2021-02-29' }, /"date" "2021-02-29" is not a real date/],
    [{ date: 20130717 }, /"date" 20130717 is not a real date/],
    [{ url: 'javascript:alert(1)', title: 42 }, /"title" is not text; "url" "javascript:alert\(1\)" is not an http\(s\) address/],
    [{ publisher: 'Havana Times', pubisher: 'typo' }, /unknown field "pubisher"/],
  ])('%j THEN the field is ignored with one warning naming it, and the rest of the sidecar holds', async (fields, expected) => {
    const corpus = await folder();
    await writeFile(path.join(corpus, 'ferry.txt'), ARTICLE);
    await writeFile(path.join(corpus, 'ferry.meta.json'), JSON.stringify({ byline: 'Jane Doe', ...fields }));
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus, indexDir: null, logger });
    expect(logger.warnings).toEqual([expect.stringMatching(expected)]);
    expect(logger.warnings[0]).toMatch(/^Ignored part of the sidecar of .*ferry\.txt: /);
    const [source] = archivist.sources();
    expect(source?.byline).toBe('Jane Doe');
    expect(source?.date).toBeNull();
    const answer = (await archivist.ask('When will the weekly ferry between Key West and Havana start?')).answer;
    expect(answer?.source.date).toBeNull();
  });

  it('GIVEN a real ISO date, with or without a time THEN it is the answer\'s date, as YYYY-MM-DD', async () => {
    const corpus = await folder();
    await writeFile(path.join(corpus, 'ferry.txt'), ARTICLE);
    await writeFile(path.join(corpus, 'ferry.meta.json'), JSON.stringify({ date: '2013-07-17T10:30:00Z', url: 'https://example.org/ferry' }));
    const logger = recordingLogger();
    const archivist = await openArchivist({ corpus, indexDir: null, logger });
    expect(logger.warnings).toEqual([]);
    expect(archivist.sources()[0]).toMatchObject({ date: '2013-07-17', url: 'https://example.org/ferry' });
  });
});
