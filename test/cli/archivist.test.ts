import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEEDS, temporaryFolder } from '../helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'bin', 'archivist.js');

function archivist(args: string[], input = '', settings: Record<string, string> = {}) {
  const env = { ...process.env, ARCHIVIST_CORPUS: SEEDS, ARCHIVIST_INDEX_DIR: '', SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '', ARCHIVIST_SCORING_MODEL: '', ...settings };
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env, timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the archivist command', () => {
  it('answers one question with the sentence and its citation', () => {
    const { code, stdout } = archivist(['ask', '--index-dir', path.join(ROOT, 'index-data'), 'Who is Marie Harf?']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/spokeswoman Marie Harf/);
    expect(stdout).toMatch(/— "Cuba-US Migration Talks Held Despite NK Boat Seizure", Havana Times \(.*004_999b9fee6b16123a\.txt, ¶\d+\)/);
  });

  it('prints one JSON object with --json, in the documented shape', () => {
    const { stdout } = archivist(['ask', '--json', '--top', '2', 'How many US visas are Cubans granted each year under the accord?']);
    const result = JSON.parse(stdout);
    expect(result.answer.text).toContain('20,000');
    expect(Object.keys(result.answer.source).sort()).toEqual(['articleId', 'byline', 'date', 'file', 'paragraphId', 'paragraphIndex', 'publisher', 'title', 'url']);
    expect(result.alternatives).toHaveLength(1);
  });

  it('GIVEN no confident answer THEN the closest passages are shown (JSON: answer null, 1–3 suggestions shaped as answers); GIVEN nothing relevant THEN it says so, without suggestions', () => {
    const question = 'How many US visas are Cubans granted each year under the accord?';
    const hedged = JSON.parse(archivist(['ask', '--json', '--min-confidence', '0.99', question]).stdout);
    expect(hedged.answer).toBeNull();
    expect(hedged.noAnswerCode).toBe('low-confidence');
    expect(hedged.suggestions.length).toBeGreaterThanOrEqual(1);
    expect(hedged.suggestions.length).toBeLessThanOrEqual(3);
    expect(hedged.suggestions[0].text).toContain('20,000');
    expect(Object.keys(hedged.suggestions[0]).sort()).toEqual(['confidence', 'highlight', 'score', 'source', 'span', 'text']);
    const text = archivist(['ask', '--min-confidence', '0.99', question]).stdout;
    expect(text).toMatch(/^Not sure — the closest passages:\n1\. .*20,000.*\n  — "US, Cuba agree to resume migration talks", The Independent/);
    const nothing = JSON.parse(archivist(['ask', '--json', 'What is the weather in Havana today?']).stdout);
    expect(nothing).toMatchObject({ answer: null, noAnswerCode: 'no-match' });
    expect(nothing.suggestions).toBeUndefined();
    expect(archivist(['ask', 'What is the weather in Havana today?']).stdout).toBe('Nothing in the archive answers that.\n');
  });

  it('answers a batch from stdin, one JSON line per input line (a blank one answered empty-question), in order', () => {
    const { code, stdout } = archivist(['ask'], 'Who is Josefina Vidal?\n\nzzzz\nWhen did the OAS suspend Cuba?\n');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.question)).toEqual(['Who is Josefina Vidal?', '', 'zzzz', 'When did the OAS suspend Cuba?']);
    expect(lines[1].noAnswerCode).toBe('empty-question');
    expect(lines[2].answer).toBeNull();
    expect(lines[2].suggestions).toBeUndefined();
    expect(lines[3].answer.text).toContain('1962');
  });

  it('exits with code 2 and one clear line, no stack trace, for a missing or empty corpus', async () => {
    const missing = archivist(['ask', '--corpus', '/nonexistent/articles', 'anything']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('archivist: Corpus not found: /nonexistent/articles (give a folder of .txt/.md articles or a .jsonl file).');
    const folder = await temporaryFolder();
    const empty = archivist(['index', '--corpus', folder.dir]);
    await folder.cleanup();
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^archivist: No readable article in /);
    expect(empty.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('GIVEN ARCHIVIST_SCORING_MODEL naming another model THEN answers use it; a file that is not one stops start-up in one line', () => {
    const other = archivist(['ask', 'How many US visas are Cubans granted each year under the accord?'], '', { ARCHIVIST_SCORING_MODEL: 'docs/quality/hand-set-2.json' });
    expect(other.code).toBe(0);
    expect(other.stdout).toContain('20,000');
    for (const file of ['package.json', 'README.md', '/nonexistent/model.json']) {
      const broken = archivist(['ask', 'anything'], '', { ARCHIVIST_SCORING_MODEL: file });
      expect(broken.code).toBe(1);
      expect(broken.stderr.trim().split('\n')).toHaveLength(1);
      expect(broken.stderr).toMatch(new RegExp(`^archivist: Invalid setting ARCHIVIST_SCORING_MODEL: .*${file.replace(/[./]/g, '\\$&')}`));
    }
  });

  it('gives a usage hint for an empty question and refuses an over-long one', () => {
    expect(archivist(['ask', '  ']).stdout).toMatch(/^Ask a question/);
    expect(archivist(['ask', 'x'.repeat(1500)]).stdout).toMatch(/too long/);
  });

  it('starts the REPL over the seeds when no chat tokens are set', () => {
    const { code, stdout, stderr } = archivist(['start'], 'When did the OAS suspend Cuba?\n:quit\n');
    expect(code).toBe(0);
    expect(stderr).toMatch(/No Slack or Discord tokens configured/);
    expect(stdout).toMatch(/1962/);
  });
});
